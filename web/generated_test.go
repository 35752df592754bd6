package web_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestTemplGeneratedCodeIsCurrent regenerates every templ component of the
// module in a scratch copy and fails if a committed *_templ.go differs, is
// missing, or has lost its .templ source.
func TestTemplGeneratedCodeIsCurrent(t *testing.T) {
	t.Parallel()
	goBin, err := exec.LookPath("go")
	require.NoError(t, err, "the go command is needed to run templ")
	root := moduleRoot(t, goBin)

	templs, generated := templFiles(t, root)
	if len(templs) == 0 {
		t.Log("no .templ files in the module; nothing to check")
		return
	}

	scratch := t.TempDir()
	files := append(append([]string{"go.mod"}, templs...), generated...)
	if _, err := os.Stat(filepath.Join(root, "go.sum")); err == nil {
		files = append(files, "go.sum")
	}
	for _, rel := range files {
		copyFile(t, filepath.Join(root, rel), filepath.Join(scratch, rel))
	}
	// Run from the module root so that "go tool" finds the templ version
	// pinned in go.mod.
	cmd := exec.CommandContext(t.Context(), goBin, "tool", "templ", "generate", "-path", scratch)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go tool templ generate failed:\n%s", out)

	var stale []string
	hasSource := map[string]bool{}
	for _, rel := range templs {
		gen := strings.TrimSuffix(rel, ".templ") + "_templ.go"
		hasSource[gen] = true
		want, err := os.ReadFile(filepath.Join(scratch, gen))
		require.NoError(t, err, "templ generate wrote no %s:\n%s", gen, out)
		got, err := os.ReadFile(filepath.Join(root, gen))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			stale = append(stale, gen+" (missing)")
		case err != nil:
			t.Fatal(err)
		case !bytes.Equal(got, want):
			stale = append(stale, gen)
		}
	}
	for _, gen := range generated {
		if !hasSource[gen] {
			stale = append(stale, gen+" (its .templ file is gone: delete it)")
		}
	}
	if len(stale) > 0 {
		t.Errorf("templ-generated code is stale; run make generate and commit the result:\n  %s",
			strings.Join(stale, "\n  "))
	}
}

// moduleRoot asks the go command where this module's go.mod is.
func moduleRoot(t *testing.T, goBin string) string {
	t.Helper()
	out, err := exec.CommandContext(t.Context(), goBin, "env", "GOMOD").Output()
	require.NoError(t, err, "go env GOMOD")
	gomod := strings.TrimSpace(string(out))
	require.True(t, filepath.IsAbs(gomod), "not inside a module (go env GOMOD = %q)", gomod)
	return filepath.Dir(gomod)
}

// templFiles lists, relative to root, the module's *.templ and *_templ.go
// files. Like the go command it skips testdata, vendor, hidden and
// underscore directories and nested modules; it also skips bin and
// node_modules.
func templFiles(t *testing.T, root string) (templs, generated []string) {
	t.Helper()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path == root {
				return nil
			}
			switch {
			case strings.HasPrefix(name, "."), strings.HasPrefix(name, "_"),
				name == "testdata", name == "vendor", name == "node_modules", name == "bin":
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		switch {
		case strings.HasSuffix(name, ".templ"):
			templs = append(templs, rel)
		case strings.HasSuffix(name, "_templ.go"):
			generated = append(generated, rel)
		}
		return nil
	})
	require.NoError(t, err)
	return templs, generated
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Dir(to), 0o755))
	require.NoError(t, os.WriteFile(to, b, 0o644))
}
