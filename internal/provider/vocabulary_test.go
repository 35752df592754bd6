package provider_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/consttest"
	"github.com/digdir/selvbetjening/internal/provider"
)

// TestVocabularyListsEveryCode: the lists the text catalogue is checked
// against hold every Code… and Field… constant of the package.
func TestVocabularyListsEveryCode(t *testing.T) {
	t.Parallel()
	require.ElementsMatch(t, consttest.Values(consttest.StringConstants(t, ".", "Code")), provider.FieldCodes())
	require.ElementsMatch(t, consttest.Values(consttest.StringConstants(t, ".", "Field")), provider.Fields())
}
