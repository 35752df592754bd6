package scope_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/scope"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestPickerQueryPlan checks that the picker's query finds the
// organisation's grants through the grants' primary key (org_no, env,
// scope_id) and the open scopes through scopes_for_all: never a
// sequential scan of every grant, however many organisations have some. A
// search finds the scopes whose name or description holds it through the
// trigram index scopes_search, without reading every scope.
func TestPickerQueryPlan(t *testing.T) {
	t.Parallel()
	pool := storetest.Pool(t)
	provider := storetest.Organisation(t, pool, storetest.OrganisationOptions{}).No
	prefix := storetest.ScopePrefix(t, pool, storetest.ScopePrefixOptions{Prefix: "last", OrgNo: provider}).Prefix
	storetest.Scope(t, pool, storetest.ScopeOptions{Prefix: prefix, Name: "last:apent", AccessibleForAll: true})
	konsument := storetest.ManyScopes(t, pool, storetest.ManyScopesOptions{Prefix: prefix, Count: 10_000, Others: 5}).OrgNo

	for name, search := range map[string]string{"NoSearch": "", "Search": "api-0042"} {
		plan := storetest.Explain(t, pool, scope.SharedPageSQL,
			konsument, "TEST", "%"+search+"%", []string{}, 0, 11)
		t.Logf("%s plan:\n%s", name, plan)
		require.Contains(t, plan, "scope_grants_pkey", name)
		require.Contains(t, plan, "scopes_for_all", name)
		require.NotContains(t, plan, "Seq Scan on scope_grants", name)
		if search != "" {
			require.Contains(t, plan, "scopes_search", "a search reads the trigram index")
			require.NotContains(t, plan, "Seq Scan", name)
		}
	}

	// What the picker names beside what it offers: a search reads the
	// trigram index too, and the exact name its unique index.
	plan := storetest.Explain(t, pool, scope.ExplainSQL,
		konsument, "TEST", "%api-0042%", "PROD", "api-0042", scope.MaxUnshared)
	t.Logf("explain-missing plan:\n%s", plan)
	require.Contains(t, plan, "scopes_search")
	require.Contains(t, plan, "scopes_name_key")
}
