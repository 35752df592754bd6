package paths

import "strings"

// The token endpoint's addresses under an issuer (which ends with "/"), as
// Maskinporten names them: https://test.maskinporten.no/token, …/jwk and
// …/.well-known/oauth-authorization-server.

// TokenEndpoint is where the JWT grant is posted.
func TokenEndpoint(issuer string) string { return issuer + "token" }

// JWKS is the issuer's public signing keys.
func JWKS(issuer string) string { return issuer + "jwk" }

// AuthorizationServerMetadata is the issuer's RFC 8414 metadata.
func AuthorizationServerMetadata(issuer string) string {
	return issuer + ".well-known/oauth-authorization-server"
}

// DefaultTestIssuer is TEST's issuer under the portal when
// MASKINPORTEN_TEST_ISSUER is not set; the issuer itself shows the metadata.
func DefaultTestIssuer(baseURL string) string {
	return strings.TrimSuffix(baseURL, "/") + "/maskinporten/test/"
}
