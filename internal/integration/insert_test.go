package integration_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/integration"
)

// TestNewRowFitsInsertColumns: a bulk COPY and Insert write NewRow's values
// under InsertColumns, so the two must pair up.
func TestNewRowFitsInsertColumns(t *testing.T) {
	t.Parallel()
	require.Len(t, integration.NewRow{}.Values(), len(integration.InsertColumns))
}
