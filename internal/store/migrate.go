package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/digdir/selvbetjening/migrations"
)

// Migrate applies every pending migration. Several portals may start at once
// on one database: each waits for a session-level advisory lock, so one
// migrates while the others wait and then find nothing left to do.
func Migrate(ctx context.Context, pool *pgxpool.Pool) error {
	db := stdlib.OpenDBFromPool(pool)
	defer db.Close()
	return MigrateDB(ctx, db)
}

// MigrateDB is Migrate for a database/sql handle (the test template uses it).
//
// Two schemas are applied under one lock: first the job queue's (River's own
// migrations, from the River version in go.mod), then ours (migrations/), so
// that our migrations may grant the serving role its rights on River's tables.
func MigrateDB(ctx context.Context, db *sql.DB) (err error) {
	// Ask for the lock every second, for up to five minutes (goose's default
	// would keep a waiting portal idle for five seconds after the first is done).
	// It is goose's own lock with its default id, so a portal of an older
	// version, which locks only around goose, still waits for this one.
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
	if err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	defer conn.Close()
	if err := locker.SessionLock(ctx, conn); err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	defer func() {
		if unlockErr := locker.SessionUnlock(context.WithoutCancel(ctx), conn); unlockErr != nil {
			err = errors.Join(err, fmt.Errorf("migration unlock: %w", unlockErr))
		}
	}()

	if err := migrateQueue(ctx, db); err != nil {
		return err
	}
	// The lock is held already, on conn: goose must not take it again on
	// another connection, where it would wait for itself. Features are built
	// side by side, so a database may have a later migration before an earlier
	// one lands: apply the missing ones rather than refuse.
	provider, err := goose.NewProvider(goose.DialectPostgres, db, migrations.FS,
		goose.WithLogger(goose.NopLogger()), goose.WithAllowOutofOrder(true))
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
	}
	results, err := provider.Up(ctx)
	if err != nil {
		return fmt.Errorf("apply migrations: %w", err)
	}
	for _, r := range results {
		slog.InfoContext(ctx, "migration applied", "version", r.Source.Version, "file", r.Source.Path)
	}
	return nil
}

// migrateQueue applies River's pending migrations, each in its own
// transaction, as River's migrator does; its SQL comes with the module.
func migrateQueue(ctx context.Context, db *sql.DB) error {
	migrator, err := QueueMigrator(db)
	if err != nil {
		return err
	}
	res, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return fmt.Errorf("apply job queue migrations: %w", err)
	}
	for _, v := range res.Versions {
		slog.InfoContext(ctx, "job queue migration applied", "version", v.Version, "name", v.Name)
	}
	return nil
}

// QueueMigrator is River's migrator on db; with a nil db it can still list
// the migrations it would apply (the test template's hash uses that).
func QueueMigrator(db *sql.DB) (*rivermigrate.Migrator[*sql.Tx], error) {
	quiet := slog.New(slog.DiscardHandler)
	migrator, err := rivermigrate.New(riverdatabasesql.New(db), &rivermigrate.Config{Logger: quiet})
	if err != nil {
		return nil, fmt.Errorf("job queue migrations: %w", err)
	}
	return migrator, nil
}
