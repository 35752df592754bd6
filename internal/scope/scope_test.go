package scope_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/scope"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

func names(p scope.Page) []string {
	out := []string{}
	for _, s := range p.Scopes {
		out = append(out, s.Name)
	}
	return out
}

// testBundle is a provider, Skatteetaten, with three scopes, and a consumer
// with testapi shared in TEST and mva in TEST and PROD; intern is shared
// with no one, and another organisation has nothing shared.
type testBundle struct {
	ctx                    context.Context
	pool                   *pgxpool.Pool
	provider, consumer     string
	otherOrg               string
	testapi, mva, internal scope.Scope
}

func setup(t *testing.T) testBundle {
	t.Helper()
	pool := storetest.Pool(t)
	b := testBundle{ctx: context.Background(), pool: pool}
	b.provider = storetest.Organisation(t, pool, storetest.OrganisationOptions{Name: "Skatteetaten"}).No
	b.consumer = storetest.Organisation(t, pool, storetest.OrganisationOptions{}).No
	b.otherOrg = storetest.Organisation(t, pool, storetest.OrganisationOptions{}).No
	prefix := storetest.ScopePrefix(t, pool, storetest.ScopePrefixOptions{Prefix: "skatteetaten", OrgNo: b.provider}).Prefix
	b.testapi = storetest.Scope(t, pool, storetest.ScopeOptions{Prefix: prefix, Name: "skatteetaten:testapi",
		Description: "Testgrensesnitt for utviklere", MaxTokenLifetime: 600})
	b.mva = storetest.Scope(t, pool, storetest.ScopeOptions{Prefix: prefix, Name: "skatteetaten:mva",
		Description: "Merverdiavgift: innsending og oppslag", MaxTokenLifetime: 300})
	b.internal = storetest.Scope(t, pool, storetest.ScopeOptions{Prefix: prefix, Name: "skatteetaten:intern",
		Description: "Skatteetatens interne API"})
	storetest.Grant(t, pool, storetest.GrantOptions{ScopeID: b.testapi.ID, OrgNo: b.consumer, Env: environment.Test})
	storetest.Grant(t, pool, storetest.GrantOptions{ScopeID: b.mva.ID, OrgNo: b.consumer, Env: environment.Test})
	storetest.Grant(t, pool, storetest.GrantOptions{ScopeID: b.mva.ID, OrgNo: b.consumer, Env: environment.Prod})
	return b
}

func TestSharedPage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx, pool := b.ctx, b.pool
	konsument := b.consumer

	p, err := scope.SharedPage(ctx, pool, konsument, environment.Test, "", nil, 0, 10)
	require.NoError(t, err)
	require.Equal(t, []string{"skatteetaten:mva", "skatteetaten:testapi"}, names(p), "nothing chosen yet")

	p, err = scope.SharedPage(ctx, pool, konsument, environment.Test, "", []string{"skatteetaten:mva"}, 0, 10)
	require.NoError(t, err)
	require.Equal(t, []string{"skatteetaten:testapi"}, names(p), "chosen ones are left out")

	p, err = scope.SharedPage(ctx, pool, konsument, environment.Prod, "", nil, 0, 10)
	require.NoError(t, err)
	require.Equal(t, []string{"skatteetaten:mva"}, names(p), "only what is shared in PROD")

	p, err = scope.SharedPage(ctx, pool, konsument, environment.Test, "", nil, 0, 1)
	require.NoError(t, err)
	require.True(t, p.More)
	p, err = scope.SharedPage(ctx, pool, konsument, environment.Test, "", nil, 1, 1)
	require.NoError(t, err)
	require.Equal(t, []string{"skatteetaten:testapi"}, names(p))
	require.False(t, p.More)

	for _, search := range []string{"%", "_", `\`, "'; DROP TABLE scopes; --"} {
		p, err = scope.SharedPage(ctx, pool, konsument, environment.Test, search, nil, 0, 10)
		require.NoError(t, err)
		require.Empty(t, p.Scopes, "search %q is literal", search)
	}

	p, err = scope.SharedPage(ctx, pool, b.provider, environment.Test, "", nil, 0, 10)
	require.NoError(t, err)
	require.Empty(t, p.Scopes, "not shared with the provider itself")
}

func TestExplainMissing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx, pool := b.ctx, b.pool

	got, err := scope.ExplainMissing(ctx, pool, b.consumer, environment.Prod, "testapi")
	require.NoError(t, err)
	require.Equal(t, []scope.Unshared{{Name: "skatteetaten:testapi", SharedInOtherEnv: true}}, got)

	got, err = scope.ExplainMissing(ctx, pool, b.consumer, environment.Test, "skatteetaten:intern")
	require.NoError(t, err)
	require.Equal(t, []scope.Unshared{{Name: "skatteetaten:intern", SharedInOtherEnv: false}}, got)

	got, err = scope.ExplainMissing(ctx, pool, b.consumer, environment.Test, "intern")
	require.NoError(t, err)
	require.Empty(t, got, "a scope shared nowhere with us is named only on its exact name")

	got, err = scope.ExplainMissing(ctx, pool, b.otherOrg, environment.Test, ":")
	require.NoError(t, err)
	require.Empty(t, got, "the picker cannot list other organisations' scopes")

	got, err = scope.ExplainMissing(ctx, pool, b.consumer, environment.Prod, "")
	require.NoError(t, err)
	require.Equal(t, []scope.Unshared{{Name: "skatteetaten:testapi", SharedInOtherEnv: true}}, got, "nothing searched: only what TEST has")

	got, err = scope.ExplainMissing(ctx, pool, b.consumer, environment.Test, "mva")
	require.NoError(t, err)
	require.Empty(t, got, "shared, so nothing to explain")
}

// TestSharedMeansActive: a scope its provider deactivated is shared no more,
// in the picker, when saving and when explaining, although its grant stays.
func TestSharedMeansActive(t *testing.T) {
	t.Parallel()
	b := setup(t)
	prefix := storetest.ScopePrefix(t, b.pool, storetest.ScopePrefixOptions{OrgNo: b.provider}).Prefix
	old := storetest.Scope(t, b.pool, storetest.ScopeOptions{Prefix: prefix, Name: prefix + ":gammel", Inactive: true})
	storetest.Grant(t, b.pool, storetest.GrantOptions{ScopeID: old.ID, OrgNo: b.consumer, Env: environment.Test})

	p, err := scope.SharedPage(b.ctx, b.pool, b.consumer, environment.Test, "gammel", nil, 0, 10)
	require.NoError(t, err)
	require.Empty(t, p.Scopes)
	byName, err := scope.SharedByName(b.ctx, b.pool, b.consumer, environment.Test, []string{old.Name, b.mva.Name})
	require.NoError(t, err)
	require.Equal(t, map[string]scope.Scope{b.mva.Name: b.mva}, byName)
	got, err := scope.ExplainMissing(b.ctx, b.pool, b.consumer, environment.Test, old.Name)
	require.NoError(t, err)
	require.Empty(t, got, "an inactive scope is not offered, so there is nothing to explain")
}
