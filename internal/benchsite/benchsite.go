// Package benchsite serves the real portal for the benchmark programs
// (cmd/benchserver, cmd/scalebench): a database made anew on an admin URL,
// the portal serving it as a login role in the serving role, as in
// production, its token endpoints, a CPU profile at /debug/pprof/profile
// and allocations at /debug/pprof/allocs, and the stand-in ID-porten
// in-process to log a person in over HTTP.
package benchsite

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/pprof"
	"net/url"
	"os"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/auth"
	"github.com/digdir/selvbetjening/internal/config"
	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/idportenstub"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/token"
	"github.com/digdir/selvbetjening/internal/web"
)

// FreshDatabase drops and creates dbName on the admin URL's server and
// returns its URL, as the admin.
func FreshDatabase(ctx context.Context, admin, dbName string) (string, error) {
	if err := DropDatabase(ctx, admin, dbName); err != nil {
		return "", err
	}
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return "", fmt.Errorf("connect as admin: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{dbName}.Sanitize()); err != nil {
		return "", fmt.Errorf("create %s: %w", dbName, err)
	}
	u, err := url.Parse(admin)
	if err != nil {
		return "", fmt.Errorf("parse DATABASE_URL: %w", err)
	}
	u.Path = "/" + dbName
	return u.String(), nil
}

// DropDatabase drops dbName if it is there, closing its connections.
func DropDatabase(ctx context.Context, admin, dbName string) error {
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return fmt.Errorf("connect as admin: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{dbName}.Sanitize()+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("drop %s: %w", dbName, err)
	}
	return nil
}

// Options say what Start serves.
type Options struct {
	// DatabaseURL is the owner's URL of a migrated database.
	DatabaseURL string
	// Login and Password are the serving login Start makes in the serving
	// role; the password only ever reaches a throwaway bench database.
	Login, Password string
	// Addr is where the portal listens; empty means a free port on loopback.
	Addr string
	// Env holds portal settings on top of Start's own (LOG_LEVEL=warn).
	Env map[string]string
	// Tracer, when set, sees every statement the portal's pool sends.
	Tracer pgx.QueryTracer
}

// Site is a portal serving for a benchmark.
type Site struct {
	URL    string        // the portal, http://127.0.0.1:port
	Pool   *pgxpool.Pool // the portal's, as the serving login
	Tokens *token.Service
	stop   []func()
}

// Start serves the portal and the stand-in ID-porten until Close.
func Start(ctx context.Context, o Options) (_ *Site, err error) {
	site := &Site{}
	defer func() {
		if err != nil {
			site.Close()
		}
	}()
	owner, err := store.Open(ctx, o.DatabaseURL)
	if err != nil {
		return nil, err
	}
	err = store.CreateServingLogin(ctx, owner, o.Login, o.Password)
	owner.Close()
	if err != nil {
		return nil, err
	}
	servingURL, err := url.Parse(o.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("parse the database URL: %w", err)
	}
	servingURL.User = url.UserPassword(o.Login, o.Password)
	site.Pool, err = store.Open(ctx, servingURL.String(), store.WithQueryTracer(o.Tracer))
	if err != nil {
		return nil, fmt.Errorf("connect as %s: %w", o.Login, err)
	}
	site.stop = append(site.stop, site.Pool.Close)

	idpLn, err := site.listen("127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen for the stand-in: %w", err)
	}
	portalLn, err := site.listen(or(o.Addr, "127.0.0.1:0"))
	if err != nil {
		return nil, fmt.Errorf("listen for the portal: %w", err)
	}
	site.URL = "http://" + portalLn.Addr().String()
	issuer := "http://" + idpLn.Addr().String()
	quiet := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	provider, err := idportenstub.New(idportenstub.Config{Issuer: issuer, Logger: quiet, Clients: []idportenstub.Client{{
		ID: "selvbetjening", Secret: "last", RedirectURIs: []string{site.URL + paths.Callback},
		PostLogoutRedirectURIs: []string{site.URL + paths.LoggedOut},
	}}})
	if err != nil {
		return nil, err
	}
	env := map[string]string{"DATABASE_URL": servingURL.String(), "MIGRATE_DATABASE_URL": o.DatabaseURL,
		"PORTAL_ADDR": portalLn.Addr().String(), "OIDC_ISSUER": issuer, "OIDC_CLIENT_SECRET": "last", "LOG_LEVEL": "warn"}
	for k, v := range o.Env {
		env[k] = v
	}
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		return nil, err
	}
	site.Tokens, err = token.Start(ctx, site.Pool, token.FromConfig(cfg.Token, quiet, nil))
	if err != nil {
		return nil, err
	}
	site.stop = append(site.stop, site.Tokens.Close)
	sessions, authn, err := auth.FromConfig(cfg, site.Pool, quiet)
	if err != nil {
		return nil, err
	}
	portal := web.New(web.Deps{Config: cfg, Pool: site.Pool, Sessions: sessions, Auth: authn, Log: quiet, Tokens: site.Tokens})
	// A CPU profile of a run and what it allocates, for finding where a
	// request's time goes.
	mux := http.NewServeMux()
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.Handle("GET /debug/pprof/allocs", pprof.Handler("allocs"))
	mux.Handle("/", portal)
	for _, s := range []struct {
		ln net.Listener
		h  http.Handler
	}{{idpLn, provider}, {portalLn, mux}} {
		srv := &http.Server{Handler: s.h, ReadHeaderTimeout: 10 * time.Second}
		go func() { _ = srv.Serve(s.ln) }()
		site.stop = append(site.stop, func() {
			shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_ = srv.Shutdown(shutdown)
		})
	}
	return site, nil
}

// listen listens on addr until Close (Shutdown closes it again, harmlessly).
func (s *Site) listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err == nil {
		s.stop = append(s.stop, func() { _ = ln.Close() })
	}
	return ln, err
}

// Close stops the servers and the token endpoints and closes the pool, in
// the reverse order of their start.
func (s *Site) Close() {
	for i := len(s.stop) - 1; i >= 0; i-- {
		s.stop[i]()
	}
	s.stop = nil
}

// Login runs the login flow over HTTP, clicking the person's button on the
// stand-in's page, and returns the client with the session and the session
// cookie.
func (s *Site) Login(p demo.Person) (*http.Client, string, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	resp, err := c.Get(s.URL + paths.Login(""))
	if err != nil {
		return nil, "", fmt.Errorf("start login: %w", err)
	}
	resp.Body.Close()
	resp, err = idportenstub.SubmitLogin(c, resp.Request.URL, url.Values{"testperson": {p.PID}})
	if err != nil {
		return nil, "", fmt.Errorf("log in as %s: %w", p.Name, err)
	}
	resp.Body.Close()
	start, _ := url.Parse(paths.Start())
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != start.Path {
		return nil, "", fmt.Errorf("log in as %s: ended at %s with %d", p.Name, resp.Request.URL, resp.StatusCode)
	}
	u, _ := url.Parse(s.URL)
	for _, ck := range jar.Cookies(u) {
		if ck.Name == auth.CookieName {
			return c, ck.Name + "=" + ck.Value, nil
		}
	}
	return nil, "", errors.New("no session cookie after login")
}

func or(v, def string) string {
	if v != "" {
		return v
	}
	return def
}
