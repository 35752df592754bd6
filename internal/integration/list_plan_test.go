package integration_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestListQueryPlan checks that both list queries read the index in order
// and stop after a page: no sequential scan, no sort, whatever the org's size.
func TestListQueryPlan(t *testing.T) {
	t.Parallel()
	pool := storetest.Pool(t)
	ctx := context.Background()
	// A large organisation among others, both environments, some deactivated.
	konsument := storetest.Organisation(t, pool, storetest.OrganisationOptions{}).No
	storetest.ManyIntegrations(t, pool, storetest.ManyIntegrationsOptions{OrgNo: konsument, Count: 5000, Active: true})
	storetest.ManyIntegrations(t, pool, storetest.ManyIntegrationsOptions{OrgNo: konsument, Count: 500})
	for _, env := range environment.All() {
		storetest.ManyIntegrations(t, pool, storetest.ManyIntegrationsOptions{Env: env, Count: 5000, Active: true})
	}

	plans := map[string][]any{
		"first": {integration.ListFirstSQL, konsument, "TEST", true, integration.PageSize + 1},
		"after": {integration.ListAfterSQL, konsument, "TEST", true, integration.PageSize + 1, time.Now().Add(-time.Hour), uuid.New()},
	}
	for name, q := range plans {
		rows, err := pool.Query(ctx, "EXPLAIN "+q[0].(string), q[1:]...)
		require.NoError(t, err)
		var lines []string
		for rows.Next() {
			var line string
			require.NoError(t, rows.Scan(&line))
			lines = append(lines, line)
		}
		require.NoError(t, rows.Err())
		plan := strings.Join(lines, "\n")
		t.Logf("%s page plan:\n%s", name, plan)
		require.Contains(t, plan, "integrations_list", name)
		require.NotContains(t, plan, "Seq Scan", name)
		require.NotContains(t, plan, "Sort", name)
	}
}
