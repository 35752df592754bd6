package demo_test

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestSeedAuditsEveryIntegration: the seed creates its integrations as a
// person would, so each has its audit entry, and a second run adds nothing.
func TestSeedAuditsEveryIntegration(t *testing.T) {
	t.Parallel()
	pool := storetest.Pool(t)
	ctx := context.Background()
	require.NoError(t, demo.Seed(ctx, pool))
	require.NoError(t, demo.Seed(ctx, pool), "seeding twice")

	rows, err := pool.Query(ctx, `
		SELECT i.client_id, i.org_no,
		       (SELECT count(*) FROM audit_log a
		        WHERE a.entity_type = 'integration' AND a.entity_id = i.client_id::text AND a.action = $1
		          AND a.org_no = i.org_no AND a.after IS NOT NULL),
		       (SELECT count(*) FROM audit_log a WHERE a.entity_id = i.client_id::text)
		FROM integrations i ORDER BY i.name`, string(audit.IntegrationCreate))
	require.NoError(t, err)
	seen := 0
	for rows.Next() {
		var (
			clientID     uuid.UUID
			orgNo        string
			creates, all int
		)
		require.NoError(t, rows.Scan(&clientID, &orgNo, &creates, &all))
		require.Equal(t, 1, creates, "the create of %s", clientID)
		require.Equal(t, 1, all, "nothing else about %s", clientID)
		seen++

		history, err := integration.History(ctx, pool, orgNo, clientID, 10)
		require.NoError(t, err)
		require.Len(t, history, 1, "the history of %s shows its creation", clientID)
		i, err := integration.Get(ctx, pool, orgNo, clientID)
		require.NoError(t, err)
		require.Len(t, i.Scopes, 1)
		require.True(t, i.Scopes[0].Shared, "the seed's scopes are shared with it")
	}
	require.NoError(t, rows.Err())
	require.Equal(t, 2, seen, "the two integrations of Eksempel Konsument AS")
}
