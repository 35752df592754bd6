package scope_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
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

func TestSharedPage(t *testing.T) {
	t.Parallel()
	pool := storetest.Pool(t)
	ctx := context.Background()
	require.NoError(t, demo.Seed(ctx, pool))
	konsument := demo.EksempelKonsument

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

	p, err = scope.SharedPage(ctx, pool, demo.Skatteetaten, environment.Test, "", nil, 0, 10)
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
	pool := storetest.Pool(t)
	ctx := context.Background()
	require.NoError(t, demo.Seed(ctx, pool))
	byName, err := scope.SharedByName(ctx, pool, demo.DeltDomene, environment.Prod,
		[]string{"skatteetaten:rentesatser", "skatteetaten:mva", "skatteetaten:intern"})
	require.NoError(t, err)
	require.Len(t, byName, 1)
	require.Contains(t, byName, "skatteetaten:rentesatser")
}

func TestExplainMissing(t *testing.T) {
	t.Parallel()
	pool := storetest.Pool(t)
	ctx := context.Background()
	require.NoError(t, demo.Seed(ctx, pool))

	got, err := scope.ExplainMissing(ctx, pool, demo.EksempelKonsument, environment.Prod, "testapi")
	require.NoError(t, err)
	require.Equal(t, []scope.Unshared{{Name: "skatteetaten:testapi", SharedInOtherEnv: true, CanAsk: true}}, got)

	got, err = scope.ExplainMissing(ctx, pool, demo.EksempelKonsument, environment.Test, "skatteetaten:intern")
	require.NoError(t, err)
	require.Equal(t, []scope.Unshared{{Name: "skatteetaten:intern"}}, got, "private: named on its exact name, nothing to ask")

	got, err = scope.ExplainMissing(ctx, pool, demo.EksempelKonsument, environment.Test, "intern")
	require.NoError(t, err)
	require.Empty(t, got, "a private scope shared nowhere with us is named only on its exact name")

	got, err = scope.ExplainMissing(ctx, pool, demo.EksempelKonsument, environment.Test, "skattemelding")
	require.NoError(t, err)
	require.Equal(t, []scope.Unshared{{Name: "skatteetaten:skattemelding", CanAsk: true}}, got, "public, not shared: ask for it")

	got, err = scope.ExplainMissing(ctx, pool, demo.DeltDomene, environment.Test, ":")
	require.NoError(t, err)
	for _, u := range got {
		require.NotEqual(t, "skatteetaten:intern", u.Name, "the picker cannot list private scopes")
		require.NotEqual(t, "skatteetaten:rentesatser", u.Name, "open to all: offered, not missing")
	}
	require.NotEmpty(t, got, "public scopes are listed for every organisation")

	got, err = scope.ExplainMissing(ctx, pool, demo.EksempelKonsument, environment.Prod, "")
	require.NoError(t, err)
	require.Equal(t, []scope.Unshared{
		{Name: "skatteetaten:testapi", SharedInOtherEnv: true, CanAsk: true},
		{Name: "skatteetaten:skattemelding", CanAsk: true},
	}, got, "nothing searched: what TEST has first, then what is public")

	got, err = scope.ExplainMissing(ctx, pool, demo.EksempelKonsument, environment.Test, "mva")
	require.NoError(t, err)
	require.Empty(t, got, "shared, so nothing to explain")

	_, err = pool.Exec(ctx, `
		INSERT INTO scope_access_requests (scope_id, org_no, env, requested_by)
		SELECT id, $1, 'TEST', 'Kari' FROM scopes WHERE name = 'skatteetaten:skattemelding'`, demo.EksempelKonsument)
	require.NoError(t, err)
	got, err = scope.ExplainMissing(ctx, pool, demo.EksempelKonsument, environment.Test, "skattemelding")
	require.NoError(t, err)
	require.Equal(t, []scope.Unshared{{Name: "skatteetaten:skattemelding", CanAsk: true, Asked: true}}, got)
}
