package api_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/api"
	"github.com/digdir/selvbetjening/internal/environment"
)

// rateTable is where the API's rate counts are.
const rateTable = "rate_counts"

// awayFromWindowEdge waits while the rate limit's minute is about to turn,
// so that a test's requests fall in one window.
func awayFromWindowEdge() {
	if left := time.Until(time.Now().Truncate(api.RateWindow).Add(api.RateWindow)); left < 10*time.Second {
		time.Sleep(left + 100*time.Millisecond)
	}
}

// TestRateLimitIsPerClient: over the limit a client gets 429 with
// Retry-After and a problem document; another client is not affected.
func TestRateLimitIsPerClient(t *testing.T) {
	t.Parallel()
	awayFromWindowEdge()
	s := startWith(t, siteOptions{rateLimit: 3})
	a := s.admin("", environment.Test, api.ScopeRead)
	b := s.admin("", environment.Test, api.ScopeRead)
	for range 3 {
		require.Equal(t, http.StatusOK, s.call(http.MethodGet, "/api/v1/clients", a.token, nil).status)
	}
	r := s.call(http.MethodGet, "/api/v1/clients", a.token, nil)
	require.Equal(t, http.StatusTooManyRequests, r.status)
	require.Equal(t, api.CodeRateLimited, r.problem(t).Code)
	seconds, err := strconv.Atoi(r.header.Get("Retry-After"))
	require.NoError(t, err)
	require.True(t, seconds >= 1 && seconds <= 60, seconds)
	require.Equal(t, http.StatusOK, s.call(http.MethodGet, "/api/v1/clients", b.token, nil).status)
}

// TestRateLimitIsSharedByProcesses: two API servers on one database count
// one client's requests together, a flush (a second) late at most.
func TestRateLimitIsSharedByProcesses(t *testing.T) {
	t.Parallel()
	awayFromWindowEdge()
	one := startWith(t, siteOptions{rateLimit: 4})
	two := one.second(siteOptions{rateLimit: 4})
	a := one.admin("", environment.Test, api.ScopeRead)
	for range 3 {
		require.Equal(t, http.StatusOK, one.call(http.MethodGet, "/api/v1/clients", a.token, nil).status)
	}
	time.Sleep(1100 * time.Millisecond)
	// This request flushes the first process's four to Postgres.
	require.Equal(t, http.StatusOK, one.call(http.MethodGet, "/api/v1/clients", a.token, nil).status)
	// The second process's first request reads them back as it flushes its own.
	two.call(http.MethodGet, "/api/v1/clients", a.token, nil)
	r := two.call(http.MethodGet, "/api/v1/clients", a.token, nil)
	require.Equal(t, http.StatusTooManyRequests, r.status, "%s", r.body)
}

// TestRateFlushIsBounded: a flush that Postgres holds up (here the count
// table locked by another transaction) gives up after RateFlushTimeout,
// and the request that ran it is answered; its count is written later.
func TestRateFlushIsBounded(t *testing.T) {
	t.Parallel()
	awayFromWindowEdge()
	s := startWith(t, siteOptions{rateLimit: 100})
	a := s.admin("", environment.Test, api.ScopeRead)
	tx, err := s.owner.Begin(t.Context())
	require.NoError(t, err)
	_, err = tx.Exec(t.Context(), `LOCK TABLE `+rateTable+` IN EXCLUSIVE MODE`)
	require.NoError(t, err)
	// Released in any case, so a flush without a bound fails the test by
	// its time rather than hanging it.
	release := time.AfterFunc(4*api.RateFlushTimeout, func() { _ = tx.Rollback(context.Background()) })
	t.Cleanup(func() { release.Stop(); _ = tx.Rollback(context.Background()) })

	began := time.Now()
	r := s.call(http.MethodGet, "/api/v1/clients", a.token, nil)
	took := time.Since(began)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	require.GreaterOrEqual(t, took, api.RateFlushTimeout, "the first request flushes, and waited for the lock")
	require.Less(t, took, 2*api.RateFlushTimeout)
}
