package api

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/token"
)

// TestUnknownKidReloadsTheIssuersKeys: a token signed with a key the
// process has not read yet (rotated in since its last refresh) reloads the
// issuer's keys and is accepted at once; made-up kids reload at most once
// every KeyReloadInterval, and requests arriving together share a reload.
func TestUnknownKidReloadsTheIssuersKeys(t *testing.T) {
	t.Parallel()
	const issuer = "https://test.portal.example/"
	oldKey, newKey := rsaKey(t), rsaKey(t)
	jwksOf := func(keys map[string]*rsa.PrivateKey) []byte {
		set := jose.JSONWebKeySet{}
		for kid, k := range keys {
			set.Keys = append(set.Keys, jose.JSONWebKey{Key: &k.PublicKey, KeyID: kid, Algorithm: "RS256", Use: "sig"})
		}
		raw, err := json.Marshal(set)
		require.NoError(t, err)
		return raw
	}
	var (
		mu      sync.Mutex
		served  = jwksOf(map[string]*rsa.PrivateKey{"old": oldKey})
		inStore = jwksOf(map[string]*rsa.PrivateKey{"old": oldKey, "new": newKey})
		reloads atomic.Int32
	)
	a := newAuthenticator([]Issuer{{Env: environment.Test, Issuer: issuer,
		JWKS: func() []byte { mu.Lock(); defer mu.Unlock(); return served },
		Reload: func(context.Context) error {
			reloads.Add(1)
			time.Sleep(10 * time.Millisecond) // a read of Postgres, for the requests arriving meanwhile
			mu.Lock()
			defer mu.Unlock()
			served = inStore
			return nil
		}}}, "", nil)
	now := time.Now()
	sign := func(k *rsa.PrivateKey, kid string) string {
		signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: k},
			(&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", kid))
		require.NoError(t, err)
		raw, err := jwt.Signed(signer).Claims(map[string]any{
			"iss": issuer, "client_id": uuid.NewString(), "scope": ScopeRead, "iat": now.Unix(),
			"exp": now.Add(time.Minute).Unix(), "jti": uuid.NewString(),
			"consumer": map[string]string{"authority": token.ConsumerAuthority, "ID": token.ConsumerICD + ":310000019"},
		}).Serialize()
		require.NoError(t, err)
		return raw
	}
	ctx := context.Background()

	_, e := a.check(ctx, sign(oldKey, "old"), now)
	require.Nil(t, e)
	require.Zero(t, reloads.Load(), "a known kid reloads nothing")

	signed := sign(newKey, "new")
	refusals := make([]*authError, 8)
	var wg sync.WaitGroup
	for i := range refusals {
		wg.Go(func() { _, refusals[i] = a.check(ctx, signed, now) })
	}
	wg.Wait()
	require.Equal(t, make([]*authError, 8), refusals, "accepted at once, not after the next refresh")
	require.EqualValues(t, 1, reloads.Load(), "requests arriving together share one reload")

	made := sign(rsaKey(t), "made-up")
	_, e = a.check(ctx, made, now.Add(time.Second))
	require.NotNil(t, e)
	require.EqualValues(t, 1, reloads.Load(), "no reload within the interval of the last")
	later := now.Add(KeyReloadInterval)
	for _, at := range []time.Duration{0, time.Second, KeyReloadInterval - time.Millisecond} {
		_, e = a.check(ctx, made, later.Add(at))
		require.NotNil(t, e)
		require.Equal(t, CodeTokenInvalid, e.code)
	}
	require.EqualValues(t, 2, reloads.Load(), "one reload for the made-up kid within the interval")
	_, e = a.check(ctx, made, later.Add(KeyReloadInterval))
	require.NotNil(t, e)
	require.EqualValues(t, 3, reloads.Load(), "and another once the interval has passed")

	// Without Reload the keys are only what the refresh brings.
	b := newAuthenticator([]Issuer{{Env: environment.Test, Issuer: issuer,
		JWKS: func() []byte { return jwksOf(map[string]*rsa.PrivateKey{"old": oldKey}) }}}, "", nil)
	_, e = b.check(ctx, sign(newKey, "new"), now)
	require.NotNil(t, e)
}

func rsaKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	return k
}
