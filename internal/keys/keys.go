// Package keys parses the public keys API consumers paste into the portal for
// RFC 7523 JWT client authentication against Maskinporten.
//
// Only RS256, ES256 and ES384 signing keys are accepted. Error messages never
// contain any part of the input, so a pasted private key cannot reach the logs.
package keys

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// MaxInputSize is the largest paste Parse accepts, whitespace included.
const MaxInputSize = 64 << 10

// Reasons a paste is refused; the UI maps each to its own message.
var (
	ErrTooLarge     = errors.New("keys: input is larger than 64 KiB")
	ErrMalformed    = errors.New("keys: not a valid JWK, JWKS, certificate or public key")
	ErrPrivateKey   = errors.New("keys: input contains a private key")
	ErrMultipleKeys = errors.New("keys: paste one key at a time")
	ErrExpired      = errors.New("keys: certificate has expired")
	ErrNotYetValid  = errors.New("keys: certificate is not yet valid")
	ErrWeakKey      = errors.New("keys: key is too weak")
	ErrUnsupported  = errors.New("keys: unsupported key type or algorithm")
)

// Refusals lists every reason above, for the text catalogue's test.
func Refusals() []error {
	return []error{ErrTooLarge, ErrMalformed, ErrPrivateKey, ErrMultipleKeys, ErrExpired, ErrNotYetValid,
		ErrWeakKey, ErrUnsupported}
}

// MinRSABits is the shortest RSA modulus accepted. RSA moduli above
// maxRSABits only make every token verification slower.
const (
	MinRSABits = 2048
	maxRSABits = 8192
)

// PublicKey is a validated public signing key, ready to store.
type PublicKey struct {
	KID         string     // the JWK "kid", or Fingerprint when there is none
	Algorithm   string     // RS256, ES256 or ES384
	KeyType     string     // "RSA" or "EC"
	Bits        int        // RSA modulus size or curve size
	Fingerprint string     // RFC 7638 JWK thumbprint (SHA-256, base64url)
	ExpiresAt   *time.Time // certificate NotAfter; nil without a certificate
	JWK         []byte     // canonical public-only JWK to store
}

// fail adds a reason to a sentinel. The reason must be a constant from this
// file, never text taken from the input.
func fail(sentinel error, reason string) error {
	return fmt.Errorf("%w: %s", sentinel, reason)
}

// Parse validates one pasted public key: a JWK, a JWKS holding one key, or a
// PEM certificate, SPKI "PUBLIC KEY" or PKCS#1 "RSA PUBLIC KEY" block.
// Certificates must be valid at now. Errors wrap one of the Err* sentinels.
func Parse(input string, now time.Time) (PublicKey, error) {
	if len(input) > MaxInputSize {
		return PublicKey{}, ErrTooLarge
	}
	// Editors on Windows may leave a byte order mark in front of a saved file.
	s := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(input), "\ufeff"))
	switch {
	case s == "":
		return PublicKey{}, fail(ErrMalformed, "empty input")
	case looksPrivate(s):
		return PublicKey{}, ErrPrivateKey
	case s[0] == '{':
		return parseJSON(s, now)
	case strings.HasPrefix(s, "-----BEGIN "):
		return parsePEM(s, now)
	case strings.HasPrefix(s, "ssh-"), strings.HasPrefix(s, "ecdsa-sha2-"):
		return PublicKey{}, fail(ErrUnsupported, "OpenSSH public keys are not supported")
	}
	return PublicKey{}, fail(ErrMalformed, "expected a JWK, JWKS or PEM block")
}

// looksPrivate catches private keys in any wrapping, also ones we cannot parse:
// PEM/OpenSSH/SSH2 armour, PuTTY files and JSON files embedding a PEM key
// (cloud service-account files). Telling the user matters more than the format.
// It also looks for private JWK members in text that is not valid JSON, so a
// private JWK with a typo is refused as private, never shown back as malformed.
func looksPrivate(s string) bool {
	return strings.Contains(s, "PRIVATE KEY") || strings.Contains(s, "PuTTY-User-Key-File") ||
		privateMemberText.MatchString(s)
}

// privateMemberText matches a private JWK member name, as JSON text.
var privateMemberText = regexp.MustCompile(`(?i)"(d|p|q|dp|dq|qi|oth|k)"\s*:`)

// privateMembers are the JWK members that hold secret material (RFC 7518 §6.3, §6.4).
var privateMembers = []string{"d", "p", "q", "dp", "dq", "qi", "oth", "k"}

// hasPrivate ignores case: a "D" is no valid member, but refusing it is cheap.
func hasPrivate(obj map[string]json.RawMessage) bool {
	for name := range obj {
		for _, p := range privateMembers {
			if strings.EqualFold(name, p) {
				return true
			}
		}
	}
	return false
}
