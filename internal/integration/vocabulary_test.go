package integration_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/consttest"
	"github.com/digdir/selvbetjening/internal/integration"
)

// TestVocabularyListsEveryCode: the lists the text catalogue is checked
// against hold every Code… and Field… constant of the package, so a new
// code cannot go without words.
func TestVocabularyListsEveryCode(t *testing.T) {
	t.Parallel()
	codes := consttest.Values(consttest.StringConstants(t, ".", "Code"))
	require.NotEmpty(t, codes)
	require.ElementsMatch(t, codes, integration.FieldCodes())
	var fields []string
	for _, f := range integration.Fields() {
		fields = append(fields, string(f))
	}
	require.ElementsMatch(t, consttest.Values(consttest.StringConstants(t, ".", "Field")), fields)
}
