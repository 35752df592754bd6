package scope_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
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

// testBundle is a provider, Skatteetaten, with five scopes, and a consumer
// with testapi shared in TEST and mva in TEST and PROD; intern (private) and
// skattemelding (public) are shared with no one, rentesatser is open to all,
// and another organisation has nothing shared.
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
		Description: "Skatteetatens interne API", Visibility: storetest.VisibilityPrivate})
	storetest.Scope(t, pool, storetest.ScopeOptions{Prefix: prefix, Name: "skatteetaten:skattemelding",
		Description: "Skattemelding: innsending for regnskapsførere", MaxTokenLifetime: 300})
	storetest.Scope(t, pool, storetest.ScopeOptions{Prefix: prefix, Name: "skatteetaten:rentesatser",
		Description: "Gjeldende rentesatser, åpent for alle", MaxTokenLifetime: 600, AccessibleForAll: true})
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
	require.Equal(t, []string{"skatteetaten:mva", "skatteetaten:rentesatser", "skatteetaten:testapi"}, names(p),
		"shared in TEST, and open to all")

	p, err = scope.SharedPage(ctx, pool, konsument, environment.Test, "", []string{"skatteetaten:mva"}, 0, 10)
	require.NoError(t, err)
	require.Equal(t, []string{"skatteetaten:rentesatser", "skatteetaten:testapi"}, names(p), "chosen ones are left out")

	p, err = scope.SharedPage(ctx, pool, konsument, environment.Prod, "", nil, 0, 10)
	require.NoError(t, err)
	require.Equal(t, []string{"skatteetaten:mva", "skatteetaten:rentesatser"}, names(p), "only what is shared in PROD")

	p, err = scope.SharedPage(ctx, pool, konsument, environment.Test, "", nil, 0, 2)
	require.NoError(t, err)
	require.True(t, p.More)
	p, err = scope.SharedPage(ctx, pool, konsument, environment.Test, "", nil, 2, 2)
	require.NoError(t, err)
	require.Equal(t, []string{"skatteetaten:testapi"}, names(p))
	require.False(t, p.More)

	p, err = scope.SharedPage(ctx, pool, konsument, environment.Test, "rentesats", nil, 0, 10)
	require.NoError(t, err)
	require.Equal(t, []string{"skatteetaten:rentesatser"}, names(p))

	for _, search := range []string{"%", "_", `\`, "'; DROP TABLE scopes; --"} {
		p, err = scope.SharedPage(ctx, pool, konsument, environment.Test, search, nil, 0, 10)
		require.NoError(t, err)
		require.Empty(t, p.Scopes, "search %q is literal", search)
	}

	p, err = scope.SharedPage(ctx, pool, b.provider, environment.Test, "", nil, 0, 10)
	require.NoError(t, err)
	require.Equal(t, []string{"skatteetaten:rentesatser"}, names(p), "only what is open to all")

	_, err = pool.Exec(ctx, `UPDATE scopes SET active = false WHERE name IN ('skatteetaten:mva', 'skatteetaten:rentesatser')`)
	require.NoError(t, err)
	p, err = scope.SharedPage(ctx, pool, konsument, environment.Test, "", nil, 0, 10)
	require.NoError(t, err)
	require.Equal(t, []string{"skatteetaten:testapi"}, names(p), "deactivated scopes are not offered")
	byName, err := scope.SharedByName(ctx, pool, konsument, environment.Test, []string{"skatteetaten:mva", "skatteetaten:testapi"})
	require.NoError(t, err)
	require.Len(t, byName, 1)
}

func TestSharedByNameIncludesOpenScopes(t *testing.T) {
	t.Parallel()
	b := setup(t)
	// b.otherOrg has nothing shared: only what is open to all is offered.
	byName, err := scope.SharedByName(b.ctx, b.pool, b.otherOrg, environment.Prod,
		[]string{"skatteetaten:rentesatser", "skatteetaten:mva", "skatteetaten:intern"})
	require.NoError(t, err)
	require.Len(t, byName, 1)
	require.Contains(t, byName, "skatteetaten:rentesatser")
}

// The picker's page spells the rule as a union (for its plan); it must offer
// exactly the scopes SharedCondition offers, for every organisation and
// environment, deactivated scopes included.
func TestSharedPageAgreesWithSharedCondition(t *testing.T) {
	t.Parallel()
	b := setup(t)
	_, err := b.pool.Exec(b.ctx, `UPDATE scopes SET active = false WHERE name = 'skatteetaten:mva'`)
	require.NoError(t, err)
	storetest.Scope(t, b.pool, storetest.ScopeOptions{Prefix: "skatteetaten", Name: "skatteetaten:stengt",
		AccessibleForAll: true, Inactive: true})
	for _, orgNo := range []string{b.provider, b.consumer, b.otherOrg} {
		for _, env := range []environment.Env{environment.Test, environment.Prod} {
			p, err := scope.SharedPage(b.ctx, b.pool, orgNo, env, "", nil, 0, 100)
			require.NoError(t, err)
			rows, err := b.pool.Query(b.ctx, `SELECT s.name FROM scopes s WHERE `+
				scope.SharedCondition("$1", "$2")+` ORDER BY s.name`, orgNo, string(env))
			require.NoError(t, err)
			want, err := pgx.CollectRows(rows, pgx.RowTo[string])
			require.NoError(t, err)
			if want == nil {
				want = []string{}
			}
			require.Equal(t, want, names(p), "%s in %s", orgNo, env)
		}
	}
}

func TestExplainMissing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx, pool := b.ctx, b.pool

	got, err := scope.ExplainMissing(ctx, pool, b.consumer, environment.Prod, "testapi")
	require.NoError(t, err)
	require.Equal(t, []scope.Unshared{{Name: "skatteetaten:testapi", SharedInOtherEnv: true, CanAsk: true}}, got)

	got, err = scope.ExplainMissing(ctx, pool, b.consumer, environment.Test, "skatteetaten:intern")
	require.NoError(t, err)
	require.Equal(t, []scope.Unshared{{Name: "skatteetaten:intern"}}, got, "private: named on its exact name, nothing to ask")

	got, err = scope.ExplainMissing(ctx, pool, b.consumer, environment.Test, "intern")
	require.NoError(t, err)
	require.Empty(t, got, "a private scope shared nowhere with us is named only on its exact name")

	got, err = scope.ExplainMissing(ctx, pool, b.consumer, environment.Test, "skattemelding")
	require.NoError(t, err)
	require.Equal(t, []scope.Unshared{{Name: "skatteetaten:skattemelding", CanAsk: true}}, got, "public, not shared: ask for it")

	got, err = scope.ExplainMissing(ctx, pool, b.otherOrg, environment.Test, ":")
	require.NoError(t, err)
	for _, u := range got {
		require.NotEqual(t, "skatteetaten:intern", u.Name, "the picker cannot list private scopes")
		require.NotEqual(t, "skatteetaten:rentesatser", u.Name, "open to all: offered, not missing")
	}
	require.NotEmpty(t, got, "public scopes are listed for every organisation")

	got, err = scope.ExplainMissing(ctx, pool, b.consumer, environment.Prod, "")
	require.NoError(t, err)
	require.Equal(t, []scope.Unshared{
		{Name: "skatteetaten:testapi", SharedInOtherEnv: true, CanAsk: true},
		{Name: "skatteetaten:skattemelding", CanAsk: true},
	}, got, "nothing searched: what TEST has first, then what is public")

	got, err = scope.ExplainMissing(ctx, pool, b.consumer, environment.Test, "mva")
	require.NoError(t, err)
	require.Empty(t, got, "shared, so nothing to explain")

	_, err = pool.Exec(ctx, `
		INSERT INTO scope_access_requests (scope_id, org_no, env, requested_by)
		SELECT id, $1, 'TEST', 'Kari' FROM scopes WHERE name = 'skatteetaten:skattemelding'`, b.consumer)
	require.NoError(t, err)
	got, err = scope.ExplainMissing(ctx, pool, b.consumer, environment.Test, "skattemelding")
	require.NoError(t, err)
	require.Equal(t, []scope.Unshared{{Name: "skatteetaten:skattemelding", CanAsk: true, Asked: true}}, got)
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
