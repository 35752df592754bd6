package audit_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/consttest"
)

// TestActionsListsEveryAction: the list the text catalogue and the
// servicedesk console's filter are built from holds every Action constant.
func TestActionsListsEveryAction(t *testing.T) {
	t.Parallel()
	var listed []string
	for _, a := range audit.Actions() {
		listed = append(listed, string(a))
	}
	declared := consttest.Values(consttest.StringConstants(t, ".", ""))
	require.NotEmpty(t, declared)
	require.ElementsMatch(t, declared, listed)
}
