package token

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/paths"
)

// GrantType is the only grant the endpoint accepts (RFC 7523).
const GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer"

// ClientAMR is how the client authenticated, in Maskinporten's words.
const ClientAMR = "private_key_jwt"

// MaxBodyBytes is the largest request body the token endpoint reads.
const MaxBodyBytes = MaxAssertionBytes + 4<<10

// Endpoint is one environment's authorization server.
type Endpoint struct {
	Env      environment.Env
	Issuer   string
	aud      Audience
	pool     *pgxpool.Pool
	keys     *keyRing
	service  *Service
	clientLn int
	addrLn   int
}

// TokenURL, JWKSURL and MetadataURL are the endpoint's addresses.
func (e *Endpoint) TokenURL() string    { return paths.TokenEndpoint(e.Issuer) }
func (e *Endpoint) JWKSURL() string     { return paths.JWKS(e.Issuer) }
func (e *Endpoint) MetadataURL() string { return paths.AuthorizationServerMetadata(e.Issuer) }

// Request is a token request as the handler read it.
type Request struct {
	Form    url.Values
	Refusal *Refusal // the form could not be read: too large, malformed
	Address string   // the source address, for the rate limit
}

// Response is the body of a successful answer.
type Response struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
	Scope       string `json:"scope"`
}

// Token answers one token request: a token, or why not. An error is the
// database or our own fault, never the client's.
func (e *Endpoint) Token(ctx context.Context, req Request) (Response, *Refusal, error) {
	start := time.Now()
	resp, clientID, refusal, err := e.token(ctx, req, start)
	e.service.observe(e.Env, clientID, refusal, err, start)
	return resp, refusal, err
}

func (e *Endpoint) token(ctx context.Context, req Request, now time.Time) (Response, uuid.UUID, *Refusal, error) {
	if r := e.service.limiter.allow(rateAddress, req.Address, e.addrLn, now); r != nil {
		return Response{}, uuid.Nil, r, nil
	}
	if req.Refusal != nil {
		return Response{}, uuid.Nil, req.Refusal, nil
	}
	for _, p := range []string{"grant_type", "assertion"} {
		if len(req.Form[p]) > 1 {
			return Response{}, uuid.Nil, refuse(CodeRepeatedParam, p), nil
		}
	}
	if gt := req.Form.Get("grant_type"); gt != GrantType {
		return Response{}, uuid.Nil, refuse(CodeGrantType, gt), nil
	}
	raw := req.Form.Get("assertion")
	if raw == "" {
		return Response{}, uuid.Nil, refuse(CodeAssertionMissing), nil
	}
	a, r := ParseAssertion(raw, e.aud, now)
	if r != nil {
		return Response{}, uuid.Nil, r, nil
	}

	c, err := lookUp(ctx, e.pool, a)
	if err != nil {
		return Response{}, uuid.Nil, nil, err
	}
	if r := e.checkClient(c, a); r != nil {
		if c.found {
			return Response{}, a.ClientID, r, nil
		}
		return Response{}, uuid.Nil, r, nil
	}
	// Counted only once the signature is the client's own, so nobody can
	// spend another client's allowance with forged grants.
	if r := e.service.limiter.allow(rateClient, a.ClientID.String(), e.clientLn, now); r != nil {
		return Response{}, a.ClientID, r, nil
	}
	lifetime, r := c.lifetime(a)
	if r != nil {
		return Response{}, a.ClientID, r, nil
	}
	fresh, err := rememberJTI(ctx, e.pool, a)
	if err != nil {
		return Response{}, a.ClientID, nil, err
	}
	if !fresh {
		return Response{}, a.ClientID, refuse(CodeReplay, a.JTI), nil
	}
	resp, err := e.sign(a, c, lifetime, now)
	if err != nil {
		return Response{}, a.ClientID, nil, err
	}
	e.service.counts.keyUsed(c.keyID, now)
	return resp, a.ClientID, nil, nil
}

// checkClient: the integration exists here and is active, the kid names one
// of its active keys, the alg fits that key, and the signature is its.
func (e *Endpoint) checkClient(c client, a *Assertion) *Refusal {
	switch {
	case !c.found:
		return refuse(CodeClientUnknown, a.ClientID.String(), string(e.Env))
	case c.env != e.Env:
		return refuse(CodeClientOtherEnv, a.ClientID.String(), string(c.env), string(e.Env))
	case !c.active:
		return refuse(CodeClientInactive, a.ClientID.String())
	case c.keyID == 0:
		return refuse(CodeKIDUnknown, a.KID)
	case c.keyExpires != nil && !c.keyExpires.After(time.Now()):
		return refuse(CodeKeyExpired, a.KID)
	}
	key, err := e.service.clientKeys.parse(c.keyID, c.jwk)
	if err != nil {
		return refuse(CodeKeyAlgorithm, a.KID, a.Algorithm)
	}
	if !algorithmFits(a.Algorithm, key, c.keyAlg) {
		return refuse(CodeKeyAlgorithm, a.KID, a.Algorithm)
	}
	return a.Verify(key)
}

// algorithmFits: an RSA key signs with RS256, RS384 or RS512, as
// Maskinporten allows; an EC key only with its curve's algorithm.
func algorithmFits(alg string, key any, registered string) bool {
	switch key.(type) {
	case *rsa.PublicKey:
		return alg == string(jose.RS256) || alg == string(jose.RS384) || alg == string(jose.RS512)
	case *ecdsa.PublicKey:
		return alg == registered
	}
	return false
}

// accessClaims is the access token, in Maskinporten's shape.
type accessClaims struct {
	Issuer    string   `json:"iss"`
	Audience  any      `json:"aud,omitempty"`
	ClientID  string   `json:"client_id"`
	ClientAMR string   `json:"client_amr"`
	Scope     string   `json:"scope"`
	TokenType string   `json:"token_type"`
	IssuedAt  int64    `json:"iat"`
	Expiry    int64    `json:"exp"`
	JTI       string   `json:"jti"`
	Consumer  consumer `json:"consumer"`
}

type consumer struct {
	Authority string `json:"authority"`
	ID        string `json:"ID"`
}

// ConsumerAuthority and ConsumerICD are how Maskinporten names the
// consumer: an ISO 6523 identifier with the Norwegian organisation number's ICD.
const (
	ConsumerAuthority = "iso6523-actorid-upis"
	ConsumerICD       = "0192"
)

func (e *Endpoint) sign(a *Assertion, c client, lifetime int, now time.Time) (Response, error) {
	signer, _ := e.keys.current()
	if signer == nil {
		return Response{}, errors.New("no signing key loaded")
	}
	scope := strings.Join(a.Scopes, " ")
	claims := accessClaims{
		Issuer: e.Issuer, ClientID: a.ClientID.String(), ClientAMR: ClientAMR, Scope: scope, TokenType: "Bearer",
		IssuedAt: now.Unix(), Expiry: now.Unix() + int64(lifetime), JTI: rand.Text(),
		Consumer: consumer{Authority: ConsumerAuthority, ID: ConsumerICD + ":" + c.orgNo},
	}
	switch len(a.Resources) {
	case 0:
	case 1:
		claims.Audience = a.Resources[0]
	default:
		claims.Audience = a.Resources
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		return Response{}, err
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		return Response{}, fmt.Errorf("sign access token: %w", err)
	}
	compact, err := jws.CompactSerialize()
	if err != nil {
		return Response{}, err
	}
	return Response{AccessToken: compact, TokenType: "Bearer", ExpiresIn: lifetime, Scope: scope}, nil
}

// JWKS is the environment's published keys.
func (e *Endpoint) JWKS() []byte {
	_, jwks := e.keys.current()
	return jwks
}

// ReloadKeys reads the environment's signing keys now, as the periodic
// refresh does: for a verifier handed a kid it has not seen.
func (e *Endpoint) ReloadKeys(ctx context.Context) error {
	return e.keys.load(ctx)
}

// Metadata is the RFC 8414 authorization server metadata.
type Metadata struct {
	Issuer                 string   `json:"issuer"`
	TokenEndpoint          string   `json:"token_endpoint"`
	JWKSURI                string   `json:"jwks_uri"`
	GrantTypes             []string `json:"grant_types_supported"`
	AuthMethods            []string `json:"token_endpoint_auth_methods_supported"`
	AuthSigningAlgs        []string `json:"token_endpoint_auth_signing_alg_values_supported"`
	AccessTokenSigningAlgs []string `json:"access_token_signing_alg_values_supported"`
}

// Metadata describes the endpoint.
func (e *Endpoint) Metadata() Metadata {
	algs := make([]string, len(AssertionAlgorithms))
	for i, a := range AssertionAlgorithms {
		algs[i] = string(a)
	}
	return Metadata{
		Issuer: e.Issuer, TokenEndpoint: e.TokenURL(), JWKSURI: e.JWKSURL(),
		GrantTypes: []string{GrantType}, AuthMethods: []string{ClientAMR}, AuthSigningAlgs: algs,
		AccessTokenSigningAlgs: []string{string(SigningAlgorithm)},
	}
}
