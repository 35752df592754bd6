package integration_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestListModelsScopeNames: the REST API's list reads each integration's
// scope names from its row, and they follow integration_scopes whoever
// writes it: a create, a save that replaces the scopes, a hand-made change.
func TestListModelsScopeNames(t *testing.T) {
	t.Parallel()
	pool := storetest.Pool(t)
	ctx := t.Context()
	orgNo := storetest.Organisation(t, pool, storetest.OrganisationOptions{}).No
	prefix := storetest.ScopePrefix(t, pool, storetest.ScopePrefixOptions{}).Prefix
	shared := func(name string) string {
		s := storetest.Scope(t, pool, storetest.ScopeOptions{Prefix: prefix, Name: prefix + ":" + name})
		storetest.Grant(t, pool, storetest.GrantOptions{ScopeID: s.ID, OrgNo: orgNo})
		return s.Name
	}
	b, a, c := shared("b"), shared("a"), shared("c")
	i := storetest.Integration(t, pool, storetest.IntegrationOptions{OrgNo: orgNo, Scopes: []string{b, a}})
	names := func() []string {
		t.Helper()
		page, err := integration.ListModels(ctx, pool, orgNo, environment.Test, true, nil, integration.PageSize)
		require.NoError(t, err)
		require.Len(t, page.Items, 1)
		return page.Items[0].ScopeNames
	}
	require.Equal(t, []string{a, b}, names(), "sorted by name")

	actor := identity.Actor{Person: identity.Person{Name: "Testdata"}, OrgNo: orgNo}
	require.NoError(t, integration.Update(ctx, pool, actor, i.ClientID, i.Version, integration.Draft{
		Service: integration.ServiceMaskinporten, Name: i.Name, Scopes: []string{c}, TokenLifetime: "120"}))
	require.Equal(t, []string{c}, names(), "a save replaces the names with its scopes")

	_, err := pool.Exec(ctx, `DELETE FROM integration_scopes WHERE client_id = $1`, i.ClientID)
	require.NoError(t, err)
	require.Empty(t, names(), "any writer of integration_scopes keeps them in step")
}
