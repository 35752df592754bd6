package keys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"sync"
	"time"
)

// now is fixed so certificates made relative to it, and saved fuzz inputs,
// behave the same on every run.
var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

type testKeys struct {
	rsa1024, rsa2048, rsa3072 *rsa.PrivateKey
	p224, p256, p384, p521    *ecdsa.PrivateKey
	ed                        ed25519.PrivateKey
}

// keyset is generated once per test binary: RSA generation is slow under -race.
var keyset = sync.OnceValue(func() testKeys {
	var k testKeys
	k.rsa1024 = must(rsa.GenerateKey(rand.Reader, 1024))
	k.rsa2048 = must(rsa.GenerateKey(rand.Reader, 2048))
	k.rsa3072 = must(rsa.GenerateKey(rand.Reader, 3072))
	k.p224 = must(ecdsa.GenerateKey(elliptic.P224(), rand.Reader))
	k.p256 = must(ecdsa.GenerateKey(elliptic.P256(), rand.Reader))
	k.p384 = must(ecdsa.GenerateKey(elliptic.P384(), rand.Reader))
	k.p521 = must(ecdsa.GenerateKey(elliptic.P521(), rand.Reader))
	_, k.ed = must2(ed25519.GenerateKey(rand.Reader))
	return k
})

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func must2[A, B any](a A, b B, err error) (A, B) {
	if err != nil {
		panic(err)
	}
	return a, b
}

func b64u(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func mustJSON(v any) string { return string(must(json.Marshal(v))) }

// jwk writes pub as a JWK with only the RFC 7638 required members, plus extra
// members (a nil value removes one).
func jwk(pub crypto.PublicKey, extra map[string]any) string {
	m := map[string]any{}
	switch k := pub.(type) {
	case *rsa.PublicKey:
		m["kty"], m["n"], m["e"] = "RSA", b64u(k.N.Bytes()), b64u(big.NewInt(int64(k.E)).Bytes())
	case *ecdsa.PublicKey:
		p := must(k.Bytes())
		size := (len(p) - 1) / 2
		m["kty"], m["crv"], m["x"], m["y"] = "EC", k.Curve.Params().Name, b64u(p[1:1+size]), b64u(p[1+size:])
	case ed25519.PublicKey:
		m["kty"], m["crv"], m["x"] = "OKP", "Ed25519", b64u(k)
	default:
		panic("unexpected key type")
	}
	for name, v := range extra {
		if v == nil {
			delete(m, name)
		} else {
			m[name] = v
		}
	}
	return mustJSON(m)
}

// thumb computes the RFC 7638 thumbprint independently of the code under
// test: encoding/json sorts map keys, which is the canonical member order.
func thumb(pub crypto.PublicKey) string {
	sum := sha256.Sum256([]byte(jwk(pub, nil)))
	return b64u(sum[:])
}

func pemOf(typ string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

func spkiPEM(pub crypto.PublicKey) string {
	return pemOf("PUBLIC KEY", must(x509.MarshalPKIXPublicKey(pub)))
}

// selfSigned returns the DER of a self-signed certificate for key.
func selfSigned(key crypto.Signer, notBefore, notAfter time.Time) []byte {
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "selvbetjening test"},
		NotBefore:    notBefore,
		NotAfter:     notAfter,
	}
	return must(x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key))
}

func validCert(key crypto.Signer) []byte {
	return selfSigned(key, now.Add(-time.Hour), now.AddDate(1, 0, 0))
}
