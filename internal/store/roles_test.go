package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// ungranted lists the tables, views and sequences in public on which the
// serving role has no grant of its own. goose_db_version is the migrating
// role's alone, and an identity column's sequence needs no grant.
func ungranted(ctx context.Context, db store.DB) ([]string, error) {
	rows, err := db.Query(ctx, `
		SELECT c.relname
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public'
		  AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
		  AND c.relname <> 'goose_db_version'
		  AND NOT EXISTS (SELECT FROM pg_depend d
		                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i')
		  AND NOT EXISTS (SELECT FROM aclexplode(c.relacl) a WHERE a.grantee = $1::regrole)
		ORDER BY c.relname`, store.ServingRole)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// TestEveryTableGrantsTheServingRole catches a migration that adds a table
// and forgets its GRANT to selvbetjening_app: the portal would fail on it.
func TestEveryTableGrantsTheServingRole(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := storetest.Pool(t)
	missing, err := ungranted(ctx, pool)
	require.NoError(t, err)
	require.Empty(t, missing, "every table needs a GRANT ... TO %s in its migration", store.ServingRole)

	t.Run("FindsAForgottenGrant", func(t *testing.T) {
		_, err := pool.Exec(ctx, `CREATE TABLE forgotten (id bigint GENERATED ALWAYS AS IDENTITY, n serial)`)
		require.NoError(t, err)
		missing, err := ungranted(ctx, pool)
		require.NoError(t, err)
		require.Equal(t, []string{"forgotten", "forgotten_n_seq"}, missing,
			"the serial's sequence needs a grant too; the identity's does not")
	})
}

// TestServingRoleCannotRewriteHistory: the portal's role may add to the
// audit log and read it, and nothing else: no delete, update or truncate,
// and no way around the append-only triggers.
func TestServingRoleCannotRewriteHistory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dbURL := storetest.URL(t)
	owner, err := store.Open(ctx, dbURL)
	require.NoError(t, err)
	t.Cleanup(owner.Close)
	serving := storetest.ServingPool(t, dbURL)

	insert := `INSERT INTO audit_log (actor_name, action, entity_type, entity_id) VALUES ('Test', 'test.write', 'test', '1')`
	_, err = owner.Exec(ctx, insert)
	require.NoError(t, err)
	_, err = serving.Exec(ctx, insert)
	require.NoError(t, err, "the serving role writes audit rows (the identity column needs no sequence grant)")
	count := func(p *pgxpool.Pool) int {
		var n int
		require.NoError(t, p.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE action = 'test.write'`).Scan(&n))
		return n
	}
	require.Equal(t, 2, count(serving), "the serving role reads the audit log")

	var member bool
	require.NoError(t, serving.QueryRow(ctx, `SELECT pg_has_role(current_user, $1, 'MEMBER') AND NOT rolsuper FROM pg_roles WHERE rolname = current_user`,
		store.ServingRole).Scan(&member))
	require.True(t, member, "the test connects as a plain member of %s", store.ServingRole)

	refused := []string{
		`DELETE FROM audit_log`,
		`UPDATE audit_log SET action = 'rewritten'`,
		`TRUNCATE audit_log`,
		`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`,
		`ALTER TABLE audit_log DISABLE TRIGGER ALL`,
		`DROP TRIGGER audit_log_no_update ON audit_log`,
		`DROP TABLE audit_log`,
		`ALTER TABLE audit_log RENAME TO audit_log_old`,
		`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$`,
		`SET session_replication_role = replica`, // would skip the triggers
		`GRANT DELETE ON audit_log TO ` + store.ServingRole,
	}
	for _, stmt := range refused {
		_, err := serving.Exec(ctx, stmt)
		var pgErr *pgconn.PgError
		if stmt[:5] == "GRANT" && err == nil {
			// A GRANT without the right to grant only warns; what counts is that nothing changed.
			var canDelete bool
			require.NoError(t, serving.QueryRow(ctx, `SELECT has_table_privilege('audit_log', 'DELETE')`).Scan(&canDelete))
			require.False(t, canDelete, stmt)
			continue
		}
		require.True(t, errors.As(err, &pgErr), "%s: want a permission error, got %v", stmt, err)
		require.Equal(t, "42501", pgErr.Code, "%s: want insufficient_privilege, got %s", stmt, pgErr.Message)
	}

	require.Equal(t, 2, count(owner), "no audit row is gone")
	var enabled int
	require.NoError(t, owner.QueryRow(ctx, `
		SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal AND tgenabled = 'O'`).Scan(&enabled))
	require.Equal(t, 2, enabled, "both append-only triggers are still on")
}

// TestQueueSchema: River's migrations are all applied, and its tables are
// among those the grant test checks, with the rights the worker needs.
func TestQueueSchema(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dbURL := storetest.URL(t)
	pool, err := store.Open(ctx, dbURL)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	migrator, err := store.QueueMigrator(stdlib.OpenDBFromPool(pool))
	require.NoError(t, err)
	res, err := migrator.Validate(ctx, nil)
	require.NoError(t, err)
	require.True(t, res.OK, "%v", res.Messages)

	serving := storetest.ServingPool(t, dbURL)
	for _, check := range []struct{ object, privilege string }{
		{"river_job", "INSERT"}, {"river_job", "UPDATE"}, {"river_job", "DELETE"},
		{"river_leader", "INSERT"}, {"river_queue", "UPDATE"}, {"river_migration", "SELECT"},
	} {
		var ok bool
		require.NoError(t, serving.QueryRow(ctx, `SELECT has_table_privilege($1, $2)`, check.object, check.privilege).Scan(&ok))
		require.True(t, ok, "%s on %s", check.privilege, check.object)
	}
	var nextval, alter bool
	require.NoError(t, serving.QueryRow(ctx, `SELECT has_sequence_privilege('river_job_id_seq', 'USAGE'), has_table_privilege('river_migration', 'INSERT')`).Scan(&nextval, &alter))
	require.True(t, nextval, "web requests insert jobs")
	require.False(t, alter, "only migrations change River's schema bookkeeping")
}
