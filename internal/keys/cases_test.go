package keys

import (
	"crypto"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"math/big"
	"strings"
	"time"
)

// parseCase is one paste. For successes, kid "" means "the fingerprint".
type parseCase struct {
	name    string
	input   string
	err     error
	kty     string
	alg     string
	bits    int
	kid     string
	fp      string
	expires *time.Time
}

// cases is shared by TestParse and the fuzz seed corpus.
func cases() []parseCase {
	k := keyset()
	rsaPub, ecPub := &k.rsa2048.PublicKey, &k.p256.PublicKey
	rsaJWK := jwk(rsaPub, nil)
	rsaCert, ecCert := validCert(k.rsa2048), validCert(k.p256)
	expiredCert := selfSigned(k.rsa2048, now.AddDate(-2, 0, 0), now.Add(-time.Second))
	futureCert := selfSigned(k.rsa2048, now.Add(time.Second), now.AddDate(1, 0, 0))
	edgeCert := selfSigned(k.p256, now, now) // valid for exactly one instant
	notAfter := func(der []byte) *time.Time {
		t := must(x509.ParseCertificate(der)).NotAfter.UTC()
		return &t
	}
	x5c := func(der []byte) []string { return []string{base64.StdEncoding.EncodeToString(der)} }
	withE := func(e int) *rsa.PublicKey { return &rsa.PublicKey{N: rsaPub.N, E: e} }
	privRSA := jwk(rsaPub, map[string]any{
		"d": b64u(k.rsa2048.D.Bytes()), "p": b64u(k.rsa2048.Primes[0].Bytes()), "q": b64u(k.rsa2048.Primes[1].Bytes()),
	})
	pkcs1Priv := pemOf("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(k.rsa2048))
	// An odd 8200-bit number: not a real modulus, but enough to test the cap.
	huge := new(big.Int).Lsh(big.NewInt(1), 8199)
	huge.SetBit(huge, 0, 1)
	// SPKI wrappers around junk, to reach the algorithm checks.
	spki := func(oid asn1.ObjectIdentifier) []byte {
		return must(asn1.Marshal(struct {
			Algorithm struct{ Algorithm asn1.ObjectIdentifier }
			Key       asn1.BitString
		}{
			Algorithm: struct{ Algorithm asn1.ObjectIdentifier }{oid},
			Key:       asn1.BitString{Bytes: []byte{2, 1, 1}, BitLength: 24},
		}))
	}
	dsaSPKI := spki(asn1.ObjectIdentifier{1, 2, 840, 10040, 4, 1})
	badRSASPKI := spki(asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1})
	point := must(ecPub.Bytes())
	point[len(point)-1] ^= 1 // y no longer matches x
	offCurve := jwk(ecPub, map[string]any{"y": b64u(point[33:])})
	leadingZero := jwk(rsaPub, map[string]any{"n": b64u(append([]byte{0}, rsaPub.N.Bytes()...))})
	padded := rsaJWK + strings.Repeat(" ", MaxInputSize-len(rsaJWK))

	ok := func(name, input string, pub crypto.PublicKey, kty, alg string, bits int) parseCase {
		return parseCase{name: name, input: input, kty: kty, alg: alg, bits: bits, fp: thumb(pub)}
	}
	bad := func(name, input string, err error) parseCase { return parseCase{name: name, input: input, err: err} }
	withKID := func(c parseCase, kid string) parseCase { c.kid = kid; return c }
	withExp := func(c parseCase, t *time.Time) parseCase { c.expires = t; return c }

	return []parseCase{
		// Accepted.
		withKID(ok("RSA 2048 JWK with kid and alg", jwk(rsaPub, map[string]any{"kid": "nokkel-1", "alg": "RS256", "use": "sig"}), rsaPub, "RSA", "RS256", 2048), "nokkel-1"),
		ok("RSA 3072 JWK without kid", jwk(&k.rsa3072.PublicKey, nil), &k.rsa3072.PublicKey, "RSA", "RS256", 3072),
		ok("RSA exponent 3", jwk(withE(3), nil), withE(3), "RSA", "RS256", 2048),
		ok("RSA exponent 2^31-1", jwk(withE(1<<31-1), nil), withE(1<<31-1), "RSA", "RS256", 2048),
		ok("RSA n with leading zero", leadingZero, rsaPub, "RSA", "RS256", 2048),
		ok("P-256 JWK", jwk(ecPub, map[string]any{"alg": "ES256"}), ecPub, "EC", "ES256", 256),
		ok("P-384 JWKS", `{"keys":[`+jwk(&k.p384.PublicKey, nil)+`]}`, &k.p384.PublicKey, "EC", "ES384", 384),
		ok("JWK in whitespace", "\n\t  "+rsaJWK+"\r\n ", rsaPub, "RSA", "RS256", 2048),
		ok("JWK with byte order mark", "\ufeff"+rsaJWK, rsaPub, "RSA", "RS256", 2048),
		ok("JWK padded to exactly 64 KiB", padded, rsaPub, "RSA", "RS256", 2048),
		ok("JWK with extra members", jwk(ecPub, map[string]any{"x5u": "https://example.com", "key_ops": []string{"verify"}}), ecPub, "EC", "ES256", 256),
		ok("RSA SPKI PEM", spkiPEM(rsaPub), rsaPub, "RSA", "RS256", 2048),
		ok("P-256 SPKI PEM", spkiPEM(ecPub), ecPub, "EC", "ES256", 256),
		ok("P-384 SPKI PEM with CRLF", strings.ReplaceAll(spkiPEM(&k.p384.PublicKey), "\n", "\r\n"), &k.p384.PublicKey, "EC", "ES384", 384),
		ok("RSA PKCS#1 public PEM", pemOf("RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(rsaPub)), rsaPub, "RSA", "RS256", 2048),
		withExp(ok("RSA certificate", pemOf("CERTIFICATE", rsaCert), rsaPub, "RSA", "RS256", 2048), notAfter(rsaCert)),
		withExp(ok("P-256 certificate", pemOf("CERTIFICATE", ecCert), ecPub, "EC", "ES256", 256), notAfter(ecCert)),
		withExp(ok("certificate valid only now", pemOf("CERTIFICATE", edgeCert), ecPub, "EC", "ES256", 256), notAfter(edgeCert)),
		withExp(withKID(ok("JWK with matching x5c", jwk(rsaPub, map[string]any{"kid": "k", "x5c": x5c(rsaCert)}), rsaPub, "RSA", "RS256", 2048), "k"), notAfter(rsaCert)),

		// Private key material.
		bad("RSA JWK with d", privRSA, ErrPrivateKey),
		bad("EC JWK with d", jwk(ecPub, map[string]any{"d": b64u(must(k.p256.Bytes()))}), ErrPrivateKey),
		bad("JWK with upper-case D", jwk(ecPub, map[string]any{"D": "AQAB"}), ErrPrivateKey),
		bad("oct JWK", `{"kty":"oct","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQ"}`, ErrPrivateKey),
		bad("JWKS with a private key", `{"keys":[`+rsaJWK+`,`+privRSA+`]}`, ErrPrivateKey),
		bad("PKCS#1 private PEM", pkcs1Priv, ErrPrivateKey),
		bad("PKCS#8 private PEM", pemOf("PRIVATE KEY", must(x509.MarshalPKCS8PrivateKey(k.p256))), ErrPrivateKey),
		bad("EC private PEM", pemOf("EC PRIVATE KEY", must(x509.MarshalECPrivateKey(k.p256))), ErrPrivateKey),
		bad("encrypted private PEM", pemOf("ENCRYPTED PRIVATE KEY", []byte("not really encrypted")), ErrPrivateKey),
		bad("OpenSSH private key", pemOf("OPENSSH PRIVATE KEY", []byte("openssh-key-v1\x00fake")), ErrPrivateKey),
		bad("certificate then private key", pemOf("CERTIFICATE", rsaCert)+pkcs1Priv, ErrPrivateKey),
		bad("private key then certificate", pkcs1Priv+pemOf("CERTIFICATE", rsaCert), ErrPrivateKey),
		bad("broken private PEM", "-----BEGIN PRIVATE KEY-----\n!!!\n", ErrPrivateKey),
		bad("service account JSON", mustJSON(map[string]string{"type": "service_account", "private_key": pkcs1Priv}), ErrPrivateKey),
		bad("PuTTY key file", "PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\n", ErrPrivateKey),

		// More than one key.
		bad("JWKS with two keys", `{"keys":[`+rsaJWK+`,`+jwk(ecPub, nil)+`]}`, ErrMultipleKeys),
		bad("two certificates", pemOf("CERTIFICATE", rsaCert)+pemOf("CERTIFICATE", ecCert), ErrMultipleKeys),
		bad("certificate and public key", pemOf("CERTIFICATE", rsaCert)+spkiPEM(ecPub), ErrMultipleKeys),

		// Certificate validity.
		bad("expired certificate", pemOf("CERTIFICATE", expiredCert), ErrExpired),
		bad("not yet valid certificate", pemOf("CERTIFICATE", futureCert), ErrNotYetValid),
		bad("JWK with expired x5c", jwk(rsaPub, map[string]any{"x5c": x5c(expiredCert)}), ErrExpired),

		// Weak RSA.
		bad("RSA 1024 JWK", jwk(&k.rsa1024.PublicKey, nil), ErrWeakKey),
		bad("RSA 1024 SPKI PEM", spkiPEM(&k.rsa1024.PublicKey), ErrWeakKey),
		bad("RSA 1024 certificate", pemOf("CERTIFICATE", validCert(k.rsa1024)), ErrWeakKey),
		bad("RSA exponent 1", jwk(withE(1), nil), ErrWeakKey),
		bad("RSA even exponent", jwk(withE(65536), nil), ErrWeakKey),
		bad("RSA exponent 2^31+1", jwk(withE(1<<31+1), nil), ErrWeakKey),
		bad("RSA exponent over 32 bits", jwk(rsaPub, map[string]any{"e": b64u([]byte{1, 0, 0, 0, 1})}), ErrWeakKey),

		// Unsupported keys and algorithms.
		bad("oct JWK without k", `{"kty":"oct"}`, ErrUnsupported),
		bad("Ed25519 JWK", jwk(k.ed.Public(), nil), ErrUnsupported),
		bad("unknown kty", `{"kty":"RSA2","n":"AQAB","e":"AQAB"}`, ErrUnsupported),
		bad("P-521 JWK", jwk(&k.p521.PublicKey, nil), ErrUnsupported),
		bad("P-521 SPKI PEM", spkiPEM(&k.p521.PublicKey), ErrUnsupported),
		bad("P-521 certificate", pemOf("CERTIFICATE", validCert(k.p521)), ErrUnsupported),
		bad("P-224 SPKI PEM", spkiPEM(&k.p224.PublicKey), ErrUnsupported),
		bad("Ed25519 SPKI PEM", spkiPEM(k.ed.Public()), ErrUnsupported),
		bad("Ed25519 certificate", pemOf("CERTIFICATE", validCert(k.ed)), ErrUnsupported),
		bad("DSA SPKI PEM", pemOf("PUBLIC KEY", dsaSPKI), ErrUnsupported),
		bad("RSA over 8192 bits", jwk(&rsa.PublicKey{N: huge, E: 65537}, nil), ErrUnsupported),
		bad("alg none", jwk(rsaPub, map[string]any{"alg": "none"}), ErrUnsupported),
		bad("alg HS256", jwk(rsaPub, map[string]any{"alg": "HS256"}), ErrUnsupported),
		bad("alg RS384", jwk(rsaPub, map[string]any{"alg": "RS384"}), ErrUnsupported),
		bad("alg ES256 on RSA", jwk(rsaPub, map[string]any{"alg": "ES256"}), ErrUnsupported),
		bad("alg ES384 on P-256", jwk(ecPub, map[string]any{"alg": "ES384"}), ErrUnsupported),
		bad("use enc", jwk(ecPub, map[string]any{"use": "enc"}), ErrUnsupported),
		bad("certificate request PEM", pemOf("CERTIFICATE REQUEST", []byte{0x30, 0}), ErrUnsupported),
		bad("OpenSSH public key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB test@example", ErrUnsupported),

		// Malformed.
		bad("empty", "", ErrMalformed),
		bad("only whitespace", " \n\t ", ErrMalformed),
		bad("garbage", "this is certainly not a key", ErrMalformed),
		bad("truncated JSON", `{"kty":"RSA","n":`, ErrMalformed),
		bad("JSON array", `[`+rsaJWK+`]`, ErrMalformed),
		bad("JWK then junk", rsaJWK+" junk", ErrMalformed),
		bad("two JWKs in a row", rsaJWK+rsaJWK, ErrMalformed),
		bad("PEM then junk", spkiPEM(ecPub)+"junk", ErrMalformed),
		bad("text before PEM", "Bag Attributes\n    localKeyID: 01\n"+spkiPEM(ecPub), ErrMalformed),
		bad("stray BEGIN line before PEM", "-----BEGIN \nkey:\n"+spkiPEM(ecPub), ErrMalformed),
		bad("junk between PEM blocks", spkiPEM(ecPub)+"junk\n"+spkiPEM(ecPub), ErrMalformed),
		bad("broken PEM block before a good one", "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----\n"+spkiPEM(ecPub), ErrMalformed),
		bad("PEM without END", "-----BEGIN PUBLIC KEY-----\nMFkw\n", ErrMalformed),
		bad("garbage in CERTIFICATE block", pemOf("CERTIFICATE", []byte("nope")), ErrMalformed),
		bad("garbage in PUBLIC KEY block", pemOf("PUBLIC KEY", []byte("nope")), ErrMalformed),
		bad("garbage in RSA PUBLIC KEY block", pemOf("RSA PUBLIC KEY", []byte("nope")), ErrMalformed),
		bad("missing kty", `{"n":"AQAB","e":"AQAB"}`, ErrMalformed),
		bad("kty not a string", `{"kty":1}`, ErrMalformed),
		bad("missing n", jwk(rsaPub, map[string]any{"n": nil}), ErrMalformed),
		bad("n not base64url", jwk(rsaPub, map[string]any{"n": "ab+/"}), ErrMalformed),
		bad("e with padding", jwk(rsaPub, map[string]any{"e": "AQAB=="}), ErrMalformed),
		bad("even RSA modulus", jwk(&rsa.PublicKey{N: new(big.Int).Lsh(big.NewInt(1), 2048), E: 65537}, nil), ErrMalformed),
		bad("missing crv", jwk(ecPub, map[string]any{"crv": nil}), ErrMalformed),
		bad("EC point not on curve", offCurve, ErrMalformed),
		bad("EC coordinate too long", jwk(ecPub, map[string]any{"x": b64u(make([]byte, 33))}), ErrMalformed),
		bad("kid with space", jwk(ecPub, map[string]any{"kid": "my key"}), ErrMalformed),
		bad("kid too long", jwk(ecPub, map[string]any{"kid": strings.Repeat("k", 129)}), ErrMalformed),
		bad("kid not a string", jwk(ecPub, map[string]any{"kid": 7}), ErrMalformed),
		bad("empty JWKS", `{"keys":[]}`, ErrMalformed),
		bad("keys not an array", `{"keys":{}}`, ErrMalformed),
		bad("both JWK and JWKS", `{"kty":"EC","keys":[]}`, ErrMalformed),
		bad("x5c for another key", jwk(ecPub, map[string]any{"x5c": x5c(rsaCert)}), ErrMalformed),
		bad("x5c not base64", jwk(rsaPub, map[string]any{"x5c": []string{"%%%"}}), ErrMalformed),
		bad("x5c not a certificate", jwk(rsaPub, map[string]any{"x5c": []string{"AAAA"}}), ErrMalformed),
		bad("RSA SPKI with garbage key", pemOf("PUBLIC KEY", badRSASPKI), ErrMalformed),
		bad("x5c empty", jwk(rsaPub, map[string]any{"x5c": []string{}}), ErrMalformed),

		// Size.
		bad("over 64 KiB", strings.Repeat("A", MaxInputSize+1), ErrTooLarge),
		bad("over 64 KiB of whitespace around a key", padded+" ", ErrTooLarge),
	}
}
