package token_test

import (
	"crypto/rand"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/token"
)

func TestParseAssertionAcceptsMaskinportensGrant(t *testing.T) {
	t.Parallel()
	now := time.Now()
	id := uuid.New()
	for _, alg := range []jose.SignatureAlgorithm{jose.RS256, jose.RS384, jose.RS512} {
		g := newGrant(id, now).with("scope", "a:b  c:d a:b").with("resource", []string{"https://api.example/"})
		g.alg = alg
		a, r := token.ParseAssertion(g.sign(t), testAudience, now)
		require.Nil(t, r, alg)
		require.Equal(t, id, a.ClientID)
		require.Equal(t, "klient-nokkel-1", a.KID)
		require.Equal(t, string(alg), a.Algorithm)
		require.Equal(t, []string{"a:b", "c:d"}, a.Scopes, "split on spaces, duplicates once")
		require.Equal(t, []string{"https://api.example/"}, a.Resources)
		require.Nil(t, a.Verify(&rsaKey().PublicKey))
	}
	ec := ecKey(t)
	g := newGrant(id, now).with("resource", "https://api.example/one")
	g.alg, g.key = jose.ES256, ec
	a, r := token.ParseAssertion(g.sign(t), testAudience, now)
	require.Nil(t, r)
	require.Equal(t, []string{"https://api.example/one"}, a.Resources, "one resource as a string")
	require.Nil(t, a.Verify(&ec.PublicKey))
	require.Equal(t, token.CodeSignature, a.Verify(&ecKey(t).PublicKey).Code, "another key's signature")
}

// TestParseAssertionRefusals: every grant Maskinporten refuses is refused
// here, with the code its description is written for.
func TestParseAssertionRefusals(t *testing.T) {
	t.Parallel()
	now := time.Now()
	id := uuid.New()
	g := func() *grant { return newGrant(id, now) }
	signed := func(g *grant) string { return g.sign(t) }
	hs := g()
	pubDER := publicJWK(t, rsaKey(), "klient-nokkel-1")
	noKid := g()
	noKid.kid = ""
	es512 := g()
	for _, tc := range []struct {
		name string
		raw  string
		want token.Code
		arg  string
	}{
		{"garbage", "dette er ingen JWT", token.CodeAssertionMalformed, ""},
		{"empty parts", "..", token.CodeAssertionMalformed, ""},
		{"oversized", strings.Repeat("a", token.MaxAssertionBytes+1), token.CodeAssertionMalformed, ""},
		{"alg none", g().handMade(t, "none", func([]byte) []byte { return nil }), token.CodeAssertionMalformed, ""},
		{"HS256 with the public key as secret", hs.handMade(t, "HS256", hs256With(pubDER)), token.CodeAlgorithm, "HS256"},
		{"ES512", es512.handMade(t, "ES512", func([]byte) []byte { return make([]byte, 132) }), token.CodeAlgorithm, "ES512"},
		{"no kid", signed(noKid), token.CodeKIDMissing, ""},
		{"unknown claim", signed(g().with("sub", "noe")), token.CodeUnknownClaim, "sub"},
		{"nbf is not Maskinporten's", signed(g().with("nbf", now.Unix())), token.CodeUnknownClaim, "nbf"},
		{"delegation is not offered", signed(g().with("consumer_org", "310000019")), token.CodeUnsupportedClaim, "consumer_org"},
		{"pid is not offered", signed(g().with("pid", "15838510075")), token.CodeUnsupportedClaim, "pid"},
		{"iss missing", signed(g().without("iss")), token.CodeIssuer, ""},
		{"iss not a client id", signed(g().with("iss", "min-klient")), token.CodeIssuer, ""},
		{"iss a number", signed(g().with("iss", 42)), token.CodeClaimType, "iss"},
		{"aud missing", signed(g().without("aud")), token.CodeAudienceMissing, testIssuer},
		{"aud wrong", signed(g().with("aud", "https://test.maskinporten.no/")), token.CodeAudience, testIssuer},
		{"aud an array", signed(g().with("aud", []string{testIssuer})), token.CodeAudienceArray, testIssuer},
		{"aud the token URL", signed(g().with("aud", testIssuer+"token")), token.CodeAudienceTokenURL, testIssuer},
		{"aud a number", signed(g().with("aud", 1)), token.CodeClaimType, "aud"},
		{"iat missing", signed(g().without("iat")), token.CodeIssuedAtMissing, ""},
		{"iat a string", signed(g().with("iat", "nå")), token.CodeClaimType, "iat"},
		{"iat a minute ahead", signed(g().with("iat", now.Add(time.Minute).Unix()).with("exp", now.Add(100*time.Second).Unix())), token.CodeIssuedAt, ""},
		{"iat a minute ago", signed(g().with("iat", now.Add(-time.Minute).Unix()).with("exp", now.Add(50*time.Second).Unix())), token.CodeIssuedAt, ""},
		{"exp missing", signed(g().without("exp")), token.CodeExpiryMissing, ""},
		{"expired", signed(g().with("iat", now.Add(-130*time.Second).Unix()).with("exp", now.Add(-10*time.Second).Unix())), token.CodeExpired, ""},
		{"far-future exp", signed(g().with("exp", now.Add(time.Hour).Unix())), token.CodeLifetime, ""},
		{"exp 121 s after iat", signed(g().with("exp", now.Add(121*time.Second).Unix())), token.CodeLifetime, ""},
		{"exp before iat", signed(g().with("iat", now.Add(5*time.Second).Unix()).with("exp", now.Add(2*time.Second).Unix())), token.CodeLifetime, ""},
		{"jti missing", signed(g().without("jti")), token.CodeJTIMissing, ""},
		{"jti a number", signed(g().with("jti", 7)), token.CodeClaimType, "jti"},
		{"scope missing", signed(g().without("scope")), token.CodeScopeMissing, ""},
		{"scope only spaces", signed(g().with("scope", "   ")), token.CodeScopeMissing, ""},
		{"scope an array", signed(g().with("scope", []string{"a:b"})), token.CodeClaimType, "scope"},
		{"scope with a quote", signed(g().with("scope", `a:"b"`)), token.CodeScopeSyntax, `a:"b"`},
		{"too many scopes", signed(g().with("scope", manyScopes(token.MaxScopes+1))), token.CodeTooManyScopes, ""},
		{"resource not a URI", signed(g().with("resource", "api")), token.CodeResource, ""},
		{"resource empty array", signed(g().with("resource", []string{})), token.CodeResource, ""},
		{"resource a number", signed(g().with("resource", 3)), token.CodeResource, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, r := token.ParseAssertion(tc.raw, testAudience, now)
			require.Nil(t, a)
			require.NotNil(t, r)
			require.Equal(t, tc.want, r.Code)
			if tc.arg != "" {
				require.Equal(t, tc.arg, r.Args[0])
			}
		})
	}
}

func manyScopes(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("p:s")
		b.WriteByte(byte('a' + i%26))
		b.WriteString(strings.Repeat("x", i/26))
		b.WriteByte(' ')
	}
	return b.String()
}

// TestRefusalArgsAreShort: what a description repeats from a request is
// cut, so a refusal never echoes a large part of it.
func TestRefusalArgsAreShort(t *testing.T) {
	t.Parallel()
	now := time.Now()
	long := strings.Repeat("ø", 300)
	_, r := token.ParseAssertion(newGrant(uuid.New(), now).with(long, 1).sign(t), testAudience, now)
	require.Equal(t, token.CodeUnknownClaim, r.Code)
	require.LessOrEqual(t, len(r.Args[0]), 104)
}

// TestEveryCodeHasAnOAuthError: each refusal maps to an RFC 6749 error.
func TestEveryCodeHasAnOAuthError(t *testing.T) {
	t.Parallel()
	seen := map[token.Code]bool{}
	for _, c := range token.Codes() {
		require.False(t, seen[c], "%s listed twice", c)
		seen[c] = true
		require.Contains(t, []string{token.ErrInvalidRequest, token.ErrInvalidClient, token.ErrInvalidGrant,
			token.ErrInvalidScope, token.ErrUnsupportedGrantType, token.ErrTemporarily}, c.OAuthError())
	}
	require.Equal(t, token.ErrInvalidScope, token.CodeScopeNotGranted.OAuthError())
	require.Equal(t, token.ErrInvalidClient, token.CodeClientInactive.OAuthError())
	require.Equal(t, token.ErrInvalidGrant, token.CodeReplay.OAuthError())
}

// FuzzParseAssertion: any input is a parsed assertion or a refusal, never a
// panic, and a parsed one has every claim the rules need.
func FuzzParseAssertion(f *testing.F) {
	now := time.Unix(1_800_000_000, 0)
	id := uuid.MustParse("238259d7-f0ab-4bd5-b253-0f0159375096")
	f.Add(newGrant(id, now).sign(f))
	f.Add(newGrant(id, now).with("resource", []string{"https://a.example/"}).sign(f))
	f.Add(newGrant(id, now).handMade(f, "none", func([]byte) []byte { return nil }))
	f.Add("eyJhbGciOiJSUzI1NiJ9.e30.")
	f.Add(rand.Text())
	f.Fuzz(func(t *testing.T, raw string) {
		a, r := token.ParseAssertion(raw, testAudience, now)
		if (a == nil) == (r == nil) {
			t.Fatalf("want an assertion or a refusal, got %v and %v", a, r)
		}
		if a != nil {
			require.NotEmpty(t, a.KID)
			require.NotEmpty(t, a.JTI)
			require.NotEmpty(t, a.Scopes)
			require.NotEqual(t, uuid.Nil, a.ClientID)
			require.True(t, a.Expiry.After(now))
		}
	})
}
