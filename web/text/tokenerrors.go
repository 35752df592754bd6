package text

import (
	"fmt"

	"github.com/digdir/selvbetjening/internal/token"
)

// The token endpoint's error_description, one per token.Code. The endpoint
// answers programs and their developers, in English as Maskinporten does,
// whatever the portal's language; each says what to fix, and carries
// Maskinporten's error code where it has one ("Maskinporten: feilsøking").
var tokenRefusals = map[token.Code]func(a []string) string{
	token.CodeMethod: fixed("The token endpoint takes POST requests only."),
	token.CodeBodyTooLarge: func([]string) string {
		return fmt.Sprintf("The request body is larger than %d bytes.", token.MaxBodyBytes)
	},
	token.CodeMalformedBody: fixed("The body must be application/x-www-form-urlencoded with grant_type and assertion."),
	token.CodeRepeatedParam: func(a []string) string { return fmt.Sprintf("The parameter %s is given more than once.", targ(a, 0)) },
	token.CodeGrantType: func([]string) string {
		return "MP-011: Invalid parameter value: grant_type must be " + token.GrantType + "."
	},
	token.CodeAssertionMissing: fixed("The assertion parameter is missing: send the signed JWT grant in it."),
	token.CodeRateLimited: func(a []string) string {
		return fmt.Sprintf("Too many token requests from this %s: wait for Retry-After seconds. Reuse a token until it expires instead of asking for one per call.", targ(a, 0))
	},
	token.CodeAssertionMalformed: func([]string) string {
		return "Invalid assertion: it must be a JWS in compact form signed with " + algList() + " (alg none and HMAC are never accepted)."
	},
	token.CodeAlgorithm: func(a []string) string {
		return fmt.Sprintf("Invalid assertion: alg %s is not accepted; sign with %s and the private key of a key registered on the integration.", targ(a, 0), algList())
	},
	token.CodeKIDMissing:      fixed("Invalid assertion: the JWT header has no kid. Put the kid of the key registered on the integration in the header."),
	token.CodeX5C:             fixed("Invalid assertion: x5c (business certificates) is not supported here. Register your public key on the integration and send its kid in the header."),
	token.CodeClaimsMalformed: fixed("Invalid assertion: the payload is not a JSON object of claims."),
	token.CodeUnknownClaim: func(a []string) string {
		return fmt.Sprintf("Invalid assertion: unknown claim %s. Only aud, iss, iat, exp, jti, scope and resource are accepted.", targ(a, 0))
	},
	token.CodeUnsupportedClaim: func(a []string) string {
		return fmt.Sprintf("Invalid assertion: the claim %s (delegation or end-user binding) is not offered by this endpoint. Leave it out.", targ(a, 0))
	},
	token.CodeClaimType: func(a []string) string {
		return fmt.Sprintf("Invalid assertion: the claim %s has the wrong type (aud, iss, jti and scope are strings; iat and exp are numbers of seconds).", targ(a, 0))
	},
	token.CodeIssuer: fixed("MP-100: Invalid assertion. Client authentication failed: iss must be the integration's client id (a UUID)."),
	token.CodeAudienceMissing: func(a []string) string {
		return fmt.Sprintf("MP-110: Invalid assertion. Invalid JWT claim aud: aud is missing; it must be the issuer %s.", targ(a, 0))
	},
	token.CodeAudienceArray: func(a []string) string {
		return fmt.Sprintf("MP-110: Invalid assertion. Invalid JWT claim aud: aud must be a single string, the issuer %s, not an array.", targ(a, 0))
	},
	token.CodeAudienceTokenURL: func(a []string) string {
		return fmt.Sprintf("MP-110: Invalid assertion. Invalid JWT claim aud: the token endpoint URL is no longer valid as audience; use the issuer %s.", targ(a, 0))
	},
	token.CodeAudience: func(a []string) string {
		return fmt.Sprintf("MP-110: Invalid assertion. Invalid JWT claim aud: it must be the issuer %s exactly.", targ(a, 0))
	},
	token.CodeIssuedAtMissing: fixed("Invalid assertion: iat is missing; set it to the current time in seconds (UTC)."),
	token.CodeIssuedAt: func([]string) string {
		return fmt.Sprintf("Invalid assertion: iat must be within %d seconds of the server's clock; check your clock (NTP) and make a new assertion for each request.", int(token.ClockSkew.Seconds()))
	},
	token.CodeExpiryMissing: func([]string) string {
		return fmt.Sprintf("Invalid assertion: exp is missing; set it to at most %d seconds after iat.", int(token.MaxAssertionLifetime.Seconds()))
	},
	token.CodeExpired: fixed("MP-130: JWT is expired: make a new assertion for each request."),
	token.CodeLifetime: func([]string) string {
		return fmt.Sprintf("Invalid assertion: exp must be after iat and at most %d seconds after it.", int(token.MaxAssertionLifetime.Seconds()))
	},
	token.CodeJTIMissing: fixed("Invalid assertion: jti is missing; give every assertion a unique jti (a UUID)."),
	token.CodeResource:   fixed("MP-011: Invalid parameter value: resource must be an absolute URI, or an array of at most 10 of them."),
	token.CodeKIDUnknown: func(a []string) string {
		return fmt.Sprintf("MP-100: Invalid assertion. Client authentication failed: the integration has no active key with kid %s. Add the public key on the integration's page, or use the kid shown there.", targ(a, 0))
	},
	token.CodeKeyExpired: func(a []string) string {
		return fmt.Sprintf("MP-121: Invalid assertion. Expired key: the key %s has expired. Add a new key on the integration's page.", targ(a, 0))
	},
	token.CodeKeyAlgorithm: func(a []string) string {
		return fmt.Sprintf("Invalid assertion: alg %s does not fit the key %s (RSA keys sign with RS256, RS384 or RS512; EC keys with the alg of their curve).", targ(a, 1), targ(a, 0))
	},
	token.CodeSignature: fixed("MP-124: Invalid JWT signature: the assertion is not signed by the private key of the key its kid names."),
	token.CodeReplay: func(a []string) string {
		return fmt.Sprintf("MP-012: Invalid assertion. Grant is used before: the jti %s has been accepted already. Make a new assertion with a new jti for every request.", targ(a, 0))
	},
	token.CodeClientUnknown: func(a []string) string {
		return fmt.Sprintf("MP-100: Invalid assertion. Client not found: no integration has the client id %s in %s.", targ(a, 0), targ(a, 1))
	},
	token.CodeClientOtherEnv: func(a []string) string {
		return fmt.Sprintf("MP-100: Invalid assertion. Client not found: the integration %s belongs to %s; send the request to %s's token endpoint, not %s's.", targ(a, 0), targ(a, 1), targ(a, 1), targ(a, 2))
	},
	token.CodeClientInactive: func(a []string) string {
		return fmt.Sprintf("Client authentication failed: the integration %s is deactivated.", targ(a, 0))
	},
	token.CodeScopeMissing: fixed("MP-200: Token request contains invalid scopes for client: scope is missing; ask for one or more scopes, separated by spaces."),
	token.CodeScopeSyntax: func(a []string) string {
		return fmt.Sprintf("MP-200: Token request contains invalid scopes for client: %s is not a valid scope name.", targ(a, 0))
	},
	token.CodeTooManyScopes: func([]string) string {
		return fmt.Sprintf("MP-200: Token request contains invalid scopes for client: ask for at most %d scopes at once.", token.MaxScopes)
	},
	token.CodeScopeNotOnIntg: func(a []string) string {
		return fmt.Sprintf("MP-200: Token request contains invalid scopes for client: %s is not on the integration. Add it on the integration's page, or leave it out.", targ(a, 0))
	},
	token.CodeScopeInactive: func(a []string) string {
		return fmt.Sprintf("MP-200: Token request contains invalid scopes for client: the API provider has deactivated %s.", targ(a, 0))
	},
	token.CodeScopeNotGranted: func(a []string) string {
		return fmt.Sprintf("MP-250: Consumer %s:%s has not been granted access to the scope %s in %s. Ask the API provider to share it with your organisation.", token.ConsumerICD, targ(a, 0), targ(a, 1), targ(a, 2))
	},
}

// TokenRefusal is the error_description of a refused token request.
func TokenRefusal(r *token.Refusal) (string, bool) {
	f, ok := tokenRefusals[r.Code]
	if !ok {
		return "", false
	}
	return f(r.Args), true
}

func fixed(s string) func([]string) string { return func([]string) string { return s } }

func targ(a []string, i int) string {
	if i < len(a) {
		return a[i]
	}
	return ""
}

func algList() string {
	out := ""
	for i, a := range token.AssertionAlgorithms {
		switch {
		case i == len(token.AssertionAlgorithms)-1:
			out += " or "
		case i > 0:
			out += ", "
		}
		out += string(a)
	}
	return out
}

// TokenUnavailable is the description when the endpoint cannot answer.
const TokenUnavailable = "The token endpoint cannot answer right now; try again in a moment."
