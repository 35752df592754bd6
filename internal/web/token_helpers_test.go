package web_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// tokenClient is a client of the token endpoint written apart from the
// portal's code: it signs its grant with go-jose and its own private key,
// as an API consumer's program would.
type tokenClient struct {
	clientID uuid.UUID
	kid      string
	key      any
	alg      jose.SignatureAlgorithm
}

var tokenTestRSA = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

// grantClaims are a valid grant's claims for this client at now.
func (c tokenClient) grantClaims(site *webtest.Site, scope string) map[string]any {
	now := time.Now()
	return map[string]any{"aud": site.Config.Token.TestIssuer, "iss": c.clientID.String(), "scope": scope,
		"iat": now.Unix(), "exp": now.Add(110 * time.Second).Unix(), "jti": uuid.NewString()}
}

func (c tokenClient) sign(t testing.TB, claims map[string]any) string {
	t.Helper()
	alg := c.alg
	if alg == "" {
		alg = jose.RS256
	}
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: jose.JSONWebKey{Key: c.key, KeyID: c.kid}},
		(&jose.SignerOptions{}).WithType("JWT"))
	require.NoError(t, err)
	payload, err := json.Marshal(claims)
	require.NoError(t, err)
	jws, err := s.Sign(payload)
	require.NoError(t, err)
	out, err := jws.CompactSerialize()
	require.NoError(t, err)
	return out
}

// tokenAnswer is what the endpoint said.
type tokenAnswer struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

func postToken(t testing.TB, site *webtest.Site, contentType, body string) tokenAnswer {
	t.Helper()
	return postTokenForwarded(t, site, "", contentType, body)
}

// postTokenForwarded posts with X-Forwarded-For set to forwardedFor, as a
// load balancer (or a client pretending) does; none when empty.
func postTokenForwarded(t testing.TB, site *webtest.Site, forwardedFor, contentType, body string) tokenAnswer {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, paths.TokenEndpoint(site.Config.Token.TestIssuer), strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", contentType)
	if forwardedFor != "" {
		req.Header.Set("X-Forwarded-For", forwardedFor)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	a := tokenAnswer{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	require.NoError(t, json.Unmarshal(raw, &a.body), "every answer is JSON: %s", raw)
	return a
}

func requestToken(t testing.TB, site *webtest.Site, assertion string) tokenAnswer {
	t.Helper()
	return postToken(t, site, "application/x-www-form-urlencoded",
		url.Values{"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"}, "assertion": {assertion}}.Encode())
}

// refused checks an RFC 6749 error with the words a developer needs.
func (a tokenAnswer) refused(t testing.TB, status int, oauthError string, description ...string) {
	t.Helper()
	require.Equal(t, status, a.status, a.raw)
	require.Equal(t, oauthError, a.body["error"], a.raw)
	for _, d := range description {
		require.Contains(t, a.body["error_description"], d, a.raw)
	}
	require.Equal(t, "application/json", a.header.Get("Content-Type"))
	require.Equal(t, "no-store", a.header.Get("Cache-Control"))
}

// tokenIntegration makes a TEST integration as Kari with an RSA key whose
// kid is given, straight through the domain.
func tokenIntegration(t *testing.T, site *webtest.Site, name, kid string, key *rsa.PrivateKey, scopes ...string) tokenClient {
	t.Helper()
	id := browserSeedIntegration(t, site, "TEST", name, scopes...)
	jwk, err := json.Marshal(jose.JSONWebKey{Key: &key.PublicKey, KeyID: kid, Algorithm: "RS256", Use: "sig"})
	require.NoError(t, err)
	_, err = integration.AddKey(context.Background(), site.Pool, browserKari, id, string(jwk))
	require.NoError(t, err)
	return tokenClient{clientID: id, kid: kid, key: key}
}
