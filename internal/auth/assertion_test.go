package auth_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/auth"
)

func TestClientAssertion(t *testing.T) {
	t.Parallel()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	der, err := x509.MarshalPKCS8PrivateKey(k)
	require.NoError(t, err)
	key, err := auth.ParseClientKey(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), "portal-1")
	require.NoError(t, err)

	now := time.Now()
	raw, err := key.Assertion("selvbetjening", "https://idporten.no", now)
	require.NoError(t, err)
	tok, err := jwt.ParseSigned(raw, []jose.SignatureAlgorithm{jose.ES256})
	require.NoError(t, err)
	require.Equal(t, "portal-1", tok.Headers[0].KeyID)
	var claims jwt.Claims
	require.NoError(t, tok.Claims(&k.PublicKey, &claims))
	require.NoError(t, claims.ValidateWithLeeway(jwt.Expected{Issuer: "selvbetjening", Subject: "selvbetjening",
		AnyAudience: jwt.Audience{"https://idporten.no"}, Time: now}, 0))
	require.NotEmpty(t, claims.ID)

	_, err = auth.ParseClientKey([]byte("ikke en nøkkel"), "")
	require.Error(t, err)
}
