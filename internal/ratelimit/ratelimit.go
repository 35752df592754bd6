// Package ratelimit counts requests in fixed windows of a minute, shared by
// every portal process through Postgres: a request is decided in the
// process, on every process's total as of the last flush (a second ago at
// most) plus this process's count since then, so the limit holds across
// processes without a write per request. The token endpoint limits per
// client id and per source address, the REST API per API client; both
// write their counts to one table, rate_counts, with Store.
package ratelimit

import (
	"context"
	"sync"
	"time"
)

// Window is the limits' window: so many requests a minute.
const Window = time.Minute

// Key is what one count is for: a kind of subject (a client id, an
// address) and the subject.
type Key struct {
	Kind    string
	Subject string
}

// Delta is one key's count in this process since the last flush.
type Delta struct {
	Key Key
	N   int64
}

// Write adds a window's deltas to Postgres in one statement and returns
// every process's totals for the keys written.
type Write func(ctx context.Context, window time.Time, deltas []Delta) (map[Key]int64, error)

// Limiter is one process's counts. Its zero value is not ready: use New.
type Limiter struct {
	mu      sync.Mutex
	window  time.Time
	entries map[Key]*entry
}

type entry struct {
	total   int64 // every process's count, as of the last flush
	pending int64 // this process's, not yet written
}

// New returns a limiter with nothing counted.
func New() *Limiter { return &Limiter{entries: map[Key]*entry{}} }

// Allow counts a request for key and says whether the window's count is
// over limit, with the seconds until the window ends (for Retry-After). A
// limit of 0 or less is no limit, and nothing is counted.
func (l *Limiter) Allow(key Key, limit int, now time.Time) (over bool, retryAfter int) {
	if limit <= 0 {
		return false, 0
	}
	window := now.Truncate(Window)
	l.mu.Lock()
	if !window.Equal(l.window) {
		l.window, l.entries = window, map[Key]*entry{}
	}
	e := l.entries[key]
	if e == nil {
		e = &entry{}
		l.entries[key] = e
	}
	e.pending++
	over = e.total+e.pending > int64(limit)
	l.mu.Unlock()
	if !over {
		return false, 0
	}
	return true, max(1, int(window.Add(Window).Sub(now).Seconds()+0.999))
}

// Flush writes this process's pending counts with write and keeps the
// totals it reads back. Keys near their limit (limit of their kind) are
// written even with nothing pending, so their totals are read back too.
// When write fails the counts stay pending for the next flush.
func (l *Limiter) Flush(ctx context.Context, limit func(kind string) int, write Write) error {
	window, deltas := l.take(limit)
	if len(deltas) == 0 {
		return nil
	}
	totals, err := write(ctx, window, deltas)
	l.settle(window, deltas, totals, err != nil)
	return err
}

// take returns what to write: every pending count, and the keys near their
// limit with nothing pending.
func (l *Limiter) take(limit func(kind string) int) (time.Time, []Delta) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []Delta
	for k, e := range l.entries {
		if e.pending > 0 || 2*e.total >= int64(limit(k.Kind)) {
			out = append(out, Delta{k, e.pending})
			e.pending = 0
		}
	}
	return l.window, out
}

// settle records the totals read back, or puts the deltas back when the
// write failed.
func (l *Limiter) settle(window time.Time, deltas []Delta, totals map[Key]int64, failed bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !window.Equal(l.window) {
		return // a new window began meanwhile: the old counts no longer matter
	}
	for _, d := range deltas {
		e := l.entries[d.Key]
		if e == nil {
			continue
		}
		if failed {
			e.pending += d.N
			continue
		}
		if t, ok := totals[d.Key]; ok {
			e.total = t
		}
	}
}
