package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/google/uuid"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/token"
)

// The admin scopes of Digdir's self-service API. Digdir shares them, like any
// scope, with the organisations that may administer through the API.
const (
	ScopeRead        = "idporten:dcr.read"
	ScopeWrite       = "idporten:dcr.write"
	ScopeScopesWrite = "idporten:scopes.write"
)

// securityName is the OpenAPI security scheme: a Bearer access token.
const securityName = "maskinporten"

func securitySchemes() map[string]*huma.SecurityScheme {
	return map[string]*huma.SecurityScheme{securityName: {
		Type: "http", Scheme: "bearer", BearerFormat: "JWT",
		Description: "An access token from the portal's token endpoint (TEST or PROD), for an integration of " +
			"the calling organisation with the admin scopes. The token's issuer says the environment, " +
			"its consumer the organisation. Its aud must be absent (no resource asked for) or the API's " +
			"base URL exactly.",
	}}
}

// needs is an operation's security: any one of the scopes suffices.
func needs(scopes ...string) []map[string][]string {
	out := make([]map[string][]string, len(scopes))
	for i, s := range scopes {
		out[i] = map[string][]string{securityName: {s}}
	}
	return out
}

// Issuer is one environment's token endpoint as the API trusts it: its
// issuer identifier and its current JWKS (the token service refreshes it).
type Issuer struct {
	Env    environment.Env
	Issuer string
	JWKS   func() []byte
	// Reload reads the issuer's keys now, so that JWKS returns the newest:
	// asked (at most once every KeyReloadInterval) when a token names a kid
	// the JWKS lacks. Nil: the JWKS is only what its refresh brings.
	Reload func(context.Context) error
}

// KeyReloadInterval is the least time between two reloads of an issuer's
// keys for an unknown kid: a signing key the process has not read yet is
// found at once, and a flood of made-up kids costs one read of the keys
// per interval, not one per request.
const KeyReloadInterval = 5 * time.Second

// Caller is who calls: an integration of an organisation, in the
// environment of its token's issuer.
type Caller struct {
	ClientID uuid.UUID
	Env      environment.Env
	Scopes   []string
	Actor    identity.Actor
}

type callerKey struct{}

func callerFrom(ctx context.Context) Caller {
	c, _ := ctx.Value(callerKey{}).(Caller)
	return c
}

// accessClaims are the members of the token endpoint's access tokens the
// API reads. The token endpoint writes its own, flat, claim set; this one
// reads the registered claims with go-jose's validation.
type accessClaims struct {
	jwt.Claims
	ClientID string `json:"client_id"`
	Scope    string `json:"scope"`
	Consumer struct {
		Authority string `json:"authority"`
		ID        string `json:"ID"`
	} `json:"consumer"`
}

type authenticator struct {
	issuers  map[string]*issuerKeys
	audience string // Deps.Audience
	db       store.DB
	verified verifiedTokens
}

// issuerKeys parses an issuer's JWKS once per change of it, and counts
// the changes.
type issuerKeys struct {
	Issuer
	mu         sync.Mutex
	raw        []byte
	parsed     jose.JSONWebKeySet
	generation int
	// reloading makes requests with an unknown kid wait for the reload in
	// flight and look again, instead of each reloading.
	reloading  sync.Mutex
	lastReload time.Time // under mu
}

func (k *issuerKeys) keys() (jose.JSONWebKeySet, int, error) {
	raw := k.JWKS()
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.raw == nil || !bytes.Equal(raw, k.raw) {
		var set jose.JSONWebKeySet
		if err := json.Unmarshal(raw, &set); err != nil {
			return jose.JSONWebKeySet{}, 0, err
		}
		k.raw, k.parsed = raw, set
		k.generation++
	}
	return k.parsed, k.generation, nil
}

// keyFor is the issuer's key named kid. A kid the keys lack reloads them
// (Reload) when the last reload is KeyReloadInterval old: a key rotated in
// since the last refresh is accepted at once, while a kid nobody signs
// with is refused without a read per request.
func (k *issuerKeys) keyFor(ctx context.Context, kid string, now time.Time) (jose.JSONWebKey, int, error) {
	set, generation, err := k.keys()
	if err != nil {
		return jose.JSONWebKey{}, 0, err
	}
	if found := set.Key(kid); len(found) > 0 || k.Reload == nil {
		return first(found), generation, nil
	}
	k.reloading.Lock()
	defer k.reloading.Unlock()
	// Another request may have reloaded while this one waited.
	if set, generation, err = k.keys(); err != nil || len(set.Key(kid)) > 0 {
		return first(set.Key(kid)), generation, err
	}
	k.mu.Lock()
	due := k.lastReload.IsZero() || now.Sub(k.lastReload) >= KeyReloadInterval || now.Before(k.lastReload)
	if due {
		k.lastReload = now
	}
	k.mu.Unlock()
	if !due {
		return jose.JSONWebKey{}, generation, nil
	}
	// A reload that fails leaves the keys held: the token is refused as
	// any token with an unknown kid is, and the token service logs its
	// own failure to read the keys.
	_ = k.Reload(ctx)
	set, generation, err = k.keys()
	return first(set.Key(kid)), generation, err
}

// first is the first of keys, or the zero key (Key nil) when there is none.
func first(keys []jose.JSONWebKey) jose.JSONWebKey {
	if len(keys) == 0 {
		return jose.JSONWebKey{}
	}
	return keys[0]
}

func newAuthenticator(issuers []Issuer, audience string, db store.DB) *authenticator {
	a := &authenticator{issuers: map[string]*issuerKeys{}, audience: audience, db: db}
	for _, is := range issuers {
		a.issuers[is.Issuer] = &issuerKeys{Issuer: is}
	}
	return a
}

// authError is why a token is refused, as RFC 6750 §3.1 names it.
type authError struct {
	status int
	code   string // invalid_token, insufficient_scope, or empty for a missing token
	detail string
	scope  []string
}

// leeway is the clock difference tolerated between the token endpoint and
// the API; both are this portal, so a little is enough.
const leeway = 5 * time.Second

// verify checks a Bearer token: signed by the named issuer's current key,
// unexpired, with a consumer, for an active integration of that consumer
// in the issuer's environment. The signature and claims of a token seen
// before are not checked again (verifiedTokens): they are a function of the
// token and the keys alone. Its integration is looked up for every call, a
// read by primary key, so a deactivated integration is refused at once by
// every process.
func (a *authenticator) verify(ctx context.Context, raw string, now time.Time) (Caller, *authError) {
	f, ok := a.verified.get(raw, now)
	if !ok {
		var e *authError
		if f, e = a.check(ctx, raw, now); e != nil {
			return Caller{}, e
		}
		a.verified.put(raw, f, now)
	}
	name, orgName, e := a.lookUp(ctx, f)
	if e != nil {
		return Caller{}, e
	}
	return f.caller(name, orgName), nil
}

// tokenFacts are what a checked token says.
type tokenFacts struct {
	issuer     *issuerKeys
	generation int // of the issuer's keys that checked it
	clientID   uuid.UUID
	orgNo      string
	scopes     []string
	expiry     time.Time
}

// check verifies a token's signature with its issuer's current key and its claims.
func (a *authenticator) check(ctx context.Context, raw string, now time.Time) (tokenFacts, *authError) {
	t := catalogue()
	invalid := func(detail string) (tokenFacts, *authError) {
		return tokenFacts{}, &authError{status: http.StatusUnauthorized, code: CodeTokenInvalid, detail: detail}
	}
	tok, err := jwt.ParseSigned(raw, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil || len(tok.Headers) != 1 {
		return invalid(t.TokenInvalid)
	}
	var unverified jwt.Claims
	if err := tok.UnsafeClaimsWithoutVerification(&unverified); err != nil {
		return invalid(t.TokenInvalid)
	}
	is, ok := a.issuers[unverified.Issuer]
	if !ok {
		return invalid(t.TokenUnknownIssuer)
	}
	key, generation, err := is.keyFor(ctx, tok.Headers[0].KeyID, now)
	if err != nil || key.Key == nil {
		return invalid(t.TokenInvalid)
	}
	var claims accessClaims
	if err := tok.Claims(key.Key, &claims); err != nil {
		return invalid(t.TokenInvalid)
	}
	if err := claims.ValidateWithLeeway(jwt.Expected{Issuer: is.Issuer.Issuer, Time: now}, leeway); err != nil {
		if errors.Is(err, jwt.ErrExpired) {
			return invalid(t.TokenExpired)
		}
		return invalid(t.TokenInvalid)
	}
	if claims.Expiry == nil {
		return invalid(t.TokenInvalid)
	}
	if !a.forThisAPI(claims.Audience) {
		return invalid(t.TokenAudience(a.audience))
	}
	// The only consumer the token endpoint issues: an organisation number.
	orgNo, ok := strings.CutPrefix(claims.Consumer.ID, token.ConsumerICD+":")
	clientID, err := uuid.Parse(claims.ClientID)
	if !ok || claims.Consumer.Authority != token.ConsumerAuthority || err != nil {
		return invalid(t.TokenInvalid)
	}
	return tokenFacts{issuer: is, generation: generation, clientID: clientID, orgNo: orgNo,
		scopes: strings.Fields(claims.Scope), expiry: claims.Expiry.Time()}, nil
}

// forThisAPI says whether a token's aud lets the API accept it: none (a
// token asked for without resource), or exactly the API's base URL. The
// token endpoint puts the resource a client asks for into aud, so a token
// minted for a provider's API names that API, and must not be replayed
// here; one naming this API beside others is refused too, as whichever
// other API it names could replay it.
func (a *authenticator) forThisAPI(aud jwt.Audience) bool {
	switch len(aud) {
	case 0:
		return true
	case 1:
		return a.audience != "" && aud[0] == a.audience
	}
	return false
}

// lookUp finds the token's integration, active, in its organisation and
// environment, with the names the audit log gives the caller.
func (a *authenticator) lookUp(ctx context.Context, f tokenFacts) (name, orgName string, _ *authError) {
	t := catalogue()
	err := a.db.QueryRow(ctx, `
		SELECT i.name, o.name FROM integrations i JOIN organisations o ON o.org_no = i.org_no
		WHERE i.client_id = $1 AND i.org_no = $2 AND i.env = $3 AND i.active`,
		f.clientID, f.orgNo, string(f.issuer.Env)).Scan(&name, &orgName)
	if errors.Is(store.NotFound(err, ""), store.ErrNotFound) {
		return "", "", &authError{status: http.StatusUnauthorized, code: CodeTokenInvalid, detail: t.ClientInactive}
	}
	if err != nil {
		return "", "", &authError{status: http.StatusServiceUnavailable, code: CodeUnavailable, detail: t.Unavailable}
	}
	return name, orgName, nil
}

func (f tokenFacts) caller(name, orgName string) Caller {
	id := f.clientID.String()
	return Caller{ClientID: f.clientID, Env: f.issuer.Env, Scopes: f.scopes, Actor: identity.Actor{
		// The audit log names the integration and its client id; an API
		// client has no person number and no e-mail address.
		Person:  identity.Person{Subject: id, Name: name + " (" + id + ")"},
		OrgNo:   f.orgNo,
		OrgName: orgName,
		Role:    identity.RoleAPIClient,
		Env:     f.issuer.Env,
	}}
}

// authenticate is the middleware in front of every operation that declares
// a security requirement: the caller must hold one of its scopes.
func (s *Server) authenticate(a huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		op := ctx.Operation()
		if len(op.Security) == 0 {
			next(ctx)
			return
		}
		var wanted []string
		for _, req := range op.Security {
			wanted = append(wanted, req[securityName]...)
		}
		refuse := func(e *authError) {
			challenge := `Bearer realm="selvbetjening"`
			if e.code != "" {
				challenge += `, error="` + e.code + `"`
			}
			if e.code == CodeInsufficientScope {
				challenge += `, scope="` + strings.Join(e.scope, " ") + `"`
			}
			p := problem(e.status, e.code, e.detail)
			if e.code == "" {
				p.Code = CodeTokenMissing
			}
			if e.status == http.StatusUnauthorized || e.status == http.StatusForbidden {
				ctx.SetHeader("WWW-Authenticate", challenge)
			}
			ctx.SetHeader("Content-Type", "application/problem+json")
			ctx.SetStatus(p.Status)
			_ = a.Marshal(ctx.BodyWriter(), "application/json", p)
		}
		raw, ok := bearer(ctx.Header("Authorization"))
		if !ok {
			// RFC 6750 §3.1: no error code when the request had no token at all.
			refuse(&authError{status: http.StatusUnauthorized, detail: catalogue().TokenMissing})
			return
		}
		caller, e := s.auth.verify(ctx.Context(), raw, time.Now())
		if e != nil {
			refuse(e)
			return
		}
		if !slices.ContainsFunc(wanted, func(w string) bool { return slices.Contains(caller.Scopes, w) }) {
			refuse(&authError{status: http.StatusForbidden, code: CodeInsufficientScope,
				detail: catalogue().InsufficientScope(wanted), scope: wanted})
			return
		}
		if p := s.rate.allow(ctx.Context(), caller.ClientID, time.Now()); p != nil {
			ctx.SetHeader("Retry-After", p.headers.Get("Retry-After"))
			ctx.SetHeader("Content-Type", "application/problem+json")
			ctx.SetStatus(p.Status)
			_ = a.Marshal(ctx.BodyWriter(), "application/json", p)
			return
		}
		next(huma.WithValue(ctx, callerKey{}, caller))
	}
}

// bearer reads an RFC 6750 §2.1 Authorization header.
func bearer(h string) (string, bool) {
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}
