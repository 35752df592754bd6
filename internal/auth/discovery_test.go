package auth

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// slowProvider answers discovery only once release is closed.
func slowProvider(t *testing.T) (issuer string, release chan struct{}, fetches *atomic.Int32) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	issuer = "http://" + ln.Addr().String()
	release, fetches = make(chan struct{}), &atomic.Int32{}
	srv := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fetches.Add(1)
		<-release
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"issuer": issuer, "authorization_endpoint": issuer + "/authorize", "token_endpoint": issuer + "/token",
			"jwks_uri": issuer + "/jwks.json", "end_session_endpoint": issuer + "/endsession",
			"id_token_signing_alg_values_supported": []string{"RS256"},
		})
	})}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return issuer, release, fetches
}

func TestDiscovery(t *testing.T) {
	t.Parallel()

	t.Run("OneFetchForAllWhoWait", func(t *testing.T) {
		t.Parallel()
		issuer, release, fetches := slowProvider(t)
		d := &discovery{issuer: issuer}
		var wg sync.WaitGroup
		errs := make(chan error, 5)
		for range 5 {
			wg.Go(func() {
				_, endpoint, err := d.get(t.Context())
				if err == nil && endpoint != issuer+"/endsession" {
					err = errors.New("wrong end_session_endpoint " + endpoint)
				}
				errs <- err
			})
		}
		require.Eventually(t, func() bool { return fetches.Load() == 1 }, 5*time.Second, 10*time.Millisecond)
		close(release)
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		_, _, err := d.get(t.Context())
		require.NoError(t, err)
		require.EqualValues(t, 1, fetches.Load(), "cached after the first")
	})

	t.Run("AWaiterLeavesWhenItsRequestEnds", func(t *testing.T) {
		t.Parallel()
		issuer, release, fetches := slowProvider(t)
		d := &discovery{issuer: issuer}
		first := make(chan error, 1)
		go func() { _, _, err := d.get(context.Background()); first <- err }()
		require.Eventually(t, func() bool { return fetches.Load() == 1 }, 5*time.Second, 10*time.Millisecond)

		// While the provider hangs, a visitor who gives up is answered at once,
		// not after the fetch: no lock is held across the call.
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		answered := make(chan error, 1)
		go func() { _, _, err := d.get(ctx); answered <- err }()
		var err error
		select {
		case err = <-answered:
		case <-time.After(5 * time.Second):
			t.Fatal("a cancelled request waited for the provider")
		}
		require.ErrorIs(t, err, ErrProviderDown)
		require.ErrorIs(t, err, context.Canceled)

		close(release)
		require.NoError(t, <-first, "the fetch itself went on")
		require.EqualValues(t, 1, fetches.Load())
	})
}
