package api

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/ratelimit"
)

// RateWindow is the rate limit's window: so many requests a minute.
const RateWindow = ratelimit.Window

// rateFlush is how often a process adds its counts to Postgres and reads
// back every process's totals.
const rateFlush = time.Second

// RateFlushTimeout bounds a flush. It runs inside the request that found
// it due, detached from the request's cancellation so a client hanging up
// does not lose the counts; without a bound, a slow or locked Postgres
// would hold that request, and every later flush of the process, for as
// long as it stays so. A flush that times out loses nothing: its counts
// are written by the next one.
const RateFlushTimeout = 2 * time.Second

// rateKind is the one kind of count the API keeps: requests per API client.
const rateKind = "api_client"

// rateLimiter counts requests per API client with the limiter the token
// endpoint shares (internal/ratelimit), in its table. The first
// request a second after the last flush flushes, in its own time: the
// API needs no goroutine and no stopping.
type rateLimiter struct {
	pool   *pgxpool.Pool
	limit  int
	log    *slog.Logger
	shared *ratelimit.Limiter

	flushing  sync.Mutex // one flush at a time in this process
	mu        sync.Mutex
	lastFlush time.Time // under mu
}

func newRateLimiter(pool *pgxpool.Pool, limit int, log *slog.Logger) *rateLimiter {
	return &rateLimiter{pool: pool, limit: limit, log: log, shared: ratelimit.New()}
}

// allow counts a request and refuses it when the window is over the limit.
func (l *rateLimiter) allow(ctx context.Context, client uuid.UUID, now time.Time) *Problem {
	over, seconds := l.shared.Allow(ratelimit.Key{Kind: rateKind, Subject: client.String()}, l.limit, now)
	l.mu.Lock()
	due := now.Sub(l.lastFlush) >= rateFlush
	if due {
		l.lastFlush = now
	}
	l.mu.Unlock()
	if due && l.flushing.TryLock() {
		defer l.flushing.Unlock()
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), RateFlushTimeout)
		defer cancel()
		if err := l.flush(fctx, now); err != nil {
			l.log.WarnContext(ctx, "api rate counts not written", "error", err)
		}
	}
	if !over {
		return nil
	}
	return problem(http.StatusTooManyRequests, CodeRateLimited, catalogue().RateLimited(seconds)).
		withHeader("Retry-After", strconv.Itoa(seconds))
}

// flush writes the counts and deletes windows long past.
func (l *rateLimiter) flush(ctx context.Context, now time.Time) error {
	counts := ratelimit.Store{Pool: l.pool}
	err := l.shared.Flush(ctx, func(string) int { return l.limit }, counts.Write)
	if err == nil {
		err = counts.Sweep(ctx, now.Truncate(RateWindow).Add(-RateWindow))
	}
	return err
}
