package demo_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const demoPackage = "github.com/digdir/selvbetjening/internal/demo"

// mayUseDemo are the folders whose tests may load the demo data: the pages'
// tests, which show what a person meets in `make run`; the demo data's own;
// the stand-in ID-porten, whose test persons are the demo persons; and the
// programs' tests, which run the programs with their demo data.
var mayUseDemo = []string{"internal/web", "internal/demo", "internal/idportenstub", "cmd"}

// TestDomainTestsMakeTheirOwnData: a domain package's tests make what they
// need with internal/store/storetest's factories, so a change to the demo
// data never breaks them and each test says what it is about.
func TestDomainTestsMakeTheirOwnData(t *testing.T) {
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
			if strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		// Test files, and the test helpers of storetest: its factories are
		// what the domain tests use instead.
		helper := strings.HasPrefix(rel, "internal/store/storetest/")
		if !strings.HasSuffix(rel, ".go") || !strings.HasSuffix(rel, "_test.go") && !helper {
			return nil
		}
		// Benchmarks load their volume with demo's bulk loaders (COPY).
		if strings.HasSuffix(rel, "/bench_test.go") {
			return nil
		}
		for _, dir := range mayUseDemo {
			if strings.HasPrefix(rel, dir+"/") {
				return nil
			}
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		checked++
		for _, imp := range f.Imports {
			p, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				return err
			}
			if p == demoPackage {
				t.Errorf("%s imports internal/demo: make its data with internal/store/storetest's factories", rel)
			}
		}
		return nil
	})
	require.NoError(t, err)
	require.Greater(t, checked, 10, "the walk found the module's tests")
}
