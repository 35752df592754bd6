package ratelimit

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Store writes every limiter's counts to rate_counts, one row per key and
// window: the token endpoint's and the REST API's alike, told apart by
// their keys' kinds.
type Store struct{ Pool *pgxpool.Pool }

// Write is a Write: it adds the deltas in one statement and reads back
// every process's totals for the keys written.
func (s Store) Write(ctx context.Context, window time.Time, deltas []Delta) (map[Key]int64, error) {
	kinds, subjects, ns := make([]string, len(deltas)), make([]string, len(deltas)), make([]int64, len(deltas))
	for i, d := range deltas {
		kinds[i], subjects[i], ns[i] = d.Key.Kind, d.Key.Subject, d.N
	}
	rows, err := s.Pool.Query(ctx, `
		INSERT INTO rate_counts AS c (kind, subject, window_start, count)
		SELECT k, s, $3, n FROM unnest($1::text[], $2::text[], $4::bigint[]) AS d(k, s, n)
		ON CONFLICT (kind, subject, window_start) DO UPDATE SET count = c.count + excluded.count
		RETURNING kind, subject, count`, kinds, subjects, window, ns)
	if err != nil {
		return nil, fmt.Errorf("add rate counts: %w", err)
	}
	totals := make(map[Key]int64, len(deltas))
	var k Key
	var n int64
	if _, err := pgx.ForEachRow(rows, []any{&k.Kind, &k.Subject, &n}, func() error { totals[k] = n; return nil }); err != nil {
		return nil, fmt.Errorf("read rate counts: %w", err)
	}
	return totals, nil
}

// Sweep deletes the windows that began before, of every kind.
func (s Store) Sweep(ctx context.Context, before time.Time) error {
	if _, err := s.Pool.Exec(ctx, `DELETE FROM rate_counts WHERE window_start < $1`, before); err != nil {
		return fmt.Errorf("sweep rate counts: %w", err)
	}
	return nil
}
