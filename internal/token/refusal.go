package token

import (
	"slices"
	"strings"
)

// Code names why a token request was refused. The code is what the metrics,
// the counts per integration and the tests see; web/text puts it into the
// error_description a developer reads.
type Code string

// Refusals of the request itself.
const (
	CodeMethod           Code = "method"            // not a POST
	CodeBodyTooLarge     Code = "body_too_large"    // more than MaxBodyBytes
	CodeMalformedBody    Code = "malformed_body"    // not an application/x-www-form-urlencoded body
	CodeRepeatedParam    Code = "repeated_param"    // grant_type or assertion given twice
	CodeGrantType        Code = "grant_type"        // not the JWT bearer grant
	CodeAssertionMissing Code = "assertion_missing" // no assertion parameter
	CodeRateLimited      Code = "rate_limited"      // too many requests from this client or address
)

// Refusals of the assertion (the signed JWT grant).
const (
	CodeAssertionMalformed Code = "assertion_malformed" // not a compact JWS with an allowed alg
	CodeAlgorithm          Code = "algorithm"           // a known alg that is never allowed (HMAC, PS*)
	CodeKIDMissing         Code = "kid_missing"
	CodeX5C                Code = "x5c_unsupported"
	CodeClaimsMalformed    Code = "claims_malformed" // the payload is not a JSON object
	CodeUnknownClaim       Code = "unknown_claim"
	CodeUnsupportedClaim   Code = "unsupported_claim" // Maskinporten's, but not offered here (delegation, pid)
	CodeClaimType          Code = "claim_type"        // a claim of the wrong JSON type
	CodeIssuer             Code = "iss_invalid"
	CodeAudienceMissing    Code = "aud_missing"
	CodeAudienceArray      Code = "aud_array"
	CodeAudienceTokenURL   Code = "aud_token_url"
	CodeAudience           Code = "aud_wrong"
	CodeIssuedAtMissing    Code = "iat_missing"
	CodeIssuedAt           Code = "iat_skew"
	CodeExpiryMissing      Code = "exp_missing"
	CodeExpired            Code = "expired"
	CodeLifetime           Code = "lifetime_too_long"
	CodeJTIMissing         Code = "jti_missing"
	CodeResource           Code = "resource_invalid"
	CodeKIDUnknown         Code = "kid_unknown"
	CodeKeyExpired         Code = "key_expired"
	CodeKeyAlgorithm       Code = "key_algorithm" // the alg does not fit the registered key
	CodeSignature          Code = "signature"
	CodeReplay             Code = "replay"
)

// Refusals of the client and its scopes.
const (
	CodeClientUnknown   Code = "client_unknown"
	CodeClientOtherEnv  Code = "client_other_env"
	CodeClientInactive  Code = "client_inactive"
	CodeScopeMissing    Code = "scope_missing"
	CodeScopeSyntax     Code = "scope_syntax"
	CodeTooManyScopes   Code = "too_many_scopes"
	CodeScopeNotOnIntg  Code = "scope_not_on_client"
	CodeScopeInactive   Code = "scope_inactive"
	CodeScopeNotGranted Code = "scope_not_granted"
)

// Codes lists every refusal, for the text catalogue's test and the metrics.
func Codes() []Code {
	return []Code{CodeMethod, CodeBodyTooLarge, CodeMalformedBody, CodeRepeatedParam, CodeGrantType,
		CodeAssertionMissing, CodeRateLimited,
		CodeAssertionMalformed, CodeAlgorithm, CodeKIDMissing, CodeX5C, CodeClaimsMalformed, CodeUnknownClaim,
		CodeUnsupportedClaim, CodeClaimType, CodeIssuer, CodeAudienceMissing, CodeAudienceArray,
		CodeAudienceTokenURL, CodeAudience, CodeIssuedAtMissing, CodeIssuedAt, CodeExpiryMissing, CodeExpired,
		CodeLifetime, CodeJTIMissing, CodeResource, CodeKIDUnknown, CodeKeyExpired, CodeKeyAlgorithm,
		CodeSignature, CodeReplay,
		CodeClientUnknown, CodeClientOtherEnv, CodeClientInactive, CodeScopeMissing, CodeScopeSyntax,
		CodeTooManyScopes, CodeScopeNotOnIntg, CodeScopeInactive, CodeScopeNotGranted}
}

// OAuth errors of RFC 6749 §5.2 (and temporarily_unavailable of §4.1.2.1
// for an endpoint that asks the client to slow down).
const (
	ErrInvalidRequest       = "invalid_request"
	ErrInvalidClient        = "invalid_client"
	ErrInvalidGrant         = "invalid_grant"
	ErrInvalidScope         = "invalid_scope"
	ErrUnsupportedGrantType = "unsupported_grant_type"
	ErrTemporarily          = "temporarily_unavailable"
)

// OAuthError is the RFC 6749 error a code is answered with.
func (c Code) OAuthError() string {
	switch c {
	case CodeMethod, CodeBodyTooLarge, CodeMalformedBody, CodeRepeatedParam, CodeAssertionMissing,
		CodeUnsupportedClaim, CodeResource:
		return ErrInvalidRequest
	case CodeGrantType:
		return ErrUnsupportedGrantType
	case CodeRateLimited:
		return ErrTemporarily
	case CodeClientUnknown, CodeClientOtherEnv, CodeClientInactive:
		return ErrInvalidClient
	case CodeScopeMissing, CodeScopeSyntax, CodeTooManyScopes, CodeScopeNotOnIntg, CodeScopeInactive, CodeScopeNotGranted:
		return ErrInvalidScope
	}
	return ErrInvalidGrant
}

// Refusal is a refused token request: the code, and what the description
// names (a claim, a scope, the issuer to use). Args hold at most a short
// piece of the request, never the assertion.
type Refusal struct {
	Code Code
	Args []string
	// RetryAfter is set for CodeRateLimited: seconds until the window ends.
	RetryAfter int
}

func (r *Refusal) Error() string { return "token refused: " + string(r.Code) }

// maxArg keeps what a description repeats from the request short.
const maxArg = 100

// Refuse makes a refusal; the handler refuses what it finds in the HTTP
// request itself (method, body) with it.
func Refuse(c Code, args ...string) *Refusal { return refuse(c, args...) }

func refuse(c Code, args ...string) *Refusal {
	for i, a := range args {
		if len(a) > maxArg {
			args[i] = strings.ToValidUTF8(a[:maxArg], "") + "…"
		}
	}
	return &Refusal{Code: c, Args: slices.Clip(args)}
}
