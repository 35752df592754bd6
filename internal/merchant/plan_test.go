package merchant_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestQueryPlans: among ten thousand organisations with merchant data, the
// services page reads one organisation's rows by index, and the points of
// many organisations come by the index on (service, org_no); the console
// reads one organisation's data of every service by index.
func TestQueryPlans(t *testing.T) {
	t.Parallel()
	pool := storetest.Pool(t)
	ctx := context.Background()
	orgNos := storetest.ManyMerchant(t, pool, storetest.ManyMerchantOptions{Count: 10000, PointsEach: 2})
	// A fifth of them are providers too.
	_, err := pool.Exec(ctx, `
		INSERT INTO scope_prefixes (prefix, org_no) SELECT 'prefiks-' || o, o FROM unnest($1::text[]) AS o`, orgNos[:2000])
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `ANALYZE scope_prefixes`)
	require.NoError(t, err)

	explain := func(q string, args ...any) string {
		t.Helper()
		return storetest.Explain(t, pool, q, args...)
	}
	plan := explain(merchant.StatusListSQL, orgNos[5000])
	t.Logf("status list:\n%s", plan)
	require.NotContains(t, plan, "Seq Scan on notification_points")
	require.NotContains(t, plan, "Seq Scan on merchant_data")
	require.NotContains(t, plan, "Seq Scan on scope_prefixes")

	plan = explain(merchant.NotificationPointsSQL, string(merchant.Consumer), orgNos[:100])
	t.Logf("notification points of 100 organisations:\n%s", plan)
	require.Contains(t, plan, "notification_points_service")
	require.NotContains(t, plan, "Seq Scan")

	for _, q := range []string{merchant.AllSQL, merchant.AllPointsSQL} {
		plan = explain(q, orgNos[5000])
		t.Logf("one organisation's merchant data for the console:\n%s", plan)
		require.NotContains(t, plan, "Seq Scan")
	}
}
