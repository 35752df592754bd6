package auth

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/oauth2"

	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/org"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/seclog"
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

	// StateKey signs and encrypts the login-state cookie (from SESSION_KEY).
	StateKey []byte
	// ProdLoginMaxAge is how old a login may be for a change in production.
	ProdLoginMaxAge time.Duration
}

// loginWindow is how long an unfinished login may take.
const loginWindow = 15 * time.Minute

// providerTimeout bounds every call to the identity provider, so a hanging
// provider cannot hold logins for long.
const providerTimeout = 10 * time.Second

// clockSkew is how far the provider's clock may be from ours.
const clockSkew = time.Minute

// Authenticator runs the authorization-code flow with state, nonce and PKCE.
type Authenticator struct {
	cfg       OIDCConfig
	store     *SessionStore
	pool      *pgxpool.Pool
	log       *slog.Logger
	login     *loginCookie
	discovery *discovery
}

// NewAuthenticator wires the flow.
func NewAuthenticator(cfg OIDCConfig, store *SessionStore, pool *pgxpool.Pool, log *slog.Logger) (*Authenticator, error) {
	if len(cfg.Scopes) == 0 {
		cfg.Scopes = []string{oidc.ScopeOpenID, "profile"}
	}
	login, err := newLoginCookie(cfg.StateKey, store.Options.Secure)
	if err != nil {
		return nil, err
	}
	return &Authenticator{cfg: cfg, store: store, pool: pool, log: log, login: login,
		discovery: &discovery{issuer: cfg.Issuer}}, nil
}

func (a *Authenticator) discover(ctx context.Context) (*oidc.Provider, string, error) {
	return a.discovery.get(ctx)
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

// BeginLogin remembers state, nonce, PKCE verifier and where to go after in
// the login-state cookie, and returns the provider's authorization URL.
// fresh demands a new login even if the provider has a session (max_age=0
// and prompt=login), for changes in production.
func (a *Authenticator) BeginLogin(w http.ResponseWriter, r *http.Request, next string, fresh bool) (string, error) {
	p, _, err := a.discover(r.Context())
	if err != nil {
		return "", err
	}
	st := loginState{Verifier: oauth2.GenerateVerifier(), Next: SafeNext(next), Fresh: fresh, Begun: time.Now()}
	if st.State, err = randomString(24); err != nil {
		return "", err
	}
	if st.Nonce, err = randomString(24); err != nil {
		return "", err
	}
	if s := FromContext(r.Context()); s.LoggedIn() {
		st.OrgNo = s.OrgNo
	}
	if err := a.login.write(w, st); err != nil {
		return "", err
	}
	opts := []oauth2.AuthCodeOption{oidc.Nonce(st.Nonce), oauth2.S256ChallengeOption(st.Verifier),
		oauth2.SetAuthURLParam("ui_locales", "nb")}
	if a.cfg.ACRValues != "" {
		opts = append(opts, oauth2.SetAuthURLParam("acr_values", a.cfg.ACRValues))
	}
	if fresh {
		opts = append(opts, oauth2.SetAuthURLParam("max_age", "0"), oauth2.SetAuthURLParam("prompt", "login"))
	}
	return a.oauth(p).AuthCodeURL(st.State, opts...), nil
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

// authTime reads when the person authenticated (auth_time, seconds since
// 1970); zero when the token does not say, which is too old for anything
// that asks.
func authTime(idToken *oidc.IDToken) time.Time {
	var c struct {
		AuthTime float64 `json:"auth_time"`
	}
	if idToken.Claims(&c) != nil || c.AuthTime <= 0 {
		return time.Time{}
	}
	return time.Unix(int64(c.AuthTime), 0)
}

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
	st, ok := a.login.take(w, r) // spent now, whatever happens next
	q := r.URL.Query()
	if !ok || subtle.ConstantTimeCompare([]byte(st.State), []byte(q.Get("state"))) != 1 {
		return "", ErrLoginState
	}
	if e := q.Get("error"); e != "" {
		return "", fmt.Errorf("%w: %s", ErrLoginRefused, errorCode(e))
	}
	p, _, err := a.discover(ctx)
	if err != nil {
		return "", err
	}
	opts, err := a.exchangeOptions(a.cfg.Issuer)
	if err != nil {
		return "", err
	}
	exchangeCtx, cancel := context.WithTimeout(oidc.ClientContext(ctx, providerClient), providerTimeout)
	defer cancel()
	tok, err := a.oauth(p).Exchange(exchangeCtx, q.Get("code"), append(opts, oauth2.VerifierOption(st.Verifier))...)
	if err != nil {
		return "", fmt.Errorf("%w: token exchange: %v", ErrLoginToken, err)
	}
	rawID, _ := tok.Extra("id_token").(string)
	idToken, err := p.Verifier(&oidc.Config{ClientID: a.cfg.ClientID}).Verify(exchangeCtx, rawID)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrLoginToken, err)
	}
	if subtle.ConstantTimeCompare([]byte(idToken.Nonce), []byte(st.Nonce)) != 1 {
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
	authAt := authTime(idToken)
	if !st.satisfiedBy(authAt) {
		return "", fmt.Errorf("%w: auth_time %v is before the login began", ErrLoginToken, authAt)
	}
	person := identity.Person{Subject: c.Subject, PID: c.PID, Name: c.Name, Email: c.Email, ACR: c.ACR,
		AuthTime: authAt}
	domain, err := org.EmailDomain(c.Email)
	if err != nil {
		return "", ErrLoginEmail // the address itself stays out of the logs
	}
	orgs, err := org.ForEmail(ctx, a.pool, c.Email)
	if err != nil {
		return "", err
	}
	raw, err := a.store.Get(r, a.store.CookieName())
	if err != nil {
		return "", fmt.Errorf("load session: %w", err)
	}
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
		keyPerson:      string(personJSON),
		keyIDToken:     rawID,
		keyCSRF:        csrf,
		keyEmailDomain: domain,
	}
	chosen, ok := pickOrganisation(orgs, st.OrgNo)
	if ok {
		raw.Values[keyOrgNo], raw.Values[keyOrgName] = chosen.No, chosen.Name
		if len(orgs) == 1 {
			raw.Values[keyOrgAutomatic] = "1"
		}
	}
	if err := raw.Save(r, w); err != nil {
		return "", err
	}
	seclog.Log(ctx, a.log, seclog.LoginSucceeded, slog.String("sub", c.Subject), slog.String("org", chosen.No),
		slog.Int("org_count", len(orgs)), slog.String("acr", c.ACR), slog.Bool("has_pid", c.PID != ""),
		slog.Bool("fresh", st.Fresh))
	switch {
	case len(orgs) == 0:
		return paths.NoOrganisation, nil
	case !ok:
		return paths.ChooseOrganisation(SafeNext(st.Next)), nil
	}
	return SafeNext(st.Next), nil
}

// pickOrganisation chooses for the person when there is nothing to ask:
// the organisation they acted for before this login, if the domain still
// leads there, or else the only one it leads to.
func pickOrganisation(orgs []org.Organisation, before string) (org.Organisation, bool) {
	for _, o := range orgs {
		if o.No == before {
			return o, true
		}
	}
	if len(orgs) == 1 {
		return orgs[0], true
	}
	return org.Organisation{}, false
}

// Logout deletes the session and returns the provider's end-session URL, so
// the single sign-on session ends too.
func (a *Authenticator) Logout(w http.ResponseWriter, r *http.Request) (string, error) {
	s := FromContext(r.Context())
	if s.raw == nil {
		return paths.Home, nil
	}
	idToken, _ := s.raw.Values[keyIDToken].(string)
	if s.LoggedIn() {
		seclog.Log(r.Context(), a.log, seclog.Logout, slog.String("sub", s.Person.Subject), slog.String("org", s.OrgNo))
	}
	s.raw.Options.MaxAge = -1
	if err := s.raw.Save(r, w); err != nil {
		return "", err
	}
	_, endpoint, err := a.discover(r.Context())
	if err != nil || endpoint == "" || idToken == "" {
		return paths.LoggedOut, nil
	}
	v := url.Values{"id_token_hint": {idToken}}
	if a.cfg.PostLogoutRedirectURL != "" {
		v.Set("post_logout_redirect_uri", a.cfg.PostLogoutRedirectURL)
	}
	return endpoint + "?" + v.Encode(), nil
}

// errorCode passes on the provider's error code for the log, or "invalid"
// for anything that cannot be one (RFC 6749 4.1.2.1): it came by the URL.
func errorCode(e string) string {
	if len(e) > 64 {
		return "invalid"
	}
	for _, c := range e {
		if c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return "invalid"
		}
	}
	return e
}
