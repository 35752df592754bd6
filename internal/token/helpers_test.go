package token_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/token"
)

const testIssuer = "https://portal.test/maskinporten/test/"

var testAudience = token.Audience{Issuer: testIssuer, TokenURL: testIssuer + "token"}

// rsaKey is made once per test binary: RSA key generation is slow.
var rsaKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

// grant is a client's assertion, built claim by claim; tests change one
// thing and expect one refusal.
type grant struct {
	alg    jose.SignatureAlgorithm
	key    any
	kid    string
	claims map[string]any
}

func newGrant(clientID uuid.UUID, now time.Time) *grant {
	return &grant{alg: jose.RS256, key: rsaKey(), kid: "klient-nokkel-1", claims: map[string]any{
		"aud": testIssuer, "iss": clientID.String(), "scope": "skatteetaten:testapi",
		"iat": now.Unix(), "exp": now.Add(100 * time.Second).Unix(), "jti": uuid.NewString(),
	}}
}

func (g *grant) with(name string, v any) *grant {
	g.claims[name] = v
	return g
}

func (g *grant) without(name string) *grant {
	delete(g.claims, name)
	return g
}

// sign is the assertion, signed with go-jose as a client would.
func (g *grant) sign(t testing.TB) string {
	t.Helper()
	opts := (&jose.SignerOptions{}).WithType("JWT")
	key := any(jose.JSONWebKey{Key: g.key, KeyID: g.kid})
	if g.kid == "" {
		key = g.key
	}
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: g.alg, Key: key}, opts)
	require.NoError(t, err)
	payload, err := json.Marshal(g.claims)
	require.NoError(t, err)
	jws, err := s.Sign(payload)
	require.NoError(t, err)
	out, err := jws.CompactSerialize()
	require.NoError(t, err)
	return out
}

var b64 = base64.RawURLEncoding

// handMade builds a JWS by hand, for the attacks no library will sign: alg
// none, and HS256 keyed with the public key.
func (g *grant) handMade(t testing.TB, alg string, sign func(in []byte) []byte) string {
	t.Helper()
	h, err := json.Marshal(map[string]string{"alg": alg, "kid": g.kid, "typ": "JWT"})
	require.NoError(t, err)
	p, err := json.Marshal(g.claims)
	require.NoError(t, err)
	in := b64.EncodeToString(h) + "." + b64.EncodeToString(p)
	return in + "." + b64.EncodeToString(sign([]byte(in)))
}

func hs256With(secret []byte) func([]byte) []byte {
	return func(in []byte) []byte {
		m := hmac.New(sha256.New, secret)
		m.Write(in)
		return m.Sum(nil)
	}
}

func publicJWK(t testing.TB, key any, kid string) []byte {
	t.Helper()
	var pub any
	switch k := key.(type) {
	case *rsa.PrivateKey:
		pub = &k.PublicKey
	case *ecdsa.PrivateKey:
		pub = &k.PublicKey
	}
	b, err := json.Marshal(jose.JSONWebKey{Key: pub, KeyID: kid, Use: "sig"})
	require.NoError(t, err)
	return b
}

func ecKey(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	return k
}
