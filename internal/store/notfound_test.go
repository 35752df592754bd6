package store_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// ownNoRows are the files besides internal/store that may look at
// pgx.ErrNoRows themselves, because there a missing row is no "not found":
// the e-mail worker's claim of a delivery finds none when it is finished
// already, and pgdev is a development tool outside the portal.
var ownNoRows = map[string]bool{"internal/mail/send.go": true, "cmd/pgdev/db.go": true}

// TestNotFoundInOnePlace: store.NotFound is where pgx.ErrNoRows becomes
// store.ErrNotFound, so every domain read answers a missing row alike, and a
// handler answers it with 404.
func TestNotFoundInOnePlace(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	checked := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || rel == "internal/store" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, "_test.go") || ownNoRows[rel] {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		checked++
		if strings.Contains(string(b), "pgx.ErrNoRows") {
			t.Errorf("%s reads pgx.ErrNoRows: wrap the read's error with store.NotFound and test for store.ErrNotFound", rel)
		}
		return nil
	})
	require.NoError(t, err)
	require.Greater(t, checked, 10, "the walk found the module's code")
}
