// Package idportenstub is a stand-in for Norway's ID-porten, for development and
// tests. It is a real OpenID Connect provider (built on zitadel/oidc's op
// package) with discovery, JWKS, the authorization code flow with PKCE (S256),
// a token endpoint taking client_secret_basic and client_secret_post, userinfo
// and end-session. Instead of a real identity check it shows a login page
// where the user picks a test person or types a person number and e-mail.
//
// All state lives in memory and the signing key is made at start, so tokens
// do not survive a restart. It is not meant for production.
package idportenstub

import (
	"crypto/rand"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
	"golang.org/x/text/language"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/personid"
)

// Client is a registered OpenID Connect client (a confidential web client).
type Client struct {
	ID                     string
	Secret                 string
	RedirectURIs           []string
	PostLogoutRedirectURIs []string
}

// Config configures the provider.
type Config struct {
	// Issuer is the provider's public base URL, e.g. "http://127.0.0.1:8081".
	// It must be scheme://host[:port] with no path, and must equal the URL
	// clients reach the handler on, because clients compare it exactly.
	Issuer  string
	Clients []Client
	// Persons are the test persons offered on the login page; nil means
	// demo.Persons().
	Persons []demo.Person
	// Logger receives login events; nil means slog.Default().
	Logger *slog.Logger
	// Public says the stand-in can be reached beyond loopback. Anyone who
	// reaches it can log in as anyone, so every page then carries a warning
	// banner and every login is logged as a warning.
	Public bool
}

// PublicWarning is what the log says of a stand-in reachable beyond
// loopback, at start and on every login.
const PublicWarning = "anyone who reaches this stand-in ID-porten can log in as anyone, " +
	"with any person number; it is a test tool, never for real people, real data or production"

// Paths of the pages this package adds next to the op endpoints.
const (
	loginPath     = "/login"
	loggedOutPath = "/logget-ut"
)

// New returns the provider's HTTP handler.
//
// The issuer must be known before the handler is built, so a test creates
// the listener first and builds the issuer from its address:
//
//	srv := httptest.NewUnstartedServer(nil) // listens on 127.0.0.1:0
//	issuer := "http://" + srv.Listener.Addr().String()
//	h, err := idporten.New(idporten.Config{Issuer: issuer, Clients: clients})
//	// handle err
//	srv.Config.Handler = h
//	srv.Start() // srv.URL == issuer
//	defer srv.Close()
//
// or, without httptest: ln, _ := net.Listen("tcp", "127.0.0.1:0"), issuer
// "http://"+ln.Addr().String(), then go http.Serve(ln, h).
func New(cfg Config) (http.Handler, error) {
	if err := validateIssuer(cfg.Issuer); err != nil {
		return nil, err
	}
	if cfg.Persons == nil {
		cfg.Persons = demo.Persons()
	}
	if err := validatePersons(cfg.Persons); err != nil {
		return nil, err
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	loginURL := func(id string) string {
		return cfg.Issuer + loginPath + "?authRequestID=" + url.QueryEscape(id)
	}
	clients, err := newClients(cfg.Clients, loginURL)
	if err != nil {
		return nil, err
	}
	key, err := newSigningKey()
	if err != nil {
		return nil, err
	}
	st := newStorage(clients, key)

	provider, err := newOP(cfg.Issuer, st)
	if err != nil {
		return nil, err
	}
	l := &login{
		issuer:   cfg.Issuer,
		storage:  st,
		persons:  cfg.Persons,
		logger:   cfg.Logger,
		public:   cfg.Public,
		callback: op.AuthCallbackURL(provider),
	}

	mux := http.NewServeMux()
	mux.Handle(loginPath, http.NewCrossOriginProtection().Handler(l.handler()))
	mux.HandleFunc("GET "+loggedOutPath, l.loggedOut)
	mux.Handle("GET "+oidc.DiscoveryEndpoint, discovery(cfg.Issuer, provider, st))
	mux.Handle("/", provider)
	return mux, nil
}

// discovery serves op's metadata narrowed to what the clients may really
// use, so a relying party is not led to implicit flow or device grants.
func discovery(issuer string, p *op.Provider, st *storage) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d := op.CreateDiscoveryConfig(op.ContextWithIssuer(r.Context(), issuer), p, st)
		d.ResponseTypesSupported = []string{string(oidc.ResponseTypeCode)}
		d.GrantTypesSupported = []oidc.GrantType{oidc.GrantTypeCode}
		d.TokenEndpointAuthMethodsSupported = []oidc.AuthMethod{oidc.AuthMethodBasic, oidc.AuthMethodPost}
		d.DeviceAuthorizationEndpoint = ""
		op.Discover(w, d)
	})
}

// newOP builds the zitadel provider with ID-porten's endpoint names.
func newOP(issuer string, st *storage) (*op.Provider, error) {
	var cryptoKey [32]byte // encrypts the opaque access tokens
	if _, err := rand.Read(cryptoKey[:]); err != nil {
		return nil, fmt.Errorf("make access token key: %w", err)
	}
	cfg := &op.Config{
		CryptoKey:                cryptoKey,
		DefaultLogoutRedirectURI: issuer + loggedOutPath,
		CodeMethodS256:           true,
		AuthMethodPost:           true,
		SupportedUILocales:       []language.Tag{bokmal},
		SupportedScopes:          []string{"openid", "profile"},
		SupportedClaims: []string{
			"iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr",
			"pid", "name", "email", "email_verified", "locale", "at_hash", "c_hash",
		},
	}
	p, err := op.NewProvider(cfg, st, op.StaticIssuer(issuer),
		op.WithAllowInsecure(), // dev issuers are plain http on 127.0.0.1
		op.WithCustomEndpoints(
			op.NewEndpoint("authorize"),
			op.NewEndpoint("token"),
			op.NewEndpoint("userinfo"),
			op.NewEndpoint("revoke"),
			op.NewEndpoint("endsession"),
			op.NewEndpoint("jwks.json"),
		),
	)
	if err != nil {
		return nil, fmt.Errorf("create OpenID provider: %w", err)
	}
	return p, nil
}

func validateIssuer(issuer string) error {
	u, err := url.Parse(issuer)
	if err != nil {
		return fmt.Errorf("parse issuer %q: %w", issuer, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("issuer %q must be an absolute http(s) URL", issuer)
	}
	// Extra pages are served from the root, so a path would break them.
	if u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("issuer %q must be scheme://host[:port] without path, query or user", issuer)
	}
	return nil
}

func validatePersons(persons []demo.Person) error {
	seen := make(map[string]bool, len(persons))
	for _, p := range persons {
		if err := personid.Validate(p.PID); err != nil {
			return fmt.Errorf("test person %q: %w", p.Name, err)
		}
		if p.Name == "" || !validEmail(p.Email) {
			return fmt.Errorf("test person %q needs a name and a valid e-mail", p.Name)
		}
		if seen[p.PID] {
			return fmt.Errorf("test person %q: duplicate person number", p.Name)
		}
		seen[p.PID] = true
	}
	return nil
}
