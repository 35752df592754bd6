// Package webtest starts the whole portal for a test: a fresh database with
// the demo data, the stand-in ID-porten and the portal, each on a real port.
package webtest

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/auth"
	"github.com/digdir/selvbetjening/internal/config"
	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/idportenstub"
	"github.com/digdir/selvbetjening/internal/keyexpiry"
	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/mail/mailtest"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
	"github.com/digdir/selvbetjening/internal/telemetry"
	"github.com/digdir/selvbetjening/internal/token"
	"github.com/digdir/selvbetjening/internal/web"
)

// Site is a running portal with its own database and identity provider.
type Site struct {
	URL    string // the portal, http://127.0.0.1:port
	Issuer string // the stand-in ID-porten
	// Pool connects as the owner of the tables, for a test's own set-up and
	// checks; the portal itself serves as the serving role (Config.DatabaseURL).
	Pool   *pgxpool.Pool
	Config config.Config
	// Mail is the SMTP server the portal's e-mail worker sends to, with
	// Options.Mail; nil otherwise (no worker runs then).
	Mail *mailtest.Server
	// Tokens is the portal's token endpoints; Flush writes what they count.
	Tokens *token.Service
}

// Options change what StartWith sets up.
type Options struct {
	// Env holds portal settings on top of the test's own, e.g. TEST_DEPLOYMENT.
	Env map[string]string
	// Log, when set, receives the portal's log as JSON from info level up;
	// it must be safe for concurrent writes.
	Log io.Writer
	// Mail starts a real SMTP server for the test (Site.Mail) and an e-mail
	// worker that sends the portal's queued e-mail to it, as portal serve does.
	Mail bool
	// Outbox runs the e-mail worker without SMTP_URL, as make run does: it
	// keeps each e-mail in the development outbox and sends nothing.
	Outbox bool
}

// Start runs the portal and the stand-in for the length of the test. The
// portal connects as a member of store.ServingRole, so every test through it
// shows that the migrations grant what the portal needs.
func Start(t testing.TB) *Site {
	t.Helper()
	return StartWith(t, Options{})
}

// StartWith is Start with options.
func StartWith(t testing.TB, opts Options) *Site {
	t.Helper()
	ctx := context.Background()
	dbURL := storetest.URL(t)
	pool, err := store.Open(ctx, dbURL)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	require.NoError(t, demo.Seed(ctx, pool))
	servingURL := storetest.ServingURL(t, dbURL)
	servingPool := storetest.ServingPool(t, dbURL)

	portalLn := listen(t)
	idpLn := listen(t)
	site := &Site{URL: "http://" + portalLn.Addr().String(), Issuer: "http://" + idpLn.Addr().String(), Pool: pool}
	if opts.Mail {
		site.Mail = mailtest.Start(t, mailtest.Options{})
	}

	provider, err := idportenstub.New(idportenstub.Config{
		Issuer: site.Issuer,
		Clients: []idportenstub.Client{{
			ID: "selvbetjening", Secret: "test-hemmelighet",
			RedirectURIs:           []string{site.URL + "/auth/callback"},
			PostLogoutRedirectURIs: []string{site.URL + "/logget-ut"},
		}},
		Persons: demo.Persons(),
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	require.NoError(t, err)
	serve(t, idpLn, provider)

	cfg, err := config.Load(func(key string) string {
		if v, ok := opts.Env[key]; ok {
			return v
		}
		if site.Mail != nil && key == "SMTP_URL" {
			return site.Mail.URL()
		}
		if site.Mail != nil && key == "MAIL_FROM" {
			return "Selvbetjening <ikke-svar@selvbetjening.test>"
		}
		return map[string]string{
			"DATABASE_URL":         servingURL,
			"MIGRATE_DATABASE_URL": dbURL,
			"PORTAL_ADDR":          portalLn.Addr().String(),
			"OIDC_ISSUER":          site.Issuer,
			"OIDC_CLIENT_SECRET":   "test-hemmelighet",
		}[key]
	})
	require.NoError(t, err)
	site.Config = cfg
	logger := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if opts.Log != nil {
		logger = slog.New(slog.NewJSONHandler(opts.Log, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	sessions, authn, err := auth.FromConfig(cfg, servingPool, logger)
	require.NoError(t, err)
	metrics := telemetry.NewMetrics(servingPool)
	tokens, err := token.Start(ctx, servingPool, token.FromConfig(cfg.Token, logger, metrics.Registry()))
	require.NoError(t, err)
	t.Cleanup(tokens.Close)
	site.Tokens = tokens
	portal := web.New(web.Deps{Config: cfg, Pool: servingPool, Sessions: sessions, Auth: authn, Log: logger, Metrics: metrics, Tokens: tokens})
	serve(t, portalLn, portal)
	if site.Mail != nil || opts.Outbox {
		startMailWorker(t, cfg, logger)
	}
	return site
}

// startMailWorker runs the e-mail worker of portal serve for the test,
// with the same periodic job (cmd/portal/worker.go): the reminders before
// keys expire, at the real time. The demo data's keys are a year from
// expiry, so it queues nothing unless a test makes a key that is due.
func startMailWorker(t testing.TB, cfg config.Config, log *slog.Logger) {
	t.Helper()
	sender, err := mail.NewSender(cfg.Mail, log)
	require.NoError(t, err)
	w, err := mail.Start(context.Background(), mail.WorkerConfig{DatabaseURL: cfg.DatabaseURL, Sender: sender,
		From: cfg.Mail.From, Log: log, PollInterval: 100 * time.Millisecond,
		Periodic: []mail.Periodic{keyexpiry.Job(cfg.BaseURL, time.Now)}})
	require.NoError(t, err)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = w.Stop(ctx)
	})
}

func listen(t testing.TB) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	return ln
}

func serve(t testing.TB, ln net.Listener, h http.Handler) {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("serve: %v", err)
		}
	}()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	})
}

// testWriter sends the portal's warnings and errors to the test log.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// Client is a browser without JavaScript: a cookie jar that follows redirects.
func (s *Site) Client(t testing.TB) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &http.Client{Jar: jar, Timeout: 20 * time.Second}
}

// Login logs a test person in over plain HTTP, clicking their button on
// the stand-in's page, and returns their client and the page they landed on.
func (s *Site) Login(t testing.TB, p demo.Person, next string) (*http.Client, *http.Response, string) {
	t.Helper()
	return s.LoginWith(t, url.Values{"testperson": {p.PID}}, next)
}

// LoginWith submits the stand-in's login form with the given fields.
func (s *Site) LoginWith(t testing.TB, form url.Values, next string) (*http.Client, *http.Response, string) {
	t.Helper()
	c := s.Client(t)
	target := s.URL + "/logg-inn"
	if next != "" {
		target += "?neste=" + url.QueryEscape(next)
	}
	resp, body := Get(t, c, target)
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	resp, err := idportenstub.SubmitLogin(c, resp.Request.URL, form)
	require.NoError(t, err)
	return c, resp, readBody(t, resp)
}

// Get fetches a page and returns the response and its body.
func Get(t testing.TB, c *http.Client, u string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(u)
	require.NoError(t, err)
	return resp, readBody(t, resp)
}

// Post submits a form and returns the response and its body.
func Post(t testing.TB, c *http.Client, u string, form url.Values) (*http.Response, string) {
	t.Helper()
	resp, err := c.PostForm(u, form)
	require.NoError(t, err)
	return resp, readBody(t, resp)
}

func readBody(t testing.TB, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(b)
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// CSRF returns the form token of a page the client fetched.
func CSRF(t testing.TB, body string) string {
	t.Helper()
	m := csrfRe.FindStringSubmatch(body)
	require.NotNil(t, m, "page has a CSRF token")
	return m[1]
}
