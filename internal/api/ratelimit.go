package api

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// RateWindow is the rate limit's window: so many requests a minute.
const RateWindow = time.Minute

// rateFlush is how often a process adds its counts to Postgres and reads
// back every process's totals.
const rateFlush = time.Second

// rateLimiter counts requests per API client in fixed windows. A request is
// decided in the process, on every process's total as of the last flush
// (a second ago at most) plus this process's count since: the limit is
// shared by all portals without a write per request.
type rateLimiter struct {
	pool  *pgxpool.Pool
	limit int
	log   *slog.Logger

	mu      sync.Mutex
	window  time.Time
	entries map[uuid.UUID]*rateEntry

	flushing  sync.Mutex // one flush at a time in this process
	lastFlush time.Time  // under mu
}

type rateEntry struct {
	total   int64 // every process's count as of the last flush
	pending int64 // this process's, not yet written
}

func newRateLimiter(pool *pgxpool.Pool, limit int, log *slog.Logger) *rateLimiter {
	return &rateLimiter{pool: pool, limit: limit, log: log, entries: map[uuid.UUID]*rateEntry{}}
}

// allow counts a request and refuses it when the window is over the limit.
// The first request a second after the last flush flushes, in its own
// time: the limiter needs no goroutine and no stopping.
func (l *rateLimiter) allow(ctx context.Context, client uuid.UUID, now time.Time) *Problem {
	p := l.count(client, now)
	l.mu.Lock()
	due := now.Sub(l.lastFlush) >= rateFlush
	l.mu.Unlock()
	if due && l.flushing.TryLock() {
		defer l.flushing.Unlock()
		if err := l.flush(context.WithoutCancel(ctx), now); err != nil {
			l.log.WarnContext(ctx, "api rate counts not written", "error", err)
		}
	}
	return p
}

func (l *rateLimiter) count(client uuid.UUID, now time.Time) *Problem {
	if l.limit <= 0 {
		return nil
	}
	window := now.Truncate(RateWindow)
	l.mu.Lock()
	if !window.Equal(l.window) {
		l.window, l.entries = window, map[uuid.UUID]*rateEntry{}
	}
	e := l.entries[client]
	if e == nil {
		e = &rateEntry{}
		l.entries[client] = e
	}
	e.pending++
	over := e.total+e.pending > int64(l.limit)
	l.mu.Unlock()
	if !over {
		return nil
	}
	seconds := max(1, int(window.Add(RateWindow).Sub(now).Seconds()+0.999))
	return problem(http.StatusTooManyRequests, CodeRateLimited, catalogue().RateLimited(seconds)).
		withHeader("Retry-After", strconv.Itoa(seconds))
}

// flush adds this process's counts in one statement and reads back the
// totals; it also deletes windows long past.
func (l *rateLimiter) flush(ctx context.Context, now time.Time) error {
	l.mu.Lock()
	l.lastFlush = now
	window := l.window
	var ids []uuid.UUID
	var deltas []int64
	for id, e := range l.entries {
		if e.pending > 0 || 2*e.total >= int64(l.limit) {
			ids, deltas = append(ids, id), append(deltas, e.pending)
			e.pending = 0
		}
	}
	l.mu.Unlock()
	if len(ids) == 0 {
		return nil
	}
	totals := map[uuid.UUID]int64{}
	rows, err := l.pool.Query(ctx, `
		INSERT INTO api_rate_counts AS c (client_id, window_start, count)
		SELECT id, $1, n FROM unnest($2::uuid[], $3::bigint[]) AS d(id, n)
		ON CONFLICT (client_id, window_start) DO UPDATE SET count = c.count + excluded.count
		RETURNING client_id, count`, window, ids, deltas)
	if err == nil {
		var id uuid.UUID
		var n int64
		_, err = pgx.ForEachRow(rows, []any{&id, &n}, func() error { totals[id] = n; return nil })
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !window.Equal(l.window) {
		return err // a new window began: the old counts no longer matter
	}
	for i, id := range ids {
		e := l.entries[id]
		if e == nil {
			continue
		}
		if err != nil {
			e.pending += deltas[i]
			continue
		}
		if t, ok := totals[id]; ok {
			e.total = t
		}
	}
	if err == nil {
		_, err = l.pool.Exec(ctx, `DELETE FROM api_rate_counts WHERE window_start < $1`, window.Add(-RateWindow))
	}
	return err
}
