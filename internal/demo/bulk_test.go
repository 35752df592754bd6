package demo_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestBulkLoad: the benchmarks' COPY fills what it says, small here.
func TestBulkLoad(t *testing.T) {
	t.Parallel()
	pool := storetest.Pool(t)
	ctx := context.Background()
	require.NoError(t, demo.Seed(ctx, pool))
	require.NoError(t, demo.BulkLoad(ctx, pool, 10, 4, 7))

	var orgs, spread, prod, inactive, extra int
	require.NoError(t, pool.QueryRow(ctx, `
		SELECT (SELECT count(*) FROM organisations WHERE org_no LIKE '4%'),
		       count(*) FILTER (WHERE org_no LIKE '4%'),
		       count(*) FILTER (WHERE org_no LIKE '4%' AND env = 'PROD'),
		       count(*) FILTER (WHERE org_no LIKE '4%' AND NOT active),
		       count(*) FILTER (WHERE org_no = $1 AND name LIKE 'Kundeintegrasjon %')
		FROM integrations`, demo.EksempelKonsument).Scan(&orgs, &spread, &prod, &inactive, &extra))
	require.Equal(t, 10, orgs)
	require.Equal(t, 40, spread)
	require.Equal(t, 10, prod, "one in four in PROD")
	require.Equal(t, 4, inactive, "one in ten deactivated")
	require.Equal(t, 7, extra)
}
