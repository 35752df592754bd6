package token

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"testing"

	"github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/require"
)

// TestClientKeys: a key is parsed once per row, and a row whose JWK is not
// the one parsed (or is no JWK) is never answered from what was parsed.
func TestClientKeys(t *testing.T) {
	t.Parallel()
	jwk := func() ([]byte, *ecdsa.PublicKey) {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		b, err := json.Marshal(jose.JSONWebKey{Key: &k.PublicKey, KeyID: "k", Algorithm: "ES256", Use: "sig"})
		require.NoError(t, err)
		return b, &k.PublicKey
	}
	c := newClientKeys()
	first, firstKey := jwk()
	a, err := c.parse(1, first)
	require.NoError(t, err)
	require.True(t, firstKey.Equal(a))
	b, err := c.parse(1, append([]byte(nil), first...))
	require.NoError(t, err)
	require.Same(t, a, b, "the same JWK again: the key parsed before")

	other, otherKey := jwk()
	b, err = c.parse(1, other)
	require.NoError(t, err)
	require.True(t, otherKey.Equal(b), "another JWK under the same row id is parsed anew")

	_, err = c.parse(1, []byte(`{"kty":"EC"}`))
	require.Error(t, err)
	b, err = c.parse(1, other)
	require.NoError(t, err)
	require.True(t, otherKey.Equal(b))
}
