package auth

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/google/uuid"
	"golang.org/x/oauth2"
)

// ClientKey is the portal's own key for private_key_jwt client
// authentication (RFC 7523), which real ID-porten asks of its clients.
type ClientKey struct {
	KeyID  string
	Signer crypto.Signer
}

// ParseClientKey reads a PKCS#8, PKCS#1 or SEC 1 private key in PEM.
func ParseClientKey(pemBytes []byte, keyID string) (*ClientKey, error) {
	block, _ := pem.Decode(pemBytes)
	if block == nil {
		return nil, errors.New("client key: no PEM block")
	}
	var (
		key any
		err error
	)
	switch block.Type {
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(block.Bytes)
	default:
		return nil, fmt.Errorf("client key: unsupported PEM block %q", block.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("client key: %w", err)
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, errors.New("client key: not a signing key")
	}
	return &ClientKey{KeyID: keyID, Signer: signer}, nil
}

func (k *ClientKey) algorithm() (jose.SignatureAlgorithm, error) {
	switch pub := k.Signer.Public().(type) {
	case *rsa.PublicKey:
		return jose.RS256, nil
	case *ecdsa.PublicKey:
		switch pub.Curve.Params().BitSize {
		case 256:
			return jose.ES256, nil
		case 384:
			return jose.ES384, nil
		}
	}
	return "", errors.New("client key: use RSA or EC P-256/P-384")
}

// Assertion signs a short-lived client assertion for the token endpoint:
// iss and sub are the client id, aud the issuer, and a unique jti.
func (k *ClientKey) Assertion(clientID, audience string, now time.Time) (string, error) {
	alg, err := k.algorithm()
	if err != nil {
		return "", err
	}
	opts := (&jose.SignerOptions{}).WithType("JWT")
	if k.KeyID != "" {
		opts = opts.WithHeader("kid", k.KeyID)
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: k.Signer}, opts)
	if err != nil {
		return "", fmt.Errorf("client assertion signer: %w", err)
	}
	claims := jwt.Claims{
		Issuer: clientID, Subject: clientID, Audience: jwt.Audience{audience}, ID: uuid.NewString(),
		IssuedAt: jwt.NewNumericDate(now), Expiry: jwt.NewNumericDate(now.Add(2 * time.Minute)),
	}
	token, err := jwt.Signed(signer).Claims(claims).Serialize()
	if err != nil {
		return "", fmt.Errorf("sign client assertion: %w", err)
	}
	return token, nil
}

// exchangeOptions adds the client assertion when the portal authenticates
// with a key rather than a secret.
func (a *Authenticator) exchangeOptions(issuer string) ([]oauth2.AuthCodeOption, error) {
	if a.cfg.ClientKey == nil {
		return nil, nil
	}
	assertion, err := a.cfg.ClientKey.Assertion(a.cfg.ClientID, issuer, time.Now())
	if err != nil {
		return nil, err
	}
	return []oauth2.AuthCodeOption{
		oauth2.SetAuthURLParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
		oauth2.SetAuthURLParam("client_assertion", assertion),
	}, nil
}
