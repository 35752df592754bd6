package api

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestVerifiedTokens: a checked token is remembered by its exact text until
// it expires or its issuer's keys change, and the memory stays bounded.
func TestVerifiedTokens(t *testing.T) {
	t.Parallel()
	jwks := []byte(`{"keys":[]}`)
	is := &issuerKeys{Issuer: Issuer{JWKS: func() []byte { return jwks }}}
	_, generation, err := is.keys()
	require.NoError(t, err)
	now := time.Now()
	facts := tokenFacts{issuer: is, generation: generation, orgNo: "310000019", expiry: now.Add(time.Minute)}
	var v verifiedTokens
	v.put("token", facts, now)

	got, ok := v.get("token", now.Add(30*time.Second))
	require.True(t, ok)
	require.Equal(t, facts, got)
	_, ok = v.get("token2", now)
	require.False(t, ok, "only the same signed bytes")
	_, ok = v.get("token", now.Add(time.Minute+leeway+time.Second))
	require.False(t, ok, "expired: checked again, and refused as expired")

	jwks = []byte(`{"keys": []}`) // the issuer's keys changed
	_, ok = v.get("token", now)
	require.False(t, ok, "checked again with the issuer's new keys")

	_, generation, err = is.keys()
	require.NoError(t, err)
	facts.generation = generation
	for n := range maxVerifiedTokens + 10 {
		v.put(strconv.Itoa(n), facts, now)
	}
	require.LessOrEqual(t, len(v.m), maxVerifiedTokens)
}
