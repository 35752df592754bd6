package ratelimit_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/ratelimit"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// counts is rate_counts in the test's own database: every process's
// counts per key and window.
type counts struct {
	pool  *pgxpool.Pool
	write ratelimit.Write
}

func newCounts(t *testing.T) counts {
	t.Helper()
	pool := storetest.Pool(t)
	return counts{pool: pool, write: ratelimit.Store{Pool: pool}.Write}
}

// down is a Write as when Postgres cannot be reached.
func down(context.Context, time.Time, []ratelimit.Delta) (map[ratelimit.Key]int64, error) {
	return nil, errors.New("connection refused")
}

func (c counts) count(t *testing.T, key ratelimit.Key, window time.Time) int64 {
	t.Helper()
	var n int64
	require.NoError(t, c.pool.QueryRow(t.Context(), `SELECT count FROM rate_counts
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
	require.Error(t, one.Flush(ctx, limitOf(5), down))
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

// TestStoreKeepsKindsApart: the token endpoint's and the API's counts share
// rate_counts, each kind its own; a sweep deletes old windows of every kind.
func TestStoreKeepsKindsApart(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tb := newCounts(t)
	window := time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)
	token, api := ratelimit.Key{Kind: "client", Subject: "c1"}, ratelimit.Key{Kind: "api_client", Subject: "c1"}
	totals, err := tb.write(ctx, window, []ratelimit.Delta{{Key: token, N: 2}, {Key: api, N: 5}})
	require.NoError(t, err)
	require.Equal(t, map[ratelimit.Key]int64{token: 2, api: 5}, totals)
	totals, err = tb.write(ctx, window, []ratelimit.Delta{{Key: api, N: 1}})
	require.NoError(t, err)
	require.Equal(t, map[ratelimit.Key]int64{api: 6}, totals)
	require.Equal(t, int64(2), tb.count(t, token, window))

	_, err = tb.write(ctx, window, []ratelimit.Delta{{Key: ratelimit.Key{Kind: "someone_else", Subject: "x"}, N: 1}})
	require.Error(t, err, "a kind no limit has is refused by the table")

	later := window.Add(2 * ratelimit.Window)
	_, err = tb.write(ctx, later, []ratelimit.Delta{{Key: token, N: 1}})
	require.NoError(t, err)
	require.NoError(t, ratelimit.Store{Pool: tb.pool}.Sweep(ctx, later))
	var left int
	require.NoError(t, tb.pool.QueryRow(ctx, `SELECT count(*) FROM rate_counts`).Scan(&left))
	require.Equal(t, 1, left, "only the later window is kept")
}
