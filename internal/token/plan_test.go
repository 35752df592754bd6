package token_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/store/storetest"
	"github.com/digdir/selvbetjening/internal/token"
)

// TestLookUpPlan: among 4,000 integrations with a key and three scopes each,
// and 2,000 scopes shared with their organisation and five others, the
// token request's SELECT reads every row by primary key or unique index,
// and keeps one generic plan instead of planning every execution anew.
func TestLookUpPlan(t *testing.T) {
	t.Parallel()
	pool := storetest.Pool(t)
	ctx := context.Background()
	org := storetest.Organisation(t, pool, storetest.OrganisationOptions{}).No
	many := storetest.ManyScopes(t, pool, storetest.ManyScopesOptions{OrgNo: org, Count: 2000, Others: 5})
	storetest.ManyIntegrations(t, pool, storetest.ManyIntegrationsOptions{OrgNo: org, Count: 2000, Active: true})
	storetest.ManyIntegrations(t, pool, storetest.ManyIntegrationsOptions{Count: 2000, Active: true})
	_, err := pool.Exec(ctx, `
		INSERT INTO integration_scopes (client_id, scope_id)
		SELECT i.client_id, s.id FROM integrations i
		CROSS JOIN LATERAL (SELECT id FROM scopes WHERE prefix = $1 ORDER BY id
		                    OFFSET abs(hashtext(i.client_id::text)) % 1990 LIMIT 3) s`, many.Prefix)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `
		INSERT INTO integration_keys (client_id, kid, algorithm, key_type, bits, fingerprint, jwk, created_by)
		SELECT client_id, 'nokkel-' || client_id, 'ES256', 'EC', 256, md5(client_id::text), '{}', 'Testdata' FROM integrations`)
	require.NoError(t, err)
	names := []string{many.Prefix + ":api-00007", many.Prefix + ":api-01234"}
	i := storetest.Integration(t, pool, storetest.IntegrationOptions{OrgNo: org, Scopes: names})
	k := storetest.Key(t, pool, storetest.KeyOptions{Integration: i})
	_, err = pool.Exec(ctx, `ANALYZE integrations, integration_keys, integration_scopes, scopes, scope_grants`)
	require.NoError(t, err)

	// The statement prepared as pgx prepares it, and run more than the five
	// times after which Postgres weighs a generic plan: it keeps that one.
	conn, err := pool.Acquire(ctx)
	require.NoError(t, err)
	defer conn.Release()
	_, err = conn.Conn().Prepare(ctx, "look_up", token.LookUpSQL)
	require.NoError(t, err)
	args := []any{i.ClientID, k.KID, append(names, "finnes:ikke")}
	for range 10 {
		var orgNo string
		require.NoError(t, conn.QueryRow(ctx, "look_up", args...).Scan(&orgNo, nil, nil, nil, nil, nil, nil, nil, nil))
		require.Equal(t, org, orgNo)
	}
	var generic, custom int64
	require.NoError(t, conn.QueryRow(ctx, `SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'look_up'`).
		Scan(&generic, &custom))
	require.Equal(t, int64(5), custom, "planned anew only for the first five executions")
	require.Equal(t, int64(5), generic)

	// That generic plan, as EXPLAIN EXECUTE shows it of the same statement
	// prepared in SQL (EXPLAIN of the statement itself would plan it for
	// the values given).
	_, err = conn.Exec(ctx, "PREPARE look_up_sql AS "+token.LookUpSQL)
	require.NoError(t, err)
	_, err = conn.Exec(ctx, `SET plan_cache_mode = force_generic_plan`)
	require.NoError(t, err)
	plan := storetest.Explain(t, conn, fmt.Sprintf("EXECUTE look_up_sql ('%s', '%s', ARRAY['%s'])",
		i.ClientID, k.KID, strings.Join(names, "', '")), pgx.QueryExecModeSimpleProtocol)
	t.Logf("token lookup:\n%s", plan)
	require.NotContains(t, plan, "Seq Scan")
	require.Contains(t, plan, "(client_id = $1)", "the parameters are not in the plan as values")
	for _, index := range []string{"integrations_pkey", "integration_keys_", "integration_scopes_pkey", "scopes_", "scope_grants_pkey"} {
		require.Contains(t, plan, index)
	}
	require.Contains(t, plan, "Index Cond: ((org_no = i.org_no) AND (env = i.env) AND (scope_id = s.id))",
		"each grant by its key, not all of the organisation's grants")
}
