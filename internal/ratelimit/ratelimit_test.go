package ratelimit_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/ratelimit"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// counts is a table like the callers' own (token_rate_counts), in the
// test's own database: every process's counts per key and window.
type counts struct {
	pool  *pgxpool.Pool
	table string
}

func newCounts(t *testing.T) counts {
	t.Helper()
	pool := storetest.Pool(t)
	_, err := pool.Exec(t.Context(), `CREATE TABLE test_rate_counts (
		kind text NOT NULL, subject text NOT NULL, window_start timestamptz NOT NULL, count bigint NOT NULL,
		PRIMARY KEY (kind, subject, window_start))`)
	require.NoError(t, err)
	return counts{pool: pool, table: "test_rate_counts"}
}

func (c counts) write(ctx context.Context, window time.Time, deltas []ratelimit.Delta) (map[ratelimit.Key]int64, error) {
	var kinds, subjects []string
	var ns []int64
	for _, d := range deltas {
		kinds, subjects, ns = append(kinds, d.Key.Kind), append(subjects, d.Key.Subject), append(ns, d.N)
	}
	rows, err := c.pool.Query(ctx, `
		INSERT INTO `+c.table+` AS c (kind, subject, window_start, count)
		SELECT k, s, $3, n FROM unnest($1::text[], $2::text[], $4::bigint[]) AS d(k, s, n)
		ON CONFLICT (kind, subject, window_start) DO UPDATE SET count = c.count + excluded.count
		RETURNING kind, subject, count`, kinds, subjects, window, ns)
	if err != nil {
		return nil, err
	}
	totals := map[ratelimit.Key]int64{}
	var k ratelimit.Key
	var n int64
	_, err = pgx.ForEachRow(rows, []any{&k.Kind, &k.Subject, &n}, func() error { totals[k] = n; return nil })
	return totals, err
}

func (c counts) count(t *testing.T, key ratelimit.Key, window time.Time) int64 {
	t.Helper()
	var n int64
	require.NoError(t, c.pool.QueryRow(t.Context(), `SELECT count FROM `+c.table+`
		WHERE kind = $1 AND subject = $2 AND window_start = $3`, key.Kind, key.Subject, window).Scan(&n))
	return n
}

func limitOf(n int) func(string) int { return func(string) int { return n } }

// TestLimiterSharesCounts: two processes' counts add up in Postgres once
// both have flushed; a failed write keeps the counts for the next; a new
// window starts from nothing; Retry-After is the rest of the window.
func TestLimiterSharesCounts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	key, other := ratelimit.Key{Kind: "client", Subject: "a"}, ratelimit.Key{Kind: "client", Subject: "b"}
	now := time.Date(2026, 12, 3, 7, 0, 10, 0, time.UTC)
	tb := newCounts(t)
	one, two := ratelimit.New(), ratelimit.New()
	for range 3 {
		over, _ := one.Allow(key, 5, now)
		require.False(t, over)
	}
	missing := counts{pool: tb.pool, table: "no_such_table"}
	require.Error(t, one.Flush(ctx, limitOf(5), missing.write))
	require.NoError(t, one.Flush(ctx, limitOf(5), tb.write), "the three are written at the next flush")
	require.Equal(t, int64(3), tb.count(t, key, now.Truncate(ratelimit.Window)))

	for range 2 {
		over, _ := two.Allow(key, 5, now)
		require.False(t, over, "two has not read one's counts yet")
	}
	require.NoError(t, two.Flush(ctx, limitOf(5), tb.write))
	over, retryAfter := two.Allow(key, 5, now)
	require.True(t, over, "6 of 5 in this window, over both processes")
	require.Equal(t, 50, retryAfter)
	require.NoError(t, one.Flush(ctx, limitOf(5), tb.write))
	over, _ = one.Allow(key, 5, now)
	require.True(t, over, "one reads back the total of a key near its limit")
	over, _ = one.Allow(other, 5, now)
	require.False(t, over, "another key has its own count")

	over, _ = one.Allow(key, 5, now.Add(ratelimit.Window))
	require.False(t, over, "a new window starts from nothing")
	over, _ = one.Allow(key, 0, now)
	require.False(t, over, "no limit")
}
