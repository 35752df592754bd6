package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

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
func MigrateDB(ctx context.Context, db *sql.DB) error {
	// Ask for the lock every second, for up to five minutes (goose's default
	// would keep a waiting portal idle for five seconds after the first is done).
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
	if err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	provider, err := goose.NewProvider(goose.DialectPostgres, db, migrations.FS,
		goose.WithLogger(goose.NopLogger()), goose.WithSessionLocker(locker))
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
