package integration_test

import (
	"regexp"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// sortNode is a Sort step in a plan (not a Merge Append's "Sort Key").
var sortNode = regexp.MustCompile(`(?m)(^|->)\s*(Incremental )?Sort\s+\(`)

// TestListQueryPlan checks that the list page's and the REST API's queries
// read the index in order and stop after a page: no sequential scan, no
// sort, no subquery per row, whatever the org's size.
func TestListQueryPlan(t *testing.T) {
	t.Parallel()
	pool := storetest.Pool(t)
	// A large organisation among others, both environments, some deactivated.
	konsument := storetest.Organisation(t, pool, storetest.OrganisationOptions{}).No
	storetest.ManyIntegrations(t, pool, storetest.ManyIntegrationsOptions{OrgNo: konsument, Count: 5000, Active: true})
	storetest.ManyIntegrations(t, pool, storetest.ManyIntegrationsOptions{OrgNo: konsument, Count: 500})
	for _, env := range environment.All() {
		storetest.ManyIntegrations(t, pool, storetest.ManyIntegrationsOptions{Env: env, Count: 5000, Active: true})
	}

	first := time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC) // ListModels' first page
	plans := map[string][]any{
		"first": {integration.ListFirstSQL, konsument, "TEST", true, integration.PageSize + 1},
		"after": {integration.ListAfterSQL, konsument, "TEST", true, integration.PageSize + 1, time.Now().Add(-time.Hour), uuid.New()},
		// The REST API's GET /clients, without and with ?inactive=true.
		"models first":          {integration.ModelsActiveSQL, konsument, "TEST", integration.PageSize + 1, first, uuid.Nil},
		"models after":          {integration.ModelsActiveSQL, konsument, "TEST", integration.PageSize + 1, time.Now().Add(-time.Hour), uuid.New()},
		"models inactive first": {integration.ModelsAllSQL, konsument, "TEST", integration.PageSize + 1, first, uuid.Nil},
		"models inactive after": {integration.ModelsAllSQL, konsument, "TEST", integration.PageSize + 1, time.Now().Add(-time.Hour), uuid.New()},
	}
	for name, q := range plans {
		plan := storetest.Explain(t, pool, q[0].(string), q[1:]...)
		t.Logf("%s page plan:\n%s", name, plan)
		require.Contains(t, plan, "integrations_list", name)
		require.NotContains(t, plan, "Seq Scan", name)
		require.NotRegexp(t, sortNode, plan, name)
		require.NotContains(t, plan, "SubPlan", name)
	}
}
