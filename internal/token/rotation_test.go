package token

import (
	"bytes"
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// testClock is a clock the test moves.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// TestRotatedKeyIsPublishedBeforeItSigns: a rotated key is in every
// process's JWKS for PublishLead before any process signs with it, so no
// verifier holding a JWKS it may still cache meets a kid it lacks; the key
// before it signs meanwhile and stays published for retention after.
func TestRotatedKeyIsPublishedBeforeItSigns(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dbURL := storetest.URL(t)
	pool := storetest.ServingPool(t, dbURL)
	owner, err := store.Open(ctx, dbURL) // portal tokenkey rotate runs as the owner
	require.NoError(t, err)
	t.Cleanup(owner.Close)
	kek := bytes.Repeat([]byte{7}, KeyEncryptionKeySize)
	clock := &testClock{now: time.Now().Truncate(time.Second)}
	start := func() *Endpoint {
		s, err := Start(ctx, pool, Options{
			Endpoints:        []EndpointConfig{{Env: environment.Test, Issuer: "https://test.maskinporten.example/"}},
			KeyEncryptionKey: kek, Now: clock.Now,
		})
		require.NoError(t, err)
		t.Cleanup(s.Close)
		return s.Endpoint(environment.Test)
	}
	first, second := start(), start()
	published := func(e *Endpoint) []string {
		var set jose.JSONWebKeySet
		require.NoError(t, json.Unmarshal(e.JWKS(), &set))
		var kids []string
		for _, k := range set.Keys {
			kids = append(kids, k.KeyID)
		}
		return kids
	}
	signing := func(e *Endpoint) string {
		e.keys.mu.RLock()
		defer e.keys.mu.RUnlock()
		return e.keys.kid
	}
	reload := func() {
		require.NoError(t, first.ReloadKeys(ctx))
		require.NoError(t, second.ReloadKeys(ctx))
	}
	old := signing(first)
	require.Equal(t, []string{old}, published(second))

	r, err := RotateSigningKey(ctx, owner, kek, environment.Test, clock.Now(), PublishLead)
	require.NoError(t, err)
	require.Equal(t, clock.Now().Add(JWKSMaxAge+KeyRefresh), r.SignsFrom)
	reload()
	for _, e := range []*Endpoint{first, second} {
		require.Equal(t, []string{r.KID, old}, published(e), "the next key is published at once")
		require.Equal(t, old, signing(e), "and does not sign yet")
	}

	clock.Advance(PublishLead - time.Second)
	reload()
	require.Equal(t, old, signing(first), "a verifier may still hold a JWKS without the new key")

	clock.Advance(time.Second)
	reload()
	for _, e := range []*Endpoint{first, second} {
		require.Equal(t, r.KID, signing(e), "signs once every cached JWKS has it")
		require.Equal(t, []string{r.KID, old}, published(e), "the old key stays while its tokens live")
	}

	clock.Advance(retention - time.Second)
	reload()
	require.Equal(t, []string{r.KID, old}, published(first))
	clock.Advance(time.Second)
	reload()
	require.Equal(t, []string{r.KID}, published(first), "gone once every token it signed has expired")
	require.Equal(t, r.KID, signing(first))

	// Two rotations in a row: both are published at once; the first signs
	// from its time until the second's, and is retired with the key before.
	next, err := RotateSigningKey(ctx, owner, kek, environment.Test, clock.Now(), PublishLead)
	require.NoError(t, err)
	clock.Advance(time.Minute)
	last, err := RotateSigningKey(ctx, owner, kek, environment.Test, clock.Now(), PublishLead)
	require.NoError(t, err)
	reload()
	require.Equal(t, []string{last.KID, next.KID, r.KID}, published(first))
	require.Equal(t, r.KID, signing(first))
	clock.Advance(next.SignsFrom.Sub(clock.Now()))
	reload()
	require.Equal(t, next.KID, signing(first))
	clock.Advance(last.SignsFrom.Sub(clock.Now()))
	reload()
	require.Equal(t, last.KID, signing(first))
	var nextUntil, rUntil time.Time
	require.NoError(t, owner.QueryRow(ctx, `SELECT
		(SELECT published_until FROM token_signing_keys WHERE kid = $1),
		(SELECT published_until FROM token_signing_keys WHERE kid = $2)`, next.KID, r.KID).Scan(&nextUntil, &rUntil))
	require.True(t, nextUntil.Equal(last.SignsFrom.Add(retention)), nextUntil)
	require.True(t, rUntil.Equal(next.SignsFrom.Add(retention)), rUntil)

	// A key that must stop signing now: the next one signs at once, and
	// the one it replaces stays published while its tokens live.
	clock.Advance(time.Minute)
	urgent, err := RotateSigningKey(ctx, owner, kek, environment.Test, clock.Now(), 0)
	require.NoError(t, err)
	require.Equal(t, clock.Now(), urgent.SignsFrom)
	reload()
	require.Equal(t, urgent.KID, signing(first))
	require.Equal(t, urgent.KID, signing(second))
	require.Equal(t, []string{urgent.KID, last.KID, next.KID, r.KID}, published(first))
}

// TestRotationWithoutKeySignsAtOnce: an environment with no key to sign
// with (rotated before any portal started) gets one that signs at once:
// there is nothing to wait for, and waiting would leave it without any.
func TestRotationWithoutKeySignsAtOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dbURL := storetest.URL(t)
	owner, err := store.Open(ctx, dbURL)
	require.NoError(t, err)
	t.Cleanup(owner.Close)
	now := time.Now().Truncate(time.Second)
	r, err := RotateSigningKey(ctx, owner, bytes.Repeat([]byte{7}, KeyEncryptionKeySize), environment.Prod, now, PublishLead)
	require.NoError(t, err)
	require.Equal(t, now, r.SignsFrom)
}
