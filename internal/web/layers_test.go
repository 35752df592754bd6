package web

import (
	"go/parser"
	"go/token"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestHandlersDoNotTranslate: handlers pass domain values, errors and
// pages.Problem to the pages, which put them into words (see package
// text). A handler that imports the catalogue translates in a second layer.
func TestHandlersDoNotTranslate(t *testing.T) {
	t.Parallel()
	for _, file := range goFiles(t, ".") {
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			require.NotEqual(t, "github.com/digdir/selvbetjening/web/text", path, "%s imports the text catalogue", file)
		}
	}
}
