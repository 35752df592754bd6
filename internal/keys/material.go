package keys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
)

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
		case bits < MinRSABits:
			return material{}, fail(ErrWeakKey, fmt.Sprintf("RSA modulus is shorter than %d bits", MinRSABits))
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
