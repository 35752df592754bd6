package token

import (
	"bytes"
	"crypto/x509"
	"encoding/json"
	"errors"
	"math"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/google/uuid"
)

// The rules of Maskinporten's JWT grant ("JWT grant", docs.digdir.no).
const (
	// ClockSkew is how far iat may be from the server's clock.
	ClockSkew = 10 * time.Second
	// MaxAssertionLifetime is the most exp may be after iat.
	MaxAssertionLifetime = 120 * time.Second
	// MaxScopes is the most scopes one request may ask for.
	MaxScopes = 50
	// MaxAssertionBytes is the longest assertion read; a grant with a
	// certificate chain is a few kilobytes, ours without one far less.
	MaxAssertionBytes = 16 << 10
	maxJTI            = 256
	maxResources      = 10
	maxResourceLength = 500
)

// AssertionAlgorithms are the algorithms an assertion may be signed with:
// Maskinporten's RS256, RS384 and RS512, and ES256/ES384 for the EC keys the
// portal accepts. Never none, never HMAC: go-jose refuses anything else.
var AssertionAlgorithms = []jose.SignatureAlgorithm{jose.RS256, jose.RS384, jose.RS512, jose.ES256, jose.ES384}

// refusedAlgorithms are known algorithms that are never allowed, parsed only
// to say so (an HS256 grant keyed with the public key is the classic attack).
var refusedAlgorithms = []jose.SignatureAlgorithm{jose.HS256, jose.HS384, jose.HS512, jose.PS256, jose.PS384,
	jose.PS512, jose.ES512, jose.EdDSA}

// claimsAllowed are the claims of the grant this endpoint reads.
var claimsAllowed = []string{"aud", "iss", "iat", "exp", "jti", "scope", "resource"}

// claimsNotOffered are Maskinporten's own claims for what this endpoint does
// not offer (delegation through Altinn, end-user binding, rich authorization).
var claimsNotOffered = []string{"consumer_org", "iss_onbehalfof", "pid", "authorization_details"}

// Assertion is a parsed grant whose claims passed every check that needs no
// key. Its signature is checked by Verify, with the key its kid names.
type Assertion struct {
	KID       string
	Algorithm string
	ClientID  uuid.UUID
	IssuedAt  time.Time
	Expiry    time.Time
	JTI       string
	Scopes    []string // as requested, without duplicates, in order
	Resources []string // the token's aud; empty when none was asked for
	jws       *jwt.JSONWebToken
}

// Audience is where an endpoint expects its grants to be addressed.
type Audience struct {
	Issuer   string // the one accepted aud
	TokenURL string // refused with its own message, as Maskinporten now does
}

// ParseAssertion reads a grant with go-jose and checks every claim that
// needs no key: the claim set, aud, iat, exp, jti, scope and resource. The
// claims are read before the signature is checked, to refuse what can be
// refused without the database; Verify checks the signature over the same
// bytes before anything is issued.
func ParseAssertion(raw string, aud Audience, now time.Time) (*Assertion, *Refusal) {
	if len(raw) > MaxAssertionBytes {
		return nil, refuse(CodeAssertionMalformed)
	}
	tok, err := jwt.ParseSigned(raw, AssertionAlgorithms)
	if err != nil {
		if other, err := jwt.ParseSigned(raw, refusedAlgorithms); err == nil && len(other.Headers) == 1 {
			return nil, refuse(CodeAlgorithm, other.Headers[0].Algorithm)
		}
		return nil, refuse(CodeAssertionMalformed)
	}
	if len(tok.Headers) != 1 {
		return nil, refuse(CodeAssertionMalformed)
	}
	h := tok.Headers[0]
	if h.KeyID == "" {
		if _, err := h.Certificates(x509.VerifyOptions{}); !errors.Is(err, jose.ErrMissingX5cHeader) {
			return nil, refuse(CodeX5C)
		}
		return nil, refuse(CodeKIDMissing)
	}
	a := &Assertion{KID: h.KeyID, Algorithm: h.Algorithm, jws: tok}

	var claims map[string]json.RawMessage
	if err := tok.UnsafeClaimsWithoutVerification(&claims); err != nil || claims == nil {
		return nil, refuse(CodeClaimsMalformed)
	}
	for _, name := range sortedKeys(claims) {
		switch {
		case slices.Contains(claimsNotOffered, name):
			return nil, refuse(CodeUnsupportedClaim, name)
		case !slices.Contains(claimsAllowed, name):
			return nil, refuse(CodeUnknownClaim, name)
		}
	}

	iss, ok := stringClaim(claims, "iss")
	if !ok {
		return nil, refuse(CodeClaimType, "iss")
	}
	if a.ClientID, err = uuid.Parse(iss); err != nil || iss == "" || len(iss) != 36 {
		return nil, refuse(CodeIssuer)
	}
	if r := checkAudience(claims["aud"], aud); r != nil {
		return nil, r
	}
	if r := a.checkTimes(claims, now); r != nil {
		return nil, r
	}
	jti, ok := stringClaim(claims, "jti")
	switch {
	case !ok:
		return nil, refuse(CodeClaimType, "jti")
	case jti == "":
		return nil, refuse(CodeJTIMissing)
	case len(jti) > maxJTI:
		return nil, refuse(CodeClaimType, "jti")
	}
	a.JTI = jti
	scope, ok := stringClaim(claims, "scope")
	if !ok {
		return nil, refuse(CodeClaimType, "scope")
	}
	if a.Scopes, err = parseScopes(scope); err != nil {
		return nil, err.(*Refusal)
	}
	if a.Resources, ok = resources(claims["resource"]); !ok {
		return nil, refuse(CodeResource)
	}
	return a, nil
}

// Verify checks the assertion's signature with the integration's key.
func (a *Assertion) Verify(key any) *Refusal {
	if err := a.jws.Claims(key); err != nil {
		return refuse(CodeSignature)
	}
	return nil
}

func sortedKeys(m map[string]json.RawMessage) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// stringClaim reads an optional string claim; ok is false for another type.
func stringClaim(claims map[string]json.RawMessage, name string) (string, bool) {
	raw, present := claims[name]
	if !present {
		return "", true
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false
	}
	return s, true
}

func checkAudience(raw json.RawMessage, want Audience) *Refusal {
	if raw == nil || bytes.Equal(raw, []byte("null")) {
		return refuse(CodeAudienceMissing, want.Issuer)
	}
	if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("[")) {
		return refuse(CodeAudienceArray, want.Issuer)
	}
	var aud string
	if err := json.Unmarshal(raw, &aud); err != nil {
		return refuse(CodeClaimType, "aud")
	}
	switch aud {
	case want.Issuer:
		return nil
	case want.TokenURL:
		return refuse(CodeAudienceTokenURL, want.Issuer)
	}
	return refuse(CodeAudience, want.Issuer)
}

func (a *Assertion) checkTimes(claims map[string]json.RawMessage, now time.Time) *Refusal {
	iat, present, ok := timeClaim(claims, "iat")
	switch {
	case !ok:
		return refuse(CodeClaimType, "iat")
	case !present:
		return refuse(CodeIssuedAtMissing)
	}
	exp, present, ok := timeClaim(claims, "exp")
	switch {
	case !ok:
		return refuse(CodeClaimType, "exp")
	case !present:
		return refuse(CodeExpiryMissing)
	}
	a.IssuedAt, a.Expiry = iat, exp
	switch {
	case !now.Before(exp):
		return refuse(CodeExpired)
	case exp.Sub(iat) > MaxAssertionLifetime || !exp.After(iat):
		return refuse(CodeLifetime)
	case iat.Before(now.Add(-ClockSkew)) || iat.After(now.Add(ClockSkew)):
		return refuse(CodeIssuedAt)
	}
	return nil
}

// timeClaim reads a NumericDate (seconds since the epoch, fractions allowed).
func timeClaim(claims map[string]json.RawMessage, name string) (t time.Time, present, ok bool) {
	raw, present := claims[name]
	if !present {
		return time.Time{}, false, true
	}
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil || math.IsNaN(f) || f < 0 || f > 1e11 {
		return time.Time{}, true, false
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)), true, true
}

// parseScopes splits the space-separated scope claim (RFC 6749 §3.3).
func parseScopes(scope string) ([]string, error) {
	names := strings.Split(scope, " ")
	var out []string
	for _, n := range names {
		if n == "" {
			continue
		}
		if !validScope(n) {
			return nil, refuse(CodeScopeSyntax, n)
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
		if len(out) > MaxScopes {
			return nil, refuse(CodeTooManyScopes)
		}
	}
	if len(out) == 0 {
		return nil, refuse(CodeScopeMissing)
	}
	return out, nil
}

// validScope is RFC 6749's scope-token: %x21 / %x23-5B / %x5D-7E.
func validScope(s string) bool {
	if len(s) > 200 {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if c < 0x21 || c > 0x7e || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// resources reads the optional resource claim: one absolute URI, or an
// array of them (Maskinporten's own form).
func resources(raw json.RawMessage) ([]string, bool) {
	if raw == nil {
		return nil, true
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		var one string
		if err := json.Unmarshal(raw, &one); err != nil {
			return nil, false
		}
		list = []string{one}
	}
	if len(list) == 0 || len(list) > maxResources {
		return nil, false
	}
	for _, r := range list {
		u, err := url.Parse(r)
		if err != nil || len(r) > maxResourceLength || u.Scheme == "" || (u.Host == "" && u.Opaque == "") ||
			strings.ContainsAny(r, " \t\r\n") {
			return nil, false
		}
	}
	return list, true
}
