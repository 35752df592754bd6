package servicedesk_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// sven is the servicedesk actor of the tests.
var sven = servicedesk.Actor(identity.Person{Subject: "sven", Name: "Sven Servicedesk", PID: storetest.PersonNumber()})

// testBundle is a fresh database: serving is the portal's role, so every
// test shows that the grants suffice; owner makes the test's data with
// storetest's factories and reads the audit log.
type testBundle struct {
	serving, owner *pgxpool.Pool
}

func setup(t *testing.T) testBundle {
	t.Helper()
	url := storetest.URL(t)
	owner, err := pgxpool.New(context.Background(), url)
	require.NoError(t, err)
	t.Cleanup(owner.Close)
	return testBundle{serving: storetest.ServingPool(t, url), owner: owner}
}

// organisation makes an organisation with this name.
func (b testBundle) organisation(t *testing.T, name string) string {
	t.Helper()
	return storetest.Organisation(t, b.owner, storetest.OrganisationOptions{Name: name}).No
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
