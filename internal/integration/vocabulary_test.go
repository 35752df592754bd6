package integration_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/integration"
)

// TestVocabularyListsEveryCode: the lists the text catalogue is checked
// against hold every Code… and Action… constant of the package, so a new
// code cannot go without words.
func TestVocabularyListsEveryCode(t *testing.T) {
	t.Parallel()
	consts := stringConstants(t)
	var codes, actions []string
	for name, value := range consts {
		switch {
		case strings.HasPrefix(name, "Code"):
			codes = append(codes, value)
		case strings.HasPrefix(name, "Action"):
			actions = append(actions, value)
		}
	}
	require.NotEmpty(t, codes)
	require.ElementsMatch(t, codes, integration.FieldCodes())
	require.ElementsMatch(t, actions, integration.AuditActions())
}

// stringConstants reads the package's exported string constants from its source.
func stringConstants(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	out := map[string]string{}
	for _, file := range slices.DeleteFunc(files, func(f string) bool { return strings.HasSuffix(f, "_test.go") }) {
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
		require.NoError(t, err)
		for _, decl := range f.Decls {
			d, ok := decl.(*ast.GenDecl)
			if !ok || d.Tok != token.CONST {
				continue
			}
			for _, spec := range d.Specs {
				v := spec.(*ast.ValueSpec)
				for i, name := range v.Names {
					if lit, ok := v.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING && name.IsExported() {
						out[name.Name], _ = strconv.Unquote(lit.Value)
					}
				}
			}
		}
	}
	return out
}
