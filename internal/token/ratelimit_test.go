package token_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/store/storetest"
	"github.com/digdir/selvbetjening/internal/token"
)

// TestRateLimitAcrossProcesses: two portals on one database share the limit
// per source address: each refuses once their counts, written by the
// flusher, add up to more than the limit.
func TestRateLimitAcrossProcesses(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := storetest.ServingPool(t, storetest.URL(t))
	start := func() *token.Service {
		s, err := token.Start(ctx, pool, token.Options{
			Endpoints:        []token.EndpointConfig{{Env: environment.Test, Issuer: testIssuer}},
			KeyEncryptionKey: testKEK, ClientLimit: 100, AddressLimit: 5, FlushInterval: time.Hour,
		})
		require.NoError(t, err)
		t.Cleanup(s.Close)
		return s
	}
	a, b := start(), start()
	ask := func(s *token.Service, addr string) *token.Refusal {
		_, r, err := s.Endpoint(environment.Test).Token(ctx, token.Request{Address: addr, Form: url.Values{}})
		require.NoError(t, err)
		require.NotNil(t, r)
		return r
	}
	for range 3 {
		require.Equal(t, token.CodeGrantType, ask(a, "192.0.2.10").Code)
	}
	require.NoError(t, a.Flush(ctx))
	for range 3 {
		require.Equal(t, token.CodeGrantType, ask(b, "192.0.2.10").Code, "b has not read a's counts yet")
	}
	require.NoError(t, b.Flush(ctx))
	r := ask(b, "192.0.2.10")
	require.Equal(t, token.CodeRateLimited, r.Code, "6 of 5 in this window, over both processes")
	require.Equal(t, token.ErrTemporarily, r.Code.OAuthError())
	require.Positive(t, r.RetryAfter)
	require.LessOrEqual(t, r.RetryAfter, 60)
	require.NoError(t, a.Flush(ctx))
	require.Equal(t, token.CodeRateLimited, ask(a, "192.0.2.10").Code, "a reads back the total of an address near its limit")
	require.Equal(t, token.CodeGrantType, ask(a, "192.0.2.11").Code, "another address has its own count")
}
