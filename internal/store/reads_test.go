package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestReads ends the server side of the pool's only connection, as a
// database restart ends all of them, and reads through it.
func TestReads(t *testing.T) {
	t.Parallel()
	type bundle struct {
		pool *pgxpool.Pool
		kill func() // ends the pool's connection on the server, as a restart does
	}
	setup := func(t *testing.T) bundle {
		t.Helper()
		ctx := t.Context()
		url := storetest.URL(t)
		cfg, err := pgxpool.ParseConfig(url)
		require.NoError(t, err)
		cfg.MaxConns = 1
		// A busy pool never holds a connection idle long enough for pgx to
		// ping it before use; neither does this one.
		cfg.ShouldPing = func(context.Context, pgxpool.ShouldPingParams) bool { return false }
		pool, err := pgxpool.NewWithConfig(ctx, cfg)
		require.NoError(t, err)
		t.Cleanup(pool.Close)
		admin, err := pgx.Connect(ctx, url)
		require.NoError(t, err)
		t.Cleanup(func() { _ = admin.Close(context.Background()) })
		kill := func() {
			t.Helper()
			var pid int
			require.NoError(t, pool.QueryRow(ctx, "SELECT pg_backend_pid()").Scan(&pid))
			var signalled bool
			require.NoError(t, admin.QueryRow(ctx, "SELECT pg_terminate_backend($1)", pid).Scan(&signalled))
			require.True(t, signalled)
			require.Eventually(t, func() bool {
				var n int
				require.NoError(t, admin.QueryRow(ctx, "SELECT count(*) FROM pg_stat_activity WHERE pid = $1", pid).Scan(&n))
				return n == 0
			}, 10*time.Second, 10*time.Millisecond, "backend %d should end", pid)
		}
		return bundle{pool: pool, kill: kill}
	}

	t.Run("PoolAloneFails", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		b.kill()
		var one int
		err := b.pool.QueryRow(t.Context(), "SELECT 1").Scan(&one)
		require.Error(t, err, "without Reads the dead connection costs a request")
		require.True(t, store.Unavailable(err), "%v", err)
	})

	t.Run("QueryRowTriesAgain", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		b.kill()
		var one int
		require.NoError(t, store.Reads(b.pool).QueryRow(t.Context(), "SELECT 1").Scan(&one))
		require.Equal(t, 1, one)
	})

	// A statement new to the connection fails in Query (while preparing);
	// one it has prepared before fails only in the first Next.
	for _, prepared := range []bool{false, true} {
		t.Run(map[bool]string{false: "QueryTriesAgain", true: "QueryOfPreparedStatementTriesAgain"}[prepared], func(t *testing.T) {
			t.Parallel()
			b := setup(t)
			const sql = "SELECT n FROM generate_series(1, $1::int) n"
			if prepared {
				rows, err := b.pool.Query(t.Context(), sql, 3)
				require.NoError(t, err)
				rows.Close()
			}
			b.kill()
			rows, err := store.Reads(b.pool).Query(t.Context(), sql, 3)
			require.NoError(t, err)
			got, err := pgx.CollectRows(rows, pgx.RowTo[int])
			require.NoError(t, err)
			require.Equal(t, []int{1, 2, 3}, got)
		})
	}

	t.Run("NoRowsIsNotRetried", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		var one int
		err := store.Reads(b.pool).QueryRow(t.Context(), "SELECT 1 WHERE false").Scan(&one)
		require.ErrorIs(t, err, pgx.ErrNoRows)
	})

	t.Run("ExecIsNeverRetried", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		b.kill()
		// A write that may have committed before its connection broke must
		// not run twice; Exec is how writes are sent.
		_, err := store.Reads(b.pool).Exec(t.Context(), "SELECT 1")
		require.Error(t, err)
		require.True(t, store.Unavailable(err), "%v", err)
	})
}
