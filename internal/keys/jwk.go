package keys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"time"
)

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
