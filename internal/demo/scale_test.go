package demo_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestBulkScale: the scale benchmark's data holds together, small here:
// every integration's scopes are on its row, in integration_scopes and in
// its audit entry alike, each is granted to its organisation in its
// environment, and every integration has a key; the token clients' scopes
// are theirs.
func TestBulkScale(t *testing.T) {
	t.Parallel()
	pool := storetest.Pool(t)
	ctx := context.Background()
	require.NoError(t, demo.Seed(ctx, pool))
	s := demo.Scale{Orgs: 30, Scopes: 40, Extra: 6}
	require.NoError(t, demo.BulkScale(ctx, pool, s))

	var integrations, scoped, keyed, audited, named, ungranted int
	require.NoError(t, pool.QueryRow(ctx, `
		WITH bulk AS (SELECT * FROM integrations WHERE created_by = 'Last')
		SELECT (SELECT count(*) FROM bulk),
		       (SELECT count(*) FROM bulk i WHERE i.scope_count = cardinality(i.scope_names) AND i.scope_names =
		            (SELECT array_agg(s.name ORDER BY s.name) FROM integration_scopes x JOIN scopes s ON s.id = x.scope_id
		             WHERE x.client_id = i.client_id)),
		       (SELECT count(*) FROM bulk i WHERE EXISTS (SELECT FROM integration_keys k WHERE k.client_id = i.client_id)),
		       (SELECT count(*) FROM bulk i JOIN audit_log a ON a.entity_type = 'integration' AND a.entity_id = i.client_id::text
		        WHERE a.action = 'integration.create' AND a.org_no = i.org_no AND a.after -> 'scopes' = to_jsonb(i.scope_names)),
		       (SELECT count(*) FROM bulk i WHERE cardinality(i.scope_names) > 0),
		       (SELECT count(*) FROM bulk i, unnest(i.scope_names) AS n(name) JOIN scopes s ON s.name = n.name
		        WHERE NOT EXISTS (SELECT FROM scope_grants g WHERE g.scope_id = s.id AND g.org_no = i.org_no AND g.env = i.env))`).
		Scan(&integrations, &scoped, &keyed, &audited, &named, &ungranted))
	require.Equal(t, s.Integrations(), integrations)
	require.Equal(t, integrations, scoped, "scope names on the row, scope_count and integration_scopes agree")
	require.Equal(t, integrations, keyed)
	require.Equal(t, integrations, audited)
	require.Equal(t, integrations, named)
	require.Zero(t, ungranted, "every scope on an integration is granted to its organisation there")

	var grants int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM scope_grants WHERE org_no LIKE '4%'`).Scan(&grants))
	require.Equal(t, s.Orgs*2*5, grants, "five scopes in TEST and PROD for each organisation")

	clients, err := demo.ScaleTokenClients(ctx, pool, s, 10)
	require.NoError(t, err)
	require.NotEmpty(t, clients)
	require.LessOrEqual(t, len(clients), 10)
	for _, c := range clients {
		require.NotEmpty(t, c.Scopes)
		require.NotNil(t, c.Key)
	}
}
