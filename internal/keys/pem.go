package keys

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"strings"
	"time"
)

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
