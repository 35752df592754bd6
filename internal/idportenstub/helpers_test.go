package idportenstub_test

import (
	"crypto/rand"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/digdir/selvbetjening/internal/idportenstub"
)

const (
	clientID     = "selvbetjening"
	clientSecret = "test-hemmelighet"
	// Nothing listens here: the browser stops before following the redirect.
	redirectURI   = "http://127.0.0.1:9/auth/callback"
	postLogoutURI = "http://127.0.0.1:9/"
)

// env is a running provider plus a relying party and a "browser" for it.
type env struct {
	issuer   string
	provider *oidc.Provider
	oauth    oauth2.Config
	browser  *http.Client
}

// start runs the provider on a real loopback listener, the way another
// package's tests would.
func start(t *testing.T) *env {
	t.Helper()
	return startWith(t, nil)
}

// startWith is start with the provider's configuration changed by change.
func startWith(t *testing.T, change func(*idportenstub.Config)) *env {
	t.Helper()
	// A plain http.Server, not httptest's: httptest.Server.Close also closes
	// http.DefaultTransport's idle connections, breaking requests of the
	// tests running beside this one.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	issuer := "http://" + ln.Addr().String()
	cfg := idportenstub.Config{
		Issuer: issuer,
		Clients: []idportenstub.Client{{
			ID:                     clientID,
			Secret:                 clientSecret,
			RedirectURIs:           []string{redirectURI},
			PostLogoutRedirectURIs: []string{postLogoutURI},
		}},
		Logger: slog.New(slog.DiscardHandler),
	}
	if change != nil {
		change(&cfg)
	}
	h, err := idportenstub.New(cfg)
	require.NoError(t, err)
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })

	provider, err := oidc.NewProvider(t.Context(), issuer)
	require.NoError(t, err)
	return &env{
		issuer:   issuer,
		provider: provider,
		oauth: oauth2.Config{
			ClientID:     clientID,
			ClientSecret: clientSecret,
			Endpoint:     provider.Endpoint(),
			RedirectURL:  redirectURI,
			Scopes:       []string{oidc.ScopeOpenID, "profile"},
		},
		browser: &http.Client{CheckRedirect: func(req *http.Request, _ []*http.Request) error {
			// Follow redirects inside the provider only; stop at the client.
			if !strings.HasPrefix(req.URL.String(), issuer+"/") {
				return http.ErrUseLastResponse
			}
			return nil
		}},
	}
}

// login is one authorization request in progress.
type login struct {
	verifier, state, nonce string
	authRequestID          string
	page                   string // the login page HTML
}

var hiddenID = regexp.MustCompile(`name="authRequestID" value="([^"]+)"`)

// begin sends the browser to the authorization endpoint and on to the
// login page.
func (e *env) begin(t *testing.T, opts ...oauth2.AuthCodeOption) *login {
	t.Helper()
	l := &login{verifier: oauth2.GenerateVerifier(), state: rand.Text(), nonce: rand.Text()}
	opts = append([]oauth2.AuthCodeOption{oidc.Nonce(l.nonce), oauth2.S256ChallengeOption(l.verifier)}, opts...)
	status, body, final := e.get(t, e.oauth.AuthCodeURL(l.state, opts...))
	require.Equal(t, http.StatusOK, status, body)
	require.Equal(t, "/login", final.Path)
	m := hiddenID.FindStringSubmatch(body)
	require.NotNil(t, m, "no auth request id in login page")
	l.authRequestID, l.page = m[1], body
	return l
}

// get fetches u with the browser and returns status, body and final URL.
func (e *env) get(t *testing.T, u string) (int, string, *url.URL) {
	t.Helper()
	resp, err := e.browser.Get(u)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(body), resp.Request.URL
}

// submit posts the login form; form gets the auth request id added.
func (e *env) submit(t *testing.T, l *login, form url.Values) *http.Response {
	t.Helper()
	form.Set("authRequestID", l.authRequestID)
	resp, err := e.browser.PostForm(e.issuer+"/login", form)
	require.NoError(t, err)
	t.Cleanup(func() { _ = resp.Body.Close() })
	return resp
}

// code checks that resp redirects to the client with state and a code.
func (l *login) code(t *testing.T, resp *http.Response) string {
	t.Helper()
	require.Equal(t, http.StatusFound, resp.StatusCode)
	loc, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	require.Equal(t, redirectURI, loc.Scheme+"://"+loc.Host+loc.Path)
	require.Equal(t, l.state, loc.Query().Get("state"))
	require.NotEmpty(t, loc.Query().Get("code"))
	return loc.Query().Get("code")
}

// exchange redeems the code and verifies the ID token with go-oidc.
func (e *env) exchange(t *testing.T, l *login, code string, style oauth2.AuthStyle) (*oauth2.Token, map[string]any) {
	t.Helper()
	cfg := e.oauth
	cfg.Endpoint.AuthStyle = style
	tok, err := cfg.Exchange(t.Context(), code, oauth2.VerifierOption(l.verifier))
	require.NoError(t, err)
	raw, ok := tok.Extra("id_token").(string)
	require.True(t, ok, "no id_token in token response")
	idt, err := e.provider.Verifier(&oidc.Config{ClientID: clientID}).Verify(t.Context(), raw)
	require.NoError(t, err)
	require.Equal(t, l.nonce, idt.Nonce)
	var claims map[string]any
	require.NoError(t, idt.Claims(&claims))
	return tok, claims
}

// loginAs runs the whole flow for a login form and returns the ID token claims.
func (e *env) loginAs(t *testing.T, form url.Values) (*oauth2.Token, map[string]any) {
	t.Helper()
	l := e.begin(t)
	return e.exchange(t, l, l.code(t, e.submit(t, l, form)), oauth2.AuthStyleInHeader)
}
