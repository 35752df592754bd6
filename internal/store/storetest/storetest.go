// Package storetest gives each test its own Postgres database, cloned from a
// template that the migrations built once. Never a mock: coder/coder's years
// with a fake database showed how fakes drift from the real thing.
package storetest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver for pgtestdb
	"github.com/peterldowns/pgtestdb"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/migrations"
)

// migrator builds the template with our real migrations; its hash changes
// whenever a migration file does, or River's (a new River version), so a
// stale template is never reused.
type migrator struct{}

func (migrator) Hash() (string, error) {
	h := sha256.New()
	queue, err := store.QueueMigrator(nil)
	if err != nil {
		return "", err
	}
	for _, m := range queue.AllVersions() {
		fmt.Fprintf(h, "river %d %s\n", m.Version, m.Name)
		h.Write([]byte(m.SQLUp))
	}
	err = fs.WalkDir(migrations.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.FS, path)
		h.Write([]byte(path))
		h.Write(b)
		return err
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

func (migrator) Migrate(ctx context.Context, db *sql.DB, _ pgtestdb.Config) error {
	return store.MigrateDB(ctx, db)
}

// URL returns the URL of a fresh, migrated database for this test. It
// connects as the database's owner (pgtestdb's role, without superuser or
// CREATEROLE rights), like the role that runs migrations in production.
func URL(t testing.TB) string {
	t.Helper()
	return pgtestdb.Custom(t, adminConfig(t), migrator{}).URL()
}

// EmptyURL returns the URL of a fresh database without any migration
// applied, owned by the same role as URL's.
func EmptyURL(t testing.TB) string {
	t.Helper()
	return pgtestdb.Custom(t, adminConfig(t), pgtestdb.NoopMigrator{}).URL()
}

// ServingURL is dbURL, from URL, as the serving role: a login role in
// store.ServingRole, with only the rights the migrations grant it, as the
// portal has in production. Roles belong to the cluster, and the grants come
// with the cloned template.
func ServingURL(t testing.TB, dbURL string) string {
	t.Helper()
	u, err := url.Parse(dbURL)
	require.NoError(t, err)
	u.User = url.UserPassword(servingLogin, servingPassword)
	return u.String()
}

// ServingPool is a pool on dbURL as the serving role, closed when the test ends.
func ServingPool(t testing.TB, dbURL string) *pgxpool.Pool {
	t.Helper()
	pool, err := store.Open(context.Background(), ServingURL(t, dbURL))
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return pool
}

// servingLogin is the tests' serving role. Its password is fixed, like that
// of pgtestdb's own role: it only ever reaches throwaway test databases.
const servingLogin, servingPassword = "selvbetjening_test_portal", "selvbetjening-test"

var (
	rolesOnce sync.Once
	rolesErr  error
)

// createRoles makes store.ServingRole and the tests' serving login, once per
// test binary, with the superuser's connection: the databases' owner may not
// create roles, so the migrations find the group role made, as they do in a
// production set-up whose operator made it.
func createRoles(t testing.TB, admin pgtestdb.Config) {
	t.Helper()
	rolesOnce.Do(func() {
		ctx := context.Background()
		conn, err := pgx.Connect(ctx, admin.URL())
		if err != nil {
			rolesErr = err
			return
		}
		defer conn.Close(ctx)
		rolesErr = store.CreateServingLogin(ctx, conn, servingLogin, servingPassword)
	})
	require.NoError(t, rolesErr, "create the serving roles with DATABASE_URL")
}

// adminConfig is DATABASE_URL, a superuser's, for pgtestdb.
func adminConfig(t testing.TB) pgtestdb.Config {
	t.Helper()
	admin := os.Getenv("DATABASE_URL")
	if admin == "" {
		t.Fatal("DATABASE_URL is not set: run the tests with `make test`, which starts a throwaway Postgres")
	}
	u, err := url.Parse(admin)
	require.NoError(t, err, "parse DATABASE_URL")
	pw, _ := u.User.Password()
	conf := pgtestdb.Config{
		DriverName:                "pgx",
		Host:                      u.Hostname(),
		Port:                      u.Port(),
		User:                      u.User.Username(),
		Password:                  pw,
		Database:                  u.Path[1:],
		Options:                   "sslmode=disable",
		ForceTerminateConnections: true,
	}
	createRoles(t, conf)
	return conf
}

// Pool returns a pool on a fresh, migrated database, closed when the test ends.
func Pool(t testing.TB) *pgxpool.Pool {
	t.Helper()
	pool, err := store.Open(context.Background(), URL(t))
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return pool
}
