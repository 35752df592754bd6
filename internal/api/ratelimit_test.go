package api_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/api"
	"github.com/digdir/selvbetjening/internal/environment"
)

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
