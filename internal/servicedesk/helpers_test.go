package servicedesk_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// sven is the servicedesk actor of the tests.
var sven = servicedesk.Actor(identity.Person{Subject: "sven", Name: demo.Sven.Name, PID: demo.Sven.PID})

// seeded is a database with the demo data, as the serving role: every
// test shows that the grants suffice.
func seeded(t *testing.T) (serving, owner *pgxpool.Pool) {
	t.Helper()
	url := storetest.URL(t)
	owner, err := pgxpool.New(context.Background(), url)
	require.NoError(t, err)
	t.Cleanup(owner.Close)
	require.NoError(t, demo.Seed(context.Background(), owner))
	return storetest.ServingPool(t, url), owner
}

// audited lists the audit rows of an action: actor, role, org, before, after.
func audited(t *testing.T, db *pgxpool.Pool, action string) []map[string]any {
	t.Helper()
	rows, err := db.Query(context.Background(), `
		SELECT actor_name, actor_role, org_no, coalesce(before::text, ''), coalesce(after::text, '')
		FROM audit_log WHERE action = $1 ORDER BY id`, action)
	require.NoError(t, err)
	defer rows.Close()
	var out []map[string]any
	for rows.Next() {
		var name, role, org, before, after string
		require.NoError(t, rows.Scan(&name, &role, &org, &before, &after))
		out = append(out, map[string]any{"actor": name, "role": role, "org": org, "before": before, "after": after})
	}
	require.NoError(t, rows.Err())
	return out
}
