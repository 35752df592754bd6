package token

import (
	"sync"
	"time"
)

// RateWindow is the rate limit's window: so many requests a minute.
const RateWindow = time.Minute

type rateKind string

const (
	rateClient  rateKind = "client"
	rateAddress rateKind = "address"
)

type rateKey struct {
	kind    rateKind
	subject string
}

type rateEntry struct {
	total   int64 // every process's count, as of the last flush
	pending int64 // this process's, not yet written
}

// limiter counts requests per client id and per source address in fixed
// windows. A request is decided in the process, on every process's count as
// of the last flush (a second ago at most) plus this process's since then;
// the flusher adds this process's counts to Postgres and reads back the
// totals. So several portals share one limit, a second late at worst.
type limiter struct {
	mu      sync.Mutex
	window  time.Time
	entries map[rateKey]*rateEntry
}

func newLimiter() *limiter { return &limiter{entries: map[rateKey]*rateEntry{}} }

// allow counts a request and refuses it when the window's count is over limit.
func (l *limiter) allow(kind rateKind, subject string, limit int, now time.Time) *Refusal {
	if limit <= 0 {
		return nil
	}
	window := now.Truncate(RateWindow)
	l.mu.Lock()
	if !window.Equal(l.window) {
		l.window, l.entries = window, map[rateKey]*rateEntry{}
	}
	e := l.entries[rateKey{kind, subject}]
	if e == nil {
		e = &rateEntry{}
		l.entries[rateKey{kind, subject}] = e
	}
	e.pending++
	over := e.total+e.pending > int64(limit)
	l.mu.Unlock()
	if !over {
		return nil
	}
	r := refuse(CodeRateLimited, string(kind))
	r.RetryAfter = max(1, int(window.Add(RateWindow).Sub(now).Seconds()+0.999))
	return r
}

// rateDelta is one row the flusher writes.
type rateDelta struct {
	key   rateKey
	delta int64
}

// take returns what to write: every pending count, and the subjects near
// their limit with nothing pending, so their totals are read back too.
func (l *limiter) take(limits map[rateKind]int) (time.Time, []rateDelta) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []rateDelta
	for k, e := range l.entries {
		if e.pending > 0 || 2*e.total >= int64(limits[k.kind]) {
			out = append(out, rateDelta{k, e.pending})
			e.pending = 0
		}
	}
	return l.window, out
}

// settle records the totals read back, or puts the deltas back when the
// write failed.
func (l *limiter) settle(window time.Time, deltas []rateDelta, totals map[rateKey]int64, failed bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !window.Equal(l.window) {
		return // a new window began meanwhile: the old counts no longer matter
	}
	for _, d := range deltas {
		e := l.entries[d.key]
		if e == nil {
			continue
		}
		if failed {
			e.pending += d.delta
			continue
		}
		if t, ok := totals[d.key]; ok {
			e.total = t
		}
	}
}
