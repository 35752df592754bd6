package token

import (
	"time"

	"github.com/digdir/selvbetjening/internal/ratelimit"
)

// RateWindow is the rate limit's window: so many requests a minute.
const RateWindow = ratelimit.Window

type rateKind string

const (
	rateClient  rateKind = "client"
	rateAddress rateKind = "address"
)

// limiter counts requests per client id and per source address with the
// limiter the REST API shares (internal/ratelimit); the flusher writes the
// counts to rate_counts and reads back every process's totals, so
// several portals share one limit, a second late at worst.
type limiter struct{ shared *ratelimit.Limiter }

func newLimiter() *limiter { return &limiter{shared: ratelimit.New()} }

// allow counts a request and refuses it when the window's count is over limit.
func (l *limiter) allow(kind rateKind, subject string, limit int, now time.Time) *Refusal {
	over, retryAfter := l.shared.Allow(ratelimit.Key{Kind: string(kind), Subject: subject}, limit, now)
	if !over {
		return nil
	}
	r := refuse(CodeRateLimited, string(kind))
	r.RetryAfter = retryAfter
	return r
}
