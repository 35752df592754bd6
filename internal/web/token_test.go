package web_test

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/token"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// TestTokenEndpoint gets tokens as an API consumer's program does, and is
// refused for every mistake Maskinporten refuses.
func TestTokenEndpoint(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	key := tokenTestRSA()
	c := tokenIntegration(t, site, "Tokenklient", "tokenklient-1", key, "skatteetaten:testapi")
	issuer := site.Config.Token.TestIssuer

	t.Run("Token", func(t *testing.T) {
		t.Parallel()
		claims := c.grantClaims(site, "skatteetaten:testapi")
		claims["resource"] = []string{"https://api.skatteetaten.example/"}
		a := requestToken(t, site, c.sign(t, claims))
		require.Equal(t, http.StatusOK, a.status, a.raw)
		require.Equal(t, "no-store", a.header.Get("Cache-Control"))
		require.Equal(t, "Bearer", a.body["token_type"])
		require.Equal(t, "skatteetaten:testapi", a.body["scope"])
		require.EqualValues(t, 120, a.body["expires_in"])

		var at map[string]any
		verifyWithJWKS(t, site, a.body["access_token"].(string), &at)
		require.Equal(t, issuer, at["iss"])
		require.Equal(t, c.clientID.String(), at["client_id"])
		require.Equal(t, "private_key_jwt", at["client_amr"])
		require.Equal(t, "Bearer", at["token_type"])
		require.Equal(t, "skatteetaten:testapi", at["scope"])
		require.Equal(t, "https://api.skatteetaten.example/", at["aud"], "resource becomes the token's aud")
		require.Equal(t, map[string]any{"authority": "iso6523-actorid-upis", "ID": "0192:" + demo.EksempelKonsument}, at["consumer"])
		require.EqualValues(t, 120, at["exp"].(float64)-at["iat"].(float64))
		require.NotEmpty(t, at["jti"])

		a = requestToken(t, site, c.sign(t, c.grantClaims(site, "skatteetaten:testapi")))
		require.Equal(t, http.StatusOK, a.status, a.raw)
		at = nil
		verifyWithJWKS(t, site, a.body["access_token"].(string), &at)
		require.NotContains(t, at, "aud", "no resource, no aud")
	})

	t.Run("Refusals", func(t *testing.T) {
		t.Parallel()
		other := tokenIntegration(t, site, "Annen klient", "annen-1", otherRSA(t), "skatteetaten:testapi")
		neverShared := tokenIntegration(t, site, "Aldri delt", "aldri-1", key, "skatteetaten:testapi")
		// The provider's scope skatteetaten:intern is shared with nobody: it
		// is put on the integration by hand, as if it had been withdrawn.
		_, err := site.Pool.Exec(context.Background(), `INSERT INTO integration_scopes (client_id, scope_id)
			SELECT $1, id FROM scopes WHERE name = 'skatteetaten:intern'`, neverShared.clientID)
		require.NoError(t, err)
		g := func(mod func(m map[string]any)) string {
			m := c.grantClaims(site, "skatteetaten:testapi")
			if mod != nil {
				mod(m)
			}
			return c.sign(t, m)
		}
		now := time.Now()
		hs := func(secret []byte) string {
			h, _ := json.Marshal(map[string]string{"alg": "HS256", "kid": c.kid, "typ": "JWT"})
			p, _ := json.Marshal(c.grantClaims(site, "skatteetaten:testapi"))
			in := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(p)
			m := hmac.New(sha256.New, secret)
			m.Write([]byte(in))
			return in + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
		}
		none := func() string {
			h, _ := json.Marshal(map[string]string{"alg": "none", "kid": c.kid})
			p, _ := json.Marshal(c.grantClaims(site, "skatteetaten:testapi"))
			return base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(p) + "."
		}
		pubJWK, _ := json.Marshal(jose.JSONWebKey{Key: &key.PublicKey, KeyID: c.kid})
		unknown := tokenClient{clientID: uuid.New(), kid: c.kid, key: key}
		withKid := func(kid string) tokenClient { x := c; x.kid = kid; return x }

		for _, tc := range []struct {
			name, assertion, oauthError string
			description                 []string
		}{
			{"wrong aud", g(func(m map[string]any) { m["aud"] = "https://test.maskinporten.no/" }), "invalid_grant", []string{"MP-110", issuer}},
			{"array aud", g(func(m map[string]any) { m["aud"] = []string{issuer} }), "invalid_grant", []string{"single string"}},
			{"the token URL as aud", g(func(m map[string]any) { m["aud"] = issuer + "token" }), "invalid_grant", []string{"token endpoint URL is no longer valid"}},
			{"expired", g(func(m map[string]any) {
				m["iat"], m["exp"] = now.Add(-130*time.Second).Unix(), now.Add(-10*time.Second).Unix()
			}), "invalid_grant", []string{"MP-130"}},
			{"far-future exp", g(func(m map[string]any) { m["exp"] = now.Add(24 * time.Hour).Unix() }), "invalid_grant", []string{"at most 120 seconds"}},
			{"iat a minute ahead", g(func(m map[string]any) { m["iat"] = now.Add(time.Minute).Unix() }), "invalid_grant", []string{"within 10 seconds"}},
			{"an unknown kid", withKid("finnes-ikke").sign(t, c.grantClaims(site, "skatteetaten:testapi")), "invalid_grant", []string{"finnes-ikke"}},
			{"alg none", none(), "invalid_grant", []string{"alg none and HMAC are never accepted"}},
			{"HS256 with the public key as secret", hs(pubJWK), "invalid_grant", []string{"alg HS256 is not accepted"}},
			{"a key of another integration", tokenClient{clientID: c.clientID, kid: other.kid, key: other.key}.sign(t, c.grantClaims(site, "skatteetaten:testapi")), "invalid_grant", []string{"no active key with kid annen-1"}},
			{"another key under this kid", tokenClient{clientID: c.clientID, kid: c.kid, key: other.key}.sign(t, c.grantClaims(site, "skatteetaten:testapi")), "invalid_grant", []string{"MP-124"}},
			{"a scope not on the integration", g(func(m map[string]any) { m["scope"] = "skatteetaten:testapi skatteetaten:mva" }), "invalid_scope", []string{"MP-200", "skatteetaten:mva is not on the integration"}},
			{"a scope that does not exist", g(func(m map[string]any) { m["scope"] = "skatteetaten:finnes-ikke skatteetaten:testapi" }), "invalid_scope", []string{"MP-200", "skatteetaten:finnes-ikke is not on the integration"}},
			{"a scope never shared", neverShared.sign(t, neverShared.grantClaims(site, "skatteetaten:intern")), "invalid_scope",
				[]string{"MP-250: Consumer 0192:" + demo.EksempelKonsument + " has not been granted access to the scope skatteetaten:intern in TEST"}},
			{"an unknown claim", g(func(m map[string]any) { m["sub"] = "x" }), "invalid_grant", []string{"unknown claim sub"}},
			{"an unknown client", unknown.sign(t, unknown.grantClaims(site, "skatteetaten:testapi")), "invalid_client", []string{"Client not found", unknown.clientID.String()}},
			{"garbage", "ikke en jwt", "invalid_grant", []string{"compact form"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				a := requestToken(t, site, tc.assertion)
				a.refused(t, http.StatusBadRequest, tc.oauthError, tc.description...)
			})
		}

		t.Run("a reused jti", func(t *testing.T) {
			assertion := g(nil)
			require.Equal(t, http.StatusOK, requestToken(t, site, assertion).status)
			requestToken(t, site, assertion).refused(t, http.StatusBadRequest, "invalid_grant", "MP-012", "used before")
		})
		t.Run("bodies", func(t *testing.T) {
			form := "application/x-www-form-urlencoded"
			postToken(t, site, form, "%%%").refused(t, http.StatusBadRequest, "invalid_request", "x-www-form-urlencoded")
			postToken(t, site, "application/json", `{"grant_type":"x"}`).refused(t, http.StatusBadRequest, "invalid_request")
			postToken(t, site, form, "assertion="+strings.Repeat("a", 64<<10)).refused(t, http.StatusBadRequest, "invalid_request", "larger than")
			postToken(t, site, form, "grant_type=client_credentials&assertion=x").refused(t, http.StatusBadRequest, "unsupported_grant_type")
			postToken(t, site, form, "grant_type="+url.QueryEscape("urn:ietf:params:oauth:grant-type:jwt-bearer")).refused(t, http.StatusBadRequest, "invalid_request", "assertion parameter is missing")
			resp, err := http.Get(paths.TokenEndpoint(issuer))
			require.NoError(t, err)
			resp.Body.Close()
			require.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
			require.Equal(t, "POST", resp.Header.Get("Allow"))
		})
	})

	t.Run("Deactivated", func(t *testing.T) {
		t.Parallel()
		d := tokenIntegration(t, site, "Deaktiveres", "deaktiveres-1", key, "skatteetaten:testapi")
		i, err := integration.Get(context.Background(), site.Pool, demo.EksempelKonsument, d.clientID)
		require.NoError(t, err)
		require.NoError(t, integration.Deactivate(context.Background(), site.Pool, browserKari, d.clientID, i.Version))
		requestToken(t, site, d.sign(t, d.grantClaims(site, "skatteetaten:testapi"))).refused(t, http.StatusBadRequest,
			"invalid_client", "is deactivated")
	})

	t.Run("MetadataJWKSAndMetrics", func(t *testing.T) {
		t.Parallel()
		var md map[string]any
		getJSON(t, paths.AuthorizationServerMetadata(issuer), &md)
		require.Equal(t, issuer, md["issuer"])
		require.Equal(t, issuer+"token", md["token_endpoint"])
		require.Equal(t, issuer+"jwk", md["jwks_uri"])
		require.Equal(t, []any{"urn:ietf:params:oauth:grant-type:jwt-bearer"}, md["grant_types_supported"])
		require.Equal(t, []any{"private_key_jwt"}, md["token_endpoint_auth_methods_supported"])
		require.Equal(t, []any{"RS256", "RS384", "RS512", "ES256", "ES384"}, md["token_endpoint_auth_signing_alg_values_supported"])
		var rfc8414 map[string]any
		getJSON(t, site.URL+"/.well-known/oauth-authorization-server/maskinporten/test", &rfc8414)
		require.Equal(t, md, rfc8414)

		var set jose.JSONWebKeySet
		getJSON(t, paths.JWKS(issuer), &set)
		require.Len(t, set.Keys, 1)
		require.True(t, set.Keys[0].IsPublic())

		require.Equal(t, http.StatusOK, requestToken(t, site, c.sign(t, c.grantClaims(site, "skatteetaten:testapi"))).status)
		requestToken(t, site, "søppel")
		resp, err := http.Get(site.URL + "/metrics")
		require.NoError(t, err)
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		require.Regexp(t, `selvbetjening_tokens_issued_total\{env="TEST"\} [1-9]`, string(body))
		require.Regexp(t, `selvbetjening_token_refusals_total\{env="TEST",error="invalid_grant",reason="assertion_malformed"\} [1-9]`, string(body))
	})
}

func otherRSA(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	return k
}

func getJSON(t *testing.T, u string, into any) {
	t.Helper()
	resp, err := http.Get(u)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, u)
	require.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	require.NoError(t, json.NewDecoder(resp.Body).Decode(into))
}

// verifyWithJWKS checks the access token as a resource server would: with
// the key the JWKS publishes under its kid, and only RS256.
func verifyWithJWKS(t *testing.T, site *webtest.Site, accessToken string, claims any) {
	t.Helper()
	tok, err := jwt.ParseSigned(accessToken, []jose.SignatureAlgorithm{jose.RS256})
	require.NoError(t, err)
	var set jose.JSONWebKeySet
	getJSON(t, paths.JWKS(site.Config.Token.TestIssuer), &set)
	keys := set.Key(tok.Headers[0].KeyID)
	require.Len(t, keys, 1, "the JWKS publishes the token's kid")
	require.NoError(t, tok.Claims(keys[0].Key, claims))
	var std jwt.Claims
	require.NoError(t, tok.Claims(keys[0].Key, &std))
	require.NoError(t, std.ValidateWithLeeway(jwt.Expected{Issuer: site.Config.Token.TestIssuer, Time: time.Now()}, 0))
}

// TestTokenRateLimitAndCounts: a client over its limit gets 429 with
// Retry-After; what was issued is counted for the integration's page.
func TestTokenRateLimitAndCounts(t *testing.T) {
	t.Parallel()
	site := webtest.StartWith(t, webtest.Options{Env: map[string]string{"TOKEN_RATE_LIMIT_CLIENT": "2"}})
	c := tokenIntegration(t, site, "Ivrig klient", "ivrig-1", tokenTestRSA(), "skatteetaten:testapi")
	for range 2 {
		require.Equal(t, http.StatusOK, requestToken(t, site, c.sign(t, c.grantClaims(site, "skatteetaten:testapi"))).status)
	}
	a := requestToken(t, site, c.sign(t, c.grantClaims(site, "skatteetaten:testapi")))
	a.refused(t, http.StatusTooManyRequests, "temporarily_unavailable", "Too many token requests from this client", "Retry-After")
	retry, err := strconv.Atoi(a.header.Get("Retry-After"))
	require.NoError(t, err)
	require.True(t, retry >= 1 && retry <= 60, retry)

	require.NoError(t, site.Tokens.Flush(context.Background()))
	u, err := token.UsageOf(context.Background(), site.Pool, c.clientID)
	require.NoError(t, err)
	require.EqualValues(t, 2, u.Issued)
	i, err := integration.Get(context.Background(), site.Pool, demo.EksempelKonsument, c.clientID)
	require.NoError(t, err)
	require.Len(t, u.KeyLastUsed, 1)
	require.WithinDuration(t, time.Now(), u.KeyLastUsed[i.Keys[0].ID], time.Minute)
	var limited int64
	require.NoError(t, site.Pool.QueryRow(context.Background(),
		`SELECT sum(count) FROM token_counts WHERE client_id = $1 AND outcome = 'rate_limited'`, c.clientID).Scan(&limited))
	require.EqualValues(t, 1, limited, "refusals are counted per integration and reason")
}

// TestTokenRateLimitPerForwardedAddress: behind a trusted load balancer
// each client address has its own limit; without TRUSTED_PROXIES a client's
// X-Forwarded-For changes nothing, so it cannot escape its limit.
func TestTokenRateLimitPerForwardedAddress(t *testing.T) {
	t.Parallel()
	grant := func(site *webtest.Site, c tokenClient) string {
		return url.Values{"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"},
			"assertion": {c.sign(t, c.grantClaims(site, "skatteetaten:testapi"))}}.Encode()
	}
	const form = "application/x-www-form-urlencoded"

	t.Run("BehindTrustedBalancer", func(t *testing.T) {
		t.Parallel()
		// The test's client connects from loopback: it plays the balancer.
		site := webtest.StartWith(t, webtest.Options{Env: map[string]string{
			"TOKEN_RATE_LIMIT_ADDRESS": "1", "TRUSTED_PROXIES": "127.0.0.0/8, ::1"}})
		c := tokenIntegration(t, site, "Bak lastbalansen", "bak-1", tokenTestRSA(), "skatteetaten:testapi")
		require.Equal(t, http.StatusOK, postTokenForwarded(t, site, "198.51.100.1", form, grant(site, c)).status)
		postTokenForwarded(t, site, "203.0.113.50, 198.51.100.1", form, grant(site, c)).refused(t,
			http.StatusTooManyRequests, "temporarily_unavailable", "Too many token requests from this address")
		a := postTokenForwarded(t, site, "198.51.100.2", form, grant(site, c))
		require.Equal(t, http.StatusOK, a.status, "another client behind the same balancer has its own limit: %s", a.raw)
	})

	t.Run("NoTrustedProxies", func(t *testing.T) {
		t.Parallel()
		site := webtest.StartWith(t, webtest.Options{Env: map[string]string{"TOKEN_RATE_LIMIT_ADDRESS": "1"}})
		c := tokenIntegration(t, site, "Direkte klient", "direkte-1", tokenTestRSA(), "skatteetaten:testapi")
		require.Equal(t, http.StatusOK, postTokenForwarded(t, site, "198.51.100.1", form, grant(site, c)).status)
		postTokenForwarded(t, site, "198.51.100.2", form, grant(site, c)).refused(t,
			http.StatusTooManyRequests, "temporarily_unavailable", "Too many token requests from this address")
	})
}

// TestTokenScopeRules: a scope open to every organisation needs no grant; a
// deactivated one gets no token.
func TestTokenScopeRules(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	ctx := context.Background()
	_, err := site.Pool.Exec(ctx, `
		INSERT INTO scopes (prefix, name, description, max_token_lifetime, accessible_for_all)
		VALUES ('skatteetaten', 'skatteetaten:aapen', 'Åpent for alle', 60, true),
		       ('skatteetaten', 'skatteetaten:nedlagt', 'Deaktivert', 600, false)`)
	require.NoError(t, err)
	_, err = site.Pool.Exec(ctx, `INSERT INTO scope_grants (scope_id, org_no, env)
		SELECT id, $1, 'TEST' FROM scopes WHERE name = 'skatteetaten:nedlagt'`, demo.EksempelKonsument)
	require.NoError(t, err)
	c := tokenIntegration(t, site, "Åpen klient", "aapen-1", tokenTestRSA(), "skatteetaten:testapi")
	_, err = site.Pool.Exec(ctx, `INSERT INTO integration_scopes (client_id, scope_id)
		SELECT $1, id FROM scopes WHERE name IN ('skatteetaten:aapen', 'skatteetaten:nedlagt')`, c.clientID)
	require.NoError(t, err)

	a := requestToken(t, site, c.sign(t, c.grantClaims(site, "skatteetaten:testapi skatteetaten:aapen")))
	require.Equal(t, http.StatusOK, a.status, a.raw)
	require.EqualValues(t, 60, a.body["expires_in"], "the lowest maximum of the scopes caps the lifetime")
	require.Equal(t, "skatteetaten:testapi skatteetaten:aapen", a.body["scope"])

	_, err = site.Pool.Exec(ctx, `UPDATE scopes SET active = false WHERE name = 'skatteetaten:nedlagt'`)
	require.NoError(t, err)
	requestToken(t, site, c.sign(t, c.grantClaims(site, "skatteetaten:nedlagt"))).refused(t, http.StatusBadRequest,
		"invalid_scope", "deactivated skatteetaten:nedlagt")
}

// TestTokenEndpointForPROD: PROD gets its own endpoint only when its issuer
// is configured, and a TEST integration is not found there.
func TestTokenEndpointForPROD(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	resp, err := http.Get(site.URL + "/maskinporten/prod/jwk")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusNotFound, resp.StatusCode, "no PROD endpoint unless configured")

	site = webtest.StartWith(t, webtest.Options{Env: map[string]string{"MASKINPORTEN_PROD_ISSUER": "http://127.0.0.1:1/maskinporten/prod"}})
	var md map[string]any
	getJSON(t, site.URL+"/maskinporten/prod/.well-known/oauth-authorization-server", &md)
	require.Equal(t, "http://127.0.0.1:1/maskinporten/prod/", md["issuer"])
	var set jose.JSONWebKeySet
	getJSON(t, site.URL+"/maskinporten/prod/jwk", &set)
	var testSet jose.JSONWebKeySet
	getJSON(t, paths.JWKS(site.Config.Token.TestIssuer), &testSet)
	require.NotEqual(t, set.Keys[0].KeyID, testSet.Keys[0].KeyID, "each environment signs with its own key")

	c := tokenIntegration(t, site, "Bare TEST", "bare-test-1", tokenTestRSA(), "skatteetaten:testapi")
	claims := c.grantClaims(site, "skatteetaten:testapi")
	claims["aud"] = "http://127.0.0.1:1/maskinporten/prod/"
	body := url.Values{"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"}, "assertion": {c.sign(t, claims)}}.Encode()
	resp, err = http.Post(site.URL+"/maskinporten/prod/token", "application/x-www-form-urlencoded", strings.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	require.Equal(t, http.StatusBadRequest, resp.StatusCode, string(raw))
	require.Contains(t, string(raw), `"invalid_client"`)
	require.Contains(t, string(raw), "belongs to TEST")
}
