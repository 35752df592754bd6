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

	p, err = scope.SharedPage(ctx, pool, demo.Skatteetaten, environment.Test, "", nil, 0, 10)
	require.NoError(t, err)
	require.Empty(t, p.Scopes, "not shared with the provider itself")
}

func TestExplainMissing(t *testing.T) {
	t.Parallel()
	pool := storetest.Pool(t)
	ctx := context.Background()
	require.NoError(t, demo.Seed(ctx, pool))

	got, err := scope.ExplainMissing(ctx, pool, demo.EksempelKonsument, environment.Prod, "testapi")
	require.NoError(t, err)
	require.Equal(t, []scope.Unshared{{Name: "skatteetaten:testapi", SharedInOtherEnv: true}}, got)

	got, err = scope.ExplainMissing(ctx, pool, demo.EksempelKonsument, environment.Test, "skatteetaten:intern")
	require.NoError(t, err)
	require.Equal(t, []scope.Unshared{{Name: "skatteetaten:intern", SharedInOtherEnv: false}}, got)

	got, err = scope.ExplainMissing(ctx, pool, demo.EksempelKonsument, environment.Test, "intern")
	require.NoError(t, err)
	require.Empty(t, got, "a scope shared nowhere with us is named only on its exact name")

	got, err = scope.ExplainMissing(ctx, pool, demo.DeltDomene, environment.Test, ":")
	require.NoError(t, err)
	require.Empty(t, got, "the picker cannot list other organisations' scopes")

	got, err = scope.ExplainMissing(ctx, pool, demo.EksempelKonsument, environment.Prod, "")
	require.NoError(t, err)
	require.Equal(t, []scope.Unshared{{Name: "skatteetaten:testapi", SharedInOtherEnv: true}}, got, "nothing searched: only what TEST has")

	got, err = scope.ExplainMissing(ctx, pool, demo.EksempelKonsument, environment.Test, "mva")
	require.NoError(t, err)
	require.Empty(t, got, "shared, so nothing to explain")
}
