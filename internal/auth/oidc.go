package auth

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/oauth2"

	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/org"
)

// providerClient talks to the identity provider with a bound on every call.
var providerClient = &http.Client{Timeout: providerTimeout}

// Login failures, each shown to the user as its own page.
var (
	ErrLoginState    = errors.New("login state is missing or does not match")
	ErrLoginRefused  = errors.New("the identity provider refused the login")
	ErrLoginToken    = errors.New("the identity provider's answer could not be verified")
	ErrLoginEmail    = errors.New("the login carried no usable e-mail address")
	ErrTestLogin     = errors.New("a test login (amr TestID) is refused: this deployment is not for testing")
	ErrProviderDown  = errors.New("the identity provider cannot be reached")
	ErrNotLoggedIn   = errors.New("not logged in")
	ErrUnknownOrgFor = errors.New("the e-mail domain does not lead to that organisation")
)

// OIDCConfig is all that changes between the stand-in and real ID-porten.
type OIDCConfig struct {
	Issuer                string
	ClientID              string
	ClientSecret          string
	RedirectURL           string // this portal's /auth/callback
	PostLogoutRedirectURL string
	ACRValues             string // e.g. idporten-loa-substantial
	Scopes                []string
	ClientKey             *ClientKey // private_key_jwt instead of the secret, as real ID-porten wants
	// AcceptTestLogins lets in logins whose amr is TestID, ID-porten's
	// synthetic test persons (and all of the stand-in's); only a test
	// deployment should.
	AcceptTestLogins bool
}

// loginWindow is how long an unfinished login is kept.
const loginWindow = 15 * time.Minute

// providerTimeout bounds every call to the identity provider, so a hanging
// provider cannot hold logins (and the discovery lock) for long.
const providerTimeout = 10 * time.Second

// Authenticator runs the authorization-code flow with state, nonce and PKCE.
type Authenticator struct {
	cfg   OIDCConfig
	store *SessionStore
	pool  *pgxpool.Pool
	fail  func(w http.ResponseWriter, r *http.Request, status int, err error)

	mu       sync.Mutex // guards the discovery cache below
	provider *oidc.Provider
	endpoint string // end_session_endpoint
}

// NewAuthenticator wires the flow; fail renders an error page.
func NewAuthenticator(cfg OIDCConfig, store *SessionStore, pool *pgxpool.Pool,
	fail func(w http.ResponseWriter, r *http.Request, status int, err error)) *Authenticator {
	if len(cfg.Scopes) == 0 {
		cfg.Scopes = []string{oidc.ScopeOpenID, "profile"}
	}
	return &Authenticator{cfg: cfg, store: store, pool: pool, fail: fail}
}

// discover fetches the provider's metadata on first use and caches it, so the
// portal starts even while the provider is still starting. A cache of public
// metadata, identical in every process, does not hinder running several.
func (a *Authenticator) discover(ctx context.Context) (*oidc.Provider, string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.provider != nil {
		return a.provider, a.endpoint, nil
	}
	ctx, cancel := context.WithTimeout(ctx, providerTimeout)
	defer cancel()
	// The provider keeps this context's client (not its deadline) for fetching signing keys later.
	p, err := oidc.NewProvider(oidc.ClientContext(ctx, providerClient), a.cfg.Issuer)
	if err != nil {
		return nil, "", fmt.Errorf("%w: discovery at %s: %v", ErrProviderDown, a.cfg.Issuer, err)
	}
	var meta struct {
		EndSession string `json:"end_session_endpoint"`
	}
	if err := p.Claims(&meta); err != nil {
		return nil, "", fmt.Errorf("%w: read metadata: %v", ErrProviderDown, err)
	}
	a.provider, a.endpoint = p, meta.EndSession
	return p, meta.EndSession, nil
}

func (a *Authenticator) oauth(p *oidc.Provider) *oauth2.Config {
	c := &oauth2.Config{
		ClientID:     a.cfg.ClientID,
		ClientSecret: a.cfg.ClientSecret,
		Endpoint:     p.Endpoint(),
		RedirectURL:  a.cfg.RedirectURL,
		Scopes:       a.cfg.Scopes,
	}
	if a.cfg.ClientKey != nil {
		// The assertion replaces the secret; client_id goes in the body.
		c.ClientSecret = ""
		c.Endpoint.AuthStyle = oauth2.AuthStyleInParams
	}
	return c
}

// BeginLogin remembers state, nonce, PKCE verifier and where to go after, and
// returns the provider's authorization URL.
func (a *Authenticator) BeginLogin(w http.ResponseWriter, r *http.Request, next string) (string, error) {
	p, _, err := a.discover(r.Context())
	if err != nil {
		return "", err
	}
	raw, err := a.store.Get(r, a.store.CookieName())
	if err != nil {
		return "", fmt.Errorf("load session: %w", err)
	}
	state, err := randomString(24)
	if err != nil {
		return "", err
	}
	nonce, err := randomString(24)
	if err != nil {
		return "", err
	}
	verifier := oauth2.GenerateVerifier()
	raw.Values[keyState], raw.Values[keyNonce], raw.Values[keyVerifier] = state, nonce, verifier
	raw.Values[keyNext] = SafeNext(next)
	if _, loggedIn := raw.Values[keyPerson]; !loggedIn {
		// A visitor who never comes back leaves a row for minutes, not hours.
		raw.Options.MaxAge = int(loginWindow.Seconds())
	}
	if err := raw.Save(r, w); err != nil {
		return "", err
	}
	opts := []oauth2.AuthCodeOption{oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier),
		oauth2.SetAuthURLParam("ui_locales", "nb")}
	if a.cfg.ACRValues != "" {
		opts = append(opts, oauth2.SetAuthURLParam("acr_values", a.cfg.ACRValues))
	}
	return a.oauth(p).AuthCodeURL(state, opts...), nil
}

// claims are the ID token's claims the portal reads (ID-porten's names).
type claims struct {
	Subject       string `json:"sub"`
	PID           string `json:"pid"`
	ACR           string `json:"acr"`
	Email         string `json:"email"`
	EmailVerified bool   `json:"email_verified"`
	Name          string `json:"name"`

	// AMR lists how the person logged in; amrTestID marks a test person.
	AMR []string `json:"amr"`
}

// amrTestID is the method ID-porten reports for its synthetic test persons.
const amrTestID = "TestID"

// acrLevels orders ID-porten's levels of assurance, lowest first.
var acrLevels = []string{"idporten-loa-substantial", "idporten-loa-high"}

// acrSatisfies reports whether the level the provider vouched for is at
// least the one asked for. acr_values travels through the browser, so the
// answer must be checked (OpenID Connect Core 3.1.3.7, step 12).
func acrSatisfies(got, want string) bool {
	if want == "" {
		return true
	}
	wantAt, gotAt := slices.Index(acrLevels, want), slices.Index(acrLevels, got)
	if wantAt < 0 {
		return got == want
	}
	return gotAt >= wantAt
}

// CompleteLogin checks the provider's answer, verifies the ID token, starts
// a fresh session and picks the organisation. It returns where to go next.
func (a *Authenticator) CompleteLogin(w http.ResponseWriter, r *http.Request) (string, error) {
	ctx := r.Context()
	raw, err := a.store.Get(r, a.store.CookieName())
	if err != nil {
		return "", fmt.Errorf("load session: %w", err)
	}
	q := r.URL.Query()
	want, _ := raw.Values[keyState].(string)
	if want == "" || subtle.ConstantTimeCompare([]byte(want), []byte(q.Get("state"))) != 1 {
		return "", ErrLoginState
	}
	if e := q.Get("error"); e != "" {
		return "", fmt.Errorf("%w: %s", ErrLoginRefused, e)
	}
	p, _, err := a.discover(ctx)
	if err != nil {
		return "", err
	}
	verifier, _ := raw.Values[keyVerifier].(string)
	opts, err := a.exchangeOptions(a.cfg.Issuer)
	if err != nil {
		return "", err
	}
	exchangeCtx, cancel := context.WithTimeout(oidc.ClientContext(ctx, providerClient), providerTimeout)
	defer cancel()
	tok, err := a.oauth(p).Exchange(exchangeCtx, q.Get("code"), append(opts, oauth2.VerifierOption(verifier))...)
	if err != nil {
		return "", fmt.Errorf("%w: token exchange: %v", ErrLoginToken, err)
	}
	rawID, _ := tok.Extra("id_token").(string)
	idToken, err := p.Verifier(&oidc.Config{ClientID: a.cfg.ClientID}).Verify(exchangeCtx, rawID)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrLoginToken, err)
	}
	nonce, _ := raw.Values[keyNonce].(string)
	if nonce == "" || subtle.ConstantTimeCompare([]byte(idToken.Nonce), []byte(nonce)) != 1 {
		return "", fmt.Errorf("%w: nonce mismatch", ErrLoginToken)
	}
	var c claims
	if err := idToken.Claims(&c); err != nil {
		return "", fmt.Errorf("%w: claims: %v", ErrLoginToken, err)
	}
	if !acrSatisfies(c.ACR, a.cfg.ACRValues) {
		return "", fmt.Errorf("%w: acr %q is below %q", ErrLoginToken, c.ACR, a.cfg.ACRValues)
	}
	if !a.cfg.AcceptTestLogins && slices.Contains(c.AMR, amrTestID) {
		return "", ErrTestLogin // who it was stays out of the logs
	}
	if !c.EmailVerified {
		// The organisation follows from the address, so it must be one the provider checked.
		return "", fmt.Errorf("%w: e-mail address not verified", ErrLoginEmail)
	}
	if c.Name == "" {
		c.Name = c.Email // ID-porten knows names only through the person number
	}
	person := identity.Person{Subject: c.Subject, PID: c.PID, Name: c.Name, Email: c.Email, ACR: c.ACR}
	orgs, err := org.ForEmail(ctx, a.pool, c.Email)
	if errors.Is(err, org.ErrBadEmail) {
		return "", ErrLoginEmail // the address itself stays out of the logs
	}
	if err != nil {
		return "", err
	}
	next, _ := raw.Values[keyNext].(string)
	if err := a.store.Renew(ctx, raw); err != nil {
		return "", err
	}
	csrf, err := randomString(32)
	if err != nil {
		return "", err
	}
	personJSON, _ := json.Marshal(person)
	raw.Options.MaxAge = a.store.Options.MaxAge
	raw.Values = map[any]any{
		keyPerson:   string(personJSON),
		keyIDToken:  rawID,
		keyCSRF:     csrf,
		keyOrgCount: strconv.Itoa(len(orgs)),
	}
	if len(orgs) == 1 {
		raw.Values[keyOrgNo], raw.Values[keyOrgName] = orgs[0].No, orgs[0].Name
	}
	if err := raw.Save(r, w); err != nil {
		return "", err
	}
	switch {
	case len(orgs) == 0:
		return "/ingen-virksomhet", nil
	case len(orgs) > 1:
		return "/velg-virksomhet?neste=" + url.QueryEscape(SafeNext(next)), nil
	}
	return SafeNext(next), nil
}

// ChooseOrganisation lets a person act for another organisation their
// e-mail domain leads to; any other number is refused.
func (a *Authenticator) ChooseOrganisation(w http.ResponseWriter, r *http.Request, orgNo string) error {
	s := FromContext(r.Context())
	if !s.LoggedIn() {
		return ErrNotLoggedIn
	}
	o, err := org.ForEmailByNo(r.Context(), a.pool, s.Person.Email, orgNo)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnknownOrgFor, err)
	}
	s.raw.Values[keyOrgNo], s.raw.Values[keyOrgName] = o.No, o.Name
	return s.raw.Save(r, w)
}

// Logout deletes the session and returns the provider's end-session URL, so
// the single sign-on session ends too.
func (a *Authenticator) Logout(w http.ResponseWriter, r *http.Request) (string, error) {
	s := FromContext(r.Context())
	if s.raw == nil {
		return "/", nil
	}
	idToken, _ := s.raw.Values[keyIDToken].(string)
	s.raw.Options.MaxAge = -1
	if err := s.raw.Save(r, w); err != nil {
		return "", err
	}
	_, endpoint, err := a.discover(r.Context())
	if err != nil || endpoint == "" || idToken == "" {
		return "/logget-ut", nil
	}
	v := url.Values{"id_token_hint": {idToken}}
	if a.cfg.PostLogoutRedirectURL != "" {
		v.Set("post_logout_redirect_uri", a.cfg.PostLogoutRedirectURL)
	}
	return endpoint + "?" + v.Encode(), nil
}
