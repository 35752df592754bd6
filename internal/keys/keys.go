// Package keys parses the public keys API consumers paste into the portal for
// RFC 7523 JWT client authentication against Maskinporten.
//
// Only RS256, ES256 and ES384 signing keys are accepted. Error messages never
// contain any part of the input, so a pasted private key cannot reach the logs.
package keys

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
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

// RSA moduli above this only make every token verification slower.
const maxRSABits = 8192

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

func parseJSON(s string, now time.Time) (PublicKey, error) {
	// Unmarshal rejects trailing data after the object. A map (not a struct)
	// keeps member names case-sensitive.
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &obj); err != nil {
		return PublicKey{}, fail(ErrMalformed, "invalid JSON")
	}
	if hasPrivate(obj) {
		return PublicKey{}, ErrPrivateKey
	}
	rawKeys, isSet := obj["keys"]
	if !isSet {
		return parseJWK(obj, now)
	}
	if _, ok := obj["kty"]; ok {
		return PublicKey{}, fail(ErrMalformed, "object is both a JWK and a JWKS")
	}
	var set []map[string]json.RawMessage
	if err := json.Unmarshal(rawKeys, &set); err != nil {
		return PublicKey{}, fail(ErrMalformed, "keys must be an array of objects")
	}
	// Look at every key first: a private key anywhere beats "too many keys".
	for _, k := range set {
		if hasPrivate(k) {
			return PublicKey{}, ErrPrivateKey
		}
	}
	switch len(set) {
	case 0:
		return PublicKey{}, fail(ErrMalformed, "JWKS has no keys")
	case 1:
		return parseJWK(set[0], now)
	}
	return PublicKey{}, ErrMultipleKeys
}

// parseJWK reads a public JWK. Members other than the ones we store (x5u,
// x5t, key_ops, ...) are dropped.
func parseJWK(obj map[string]json.RawMessage, now time.Time) (PublicKey, error) {
	var kty, kid, alg, use string
	for _, m := range []struct {
		name string
		dst  *string
	}{{"kty", &kty}, {"kid", &kid}, {"alg", &alg}, {"use", &use}} {
		if err := str(obj, m.name, m.dst); err != nil {
			return PublicKey{}, err
		}
	}
	if use != "" && use != "sig" {
		return PublicKey{}, fail(ErrUnsupported, `use must be "sig"`)
	}
	if !validKID(kid) {
		return PublicKey{}, fail(ErrMalformed, "kid must be at most 128 visible ASCII characters")
	}
	var pub crypto.PublicKey
	var err error
	switch kty {
	case "RSA":
		pub, err = rsaFromJWK(obj)
	case "EC":
		pub, err = ecFromJWK(obj)
	case "":
		err = fail(ErrMalformed, "missing kty")
	default: // oct, OKP and anything else
		err = fail(ErrUnsupported, "key type is not RSA or EC")
	}
	if err != nil {
		return PublicKey{}, err
	}
	m, err := describe(pub)
	if err != nil {
		return PublicKey{}, err
	}
	// One allowed algorithm per key, so anything else (none, HS256, RS384,
	// ES256 on an RSA key) is a mistake we refuse rather than silently fix.
	if alg != "" && alg != m.alg {
		return PublicKey{}, fail(ErrUnsupported, "alg is not allowed for this key")
	}
	certs, err := x5c(obj, pub, now)
	if err != nil {
		return PublicKey{}, err
	}
	return m.build(kid, certs)
}

// str reads an optional string member into dst; null counts as absent.
func str(obj map[string]json.RawMessage, name string, dst *string) error {
	raw, ok := obj[name]
	if !ok {
		return nil
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return fail(ErrMalformed, "member "+name+" must be a string")
	}
	return nil
}

// validKID keeps kids safe to show and log: visible ASCII, no spaces.
func validKID(kid string) bool {
	if len(kid) > 128 {
		return false
	}
	for i := range len(kid) {
		if kid[i] <= ' ' || kid[i] > '~' {
			return false
		}
	}
	return true
}

// b64 decodes a required base64url member (RFC 7518 forbids padding).
func b64(obj map[string]json.RawMessage, name string) ([]byte, error) {
	var v string
	if err := str(obj, name, &v); err != nil {
		return nil, err
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(v)
	if err != nil || len(b) == 0 {
		return nil, fail(ErrMalformed, "member "+name+" must be non-empty base64url")
	}
	return b, nil
}

func rsaFromJWK(obj map[string]json.RawMessage) (crypto.PublicKey, error) {
	n, err := b64(obj, "n")
	if err != nil {
		return nil, err
	}
	e, err := b64(obj, "e")
	if err != nil {
		return nil, err
	}
	// Leading zero octets are tolerated; the stored form drops them.
	exp := new(big.Int).SetBytes(e)
	if exp.BitLen() > 31 {
		return nil, fail(ErrWeakKey, "RSA exponent is too large")
	}
	return &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(exp.Int64())}, nil
}

func ecFromJWK(obj map[string]json.RawMessage) (crypto.PublicKey, error) {
	var crv string
	if err := str(obj, "crv", &crv); err != nil {
		return nil, err
	}
	var curve elliptic.Curve
	switch crv {
	case "P-256":
		curve = elliptic.P256()
	case "P-384":
		curve = elliptic.P384()
	case "":
		return nil, fail(ErrMalformed, "missing crv")
	default:
		return nil, fail(ErrUnsupported, "curve is not P-256 or P-384")
	}
	x, err := b64(obj, "x")
	if err != nil {
		return nil, err
	}
	y, err := b64(obj, "y")
	if err != nil {
		return nil, err
	}
	size := (curve.Params().BitSize + 7) / 8
	if len(x) > size || len(y) > size {
		return nil, fail(ErrMalformed, "EC coordinate is too long")
	}
	// Short coordinates (leading zeros dropped by some tools) are left-padded.
	point := make([]byte, 1+2*size)
	point[0] = 4
	copy(point[1+size-len(x):1+size], x)
	copy(point[1+2*size-len(y):], y)
	pub, err := ecdsa.ParseUncompressedPublicKey(curve, point)
	if err != nil {
		return nil, fail(ErrMalformed, "EC point is not on the curve")
	}
	return pub, nil
}

// x5c checks an optional certificate chain in a JWK: the first certificate
// must hold this key and be valid now. Nothing else about the chain is checked.
func x5c(obj map[string]json.RawMessage, pub crypto.PublicKey, now time.Time) ([]*x509.Certificate, error) {
	raw, ok := obj["x5c"]
	if !ok {
		return nil, nil
	}
	var chain []string
	if err := json.Unmarshal(raw, &chain); err != nil || len(chain) == 0 {
		return nil, fail(ErrMalformed, "x5c must be a non-empty array of strings")
	}
	certs := make([]*x509.Certificate, 0, len(chain))
	for _, c := range chain {
		der, err := base64.StdEncoding.Strict().DecodeString(c)
		if err != nil {
			return nil, fail(ErrMalformed, "x5c entry is not base64")
		}
		cert, err := x509.ParseCertificate(der)
		if err != nil {
			return nil, fail(ErrMalformed, "x5c entry is not a certificate")
		}
		certs = append(certs, cert)
	}
	if k, ok := pub.(interface{ Equal(crypto.PublicKey) bool }); !ok || !k.Equal(certs[0].PublicKey) {
		return nil, fail(ErrMalformed, "x5c certificate does not hold this key")
	}
	if err := checkValidity(certs[0], now); err != nil {
		return nil, err
	}
	return certs, nil
}

func checkValidity(c *x509.Certificate, now time.Time) error {
	if now.After(c.NotAfter) {
		return ErrExpired
	}
	if now.Before(c.NotBefore) {
		return ErrNotYetValid
	}
	return nil
}

func parsePEM(s string, now time.Time) (PublicKey, error) {
	var blocks []*pem.Block
	for rest := []byte(s); len(rest) > 0; {
		// pem.Decode skips text before a block; we refuse it instead.
		if !bytes.HasPrefix(rest, []byte("-----BEGIN ")) {
			return PublicKey{}, fail(ErrMalformed, "text outside the PEM block")
		}
		b, r := pem.Decode(rest)
		if b == nil {
			return PublicKey{}, fail(ErrMalformed, "invalid PEM block")
		}
		blocks = append(blocks, b)
		rest = bytes.TrimSpace(r)
	}
	// pem.Decode also jumps over a broken block to the next good one.
	if strings.Count(s, "-----BEGIN") != len(blocks) {
		return PublicKey{}, fail(ErrMalformed, "invalid PEM block")
	}
	if len(blocks) > 1 {
		return PublicKey{}, ErrMultipleKeys
	}
	b := blocks[0]
	var pub crypto.PublicKey
	var err error
	switch b.Type {
	case "CERTIFICATE":
		return fromCertificate(b.Bytes, now)
	case "PUBLIC KEY":
		pub, err = parseSPKI(b.Bytes)
	case "RSA PUBLIC KEY":
		if pub, err = x509.ParsePKCS1PublicKey(b.Bytes); err != nil {
			err = fail(ErrMalformed, "invalid PKCS#1 public key")
		}
	default:
		err = fail(ErrUnsupported, "PEM block is not a certificate or public key")
	}
	if err != nil {
		return PublicKey{}, err
	}
	m, err := describe(pub)
	if err != nil {
		return PublicKey{}, err
	}
	return m.build("", nil)
}

func fromCertificate(der []byte, now time.Time) (PublicKey, error) {
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return PublicKey{}, fail(ErrMalformed, "invalid certificate")
	}
	if err := checkValidity(cert, now); err != nil {
		return PublicKey{}, err
	}
	m, err := describe(cert.PublicKey) // nil for algorithms x509 does not know
	if err != nil {
		return PublicKey{}, err
	}
	return m.build("", []*x509.Certificate{cert})
}

var (
	oidRSA  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidEC   = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}
	oidP256 = asn1.ObjectIdentifier{1, 2, 840, 10045, 3, 1, 7}
	oidP384 = asn1.ObjectIdentifier{1, 3, 132, 0, 34}
)

// parseSPKI looks at the algorithm first so keys x509 cannot parse at all
// (Ed448, brainpool, secp256k1, ...) read as unsupported, not malformed.
func parseSPKI(der []byte) (crypto.PublicKey, error) {
	var spki struct {
		Algorithm pkix.AlgorithmIdentifier
		Key       asn1.BitString
	}
	if rest, err := asn1.Unmarshal(der, &spki); err != nil || len(rest) > 0 {
		return nil, fail(ErrMalformed, "invalid public key")
	}
	switch alg := spki.Algorithm.Algorithm; {
	case alg.Equal(oidRSA):
	case alg.Equal(oidEC):
		var curve asn1.ObjectIdentifier
		if _, err := asn1.Unmarshal(spki.Algorithm.Parameters.FullBytes, &curve); err != nil ||
			!(curve.Equal(oidP256) || curve.Equal(oidP384)) {
			return nil, fail(ErrUnsupported, "curve is not P-256 or P-384")
		}
	default:
		return nil, fail(ErrUnsupported, "key type is not RSA or EC")
	}
	pub, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, fail(ErrMalformed, "invalid public key")
	}
	return pub, nil
}

// material is a checked key in JWK terms (values base64url, minimal/fixed length).
type material struct {
	kty, alg, n, e, crv, x, y string
	bits                      int
}

// describe applies the strength rules shared by every input format.
func describe(pub crypto.PublicKey) (material, error) {
	enc := base64.RawURLEncoding.EncodeToString
	switch k := pub.(type) {
	case *rsa.PublicKey:
		bits := k.N.BitLen()
		switch {
		case k.N.Bit(0) == 0:
			return material{}, fail(ErrMalformed, "RSA modulus is even")
		case bits < 2048:
			return material{}, fail(ErrWeakKey, "RSA modulus is shorter than 2048 bits")
		case bits > maxRSABits:
			return material{}, fail(ErrUnsupported, "RSA modulus is longer than 8192 bits")
		case k.E < 3 || k.E > 1<<31-1 || k.E%2 == 0:
			return material{}, fail(ErrWeakKey, "RSA exponent must be odd and between 3 and 2^31-1")
		}
		e := big.NewInt(int64(k.E)).Bytes()
		return material{kty: "RSA", alg: "RS256", bits: bits, n: enc(k.N.Bytes()), e: enc(e)}, nil
	case *ecdsa.PublicKey:
		m := material{kty: "EC"}
		switch k.Curve {
		case elliptic.P256():
			m.alg, m.crv, m.bits = "ES256", "P-256", 256
		case elliptic.P384():
			m.alg, m.crv, m.bits = "ES384", "P-384", 384
		default:
			return material{}, fail(ErrUnsupported, "curve is not P-256 or P-384")
		}
		point, err := k.Bytes()
		if err != nil {
			return material{}, fail(ErrMalformed, "invalid EC point")
		}
		size := (len(point) - 1) / 2
		m.x, m.y = enc(point[1:1+size]), enc(point[1+size:])
		return m, nil
	}
	return material{}, fail(ErrUnsupported, "key type is not RSA or EC") // Ed25519, DSA, ...
}

// thumbprint is RFC 7638: the required members in lexicographic order, no
// whitespace. The values are base64url, so no JSON escaping is needed.
func (m material) thumbprint() string {
	var members string
	if m.kty == "RSA" {
		members = `{"e":"` + m.e + `","kty":"RSA","n":"` + m.n + `"}`
	} else {
		members = `{"crv":"` + m.crv + `","kty":"EC","x":"` + m.x + `","y":"` + m.y + `"}`
	}
	sum := sha256.Sum256([]byte(members))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// storedJWK lists every member we ever store; nothing private can slip in.
type storedJWK struct {
	Kty string   `json:"kty"`
	Kid string   `json:"kid"`
	Use string   `json:"use"`
	Alg string   `json:"alg"`
	N   string   `json:"n,omitempty"`
	E   string   `json:"e,omitempty"`
	Crv string   `json:"crv,omitempty"`
	X   string   `json:"x,omitempty"`
	Y   string   `json:"y,omitempty"`
	X5c []string `json:"x5c,omitempty"`
}

func (m material) build(kid string, certs []*x509.Certificate) (PublicKey, error) {
	fp := m.thumbprint()
	if kid == "" {
		kid = fp
	}
	j := storedJWK{Kty: m.kty, Kid: kid, Use: "sig", Alg: m.alg, N: m.n, E: m.e, Crv: m.crv, X: m.x, Y: m.y}
	for _, c := range certs {
		j.X5c = append(j.X5c, base64.StdEncoding.EncodeToString(c.Raw))
	}
	raw, err := json.Marshal(j)
	if err != nil {
		return PublicKey{}, fail(ErrMalformed, "cannot encode JWK")
	}
	k := PublicKey{KID: kid, Algorithm: m.alg, KeyType: m.kty, Bits: m.bits, Fingerprint: fp, JWK: raw}
	if len(certs) > 0 {
		t := certs[0].NotAfter.UTC()
		k.ExpiresAt = &t
	}
	return k, nil
}
