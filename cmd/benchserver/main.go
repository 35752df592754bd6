// Command benchserver runs the portal for a load test: a fresh database with
// the demo data plus 100,000 integrations over 10,000 organisations and 5,000
// in Eksempel Konsument AS, the stand-in ID-porten in-process, and Kari
// Konsument logged in. It prints the list page's URL and the session cookie,
// and the REST API's list of the same integrations with a Bearer token for
// Eksempel Konsument AS's admin integration, got from the portal's TEST
// token endpoint (api.go),
//
//	URL=http://127.0.0.1:8090/integrasjoner?miljo=TEST
//	COOKIE=selvbetjening=...
//	API_URL=http://127.0.0.1:8090/api/v1/clients
//	API_TOKEN=eyJ...
//
// then serves until interrupted, so a load tool (wrk, ../shared/perf/ceiling.sh
// --also URL COOKIE) can measure the real page and API. The token lives 120 s:
// with API_TOKEN_FILE set, a fresh one is written there every minute. DATABASE_URL is an admin URL;
// the database BENCH_DB (selvbetjening_bench) is dropped and made anew, and
// the portal serves it as a login role in selvbetjening_app.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/pprof"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/digdir/selvbetjening/internal/auth"
	"github.com/digdir/selvbetjening/internal/config"
	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/idportenstub"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/token"
	"github.com/digdir/selvbetjening/internal/web"
)

// servingLogin is the load run's serving role. Its password is fixed: it
// only ever reaches the throwaway bench database.
const servingLogin, servingPassword = "selvbetjening_bench_portal", "selvbetjening-bench"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchserver:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	admin := getenv("DATABASE_URL")
	if admin == "" {
		return errors.New("DATABASE_URL is required")
	}
	dbName := or(getenv("BENCH_DB"), "selvbetjening_bench")
	dbURL, err := freshDatabase(ctx, admin, dbName)
	if err != nil {
		return err
	}
	owner, err := store.Open(ctx, dbURL)
	if err != nil {
		return err
	}
	defer owner.Close()
	if err := store.Migrate(ctx, owner); err != nil {
		return err
	}
	if err := demo.Seed(ctx, owner); err != nil {
		return err
	}
	if err := demo.BulkLoad(ctx, owner, 10_000, 10, 5_000); err != nil {
		return err
	}
	if err := demo.BulkGiveScope(ctx, owner, demo.EksempelKonsument, environment.Test, "skatteetaten:testapi"); err != nil {
		return err
	}
	// The portal serves as a member of the serving role, as in production.
	if err := store.CreateServingLogin(ctx, owner, servingLogin, servingPassword); err != nil {
		return err
	}
	servingURL, err := url.Parse(dbURL)
	if err != nil {
		return err
	}
	servingURL.User = url.UserPassword(servingLogin, servingPassword)
	pool, err := store.Open(ctx, servingURL.String())
	if err != nil {
		return err
	}
	defer pool.Close()

	idpLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("listen for the stand-in: %w", err)
	}
	portalLn, err := net.Listen("tcp", or(getenv("PORTAL_ADDR"), "127.0.0.1:8090"))
	if err != nil {
		return fmt.Errorf("listen for the portal: %w", err)
	}
	portalURL, issuer := "http://"+portalLn.Addr().String(), "http://"+idpLn.Addr().String()
	quiet := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	provider, err := idportenstub.New(idportenstub.Config{Issuer: issuer, Logger: quiet, Clients: []idportenstub.Client{{
		ID: "selvbetjening", Secret: "last", RedirectURIs: []string{portalURL + paths.Callback},
		PostLogoutRedirectURIs: []string{portalURL + paths.LoggedOut},
	}}})
	if err != nil {
		return err
	}
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"DATABASE_URL": servingURL.String(), "MIGRATE_DATABASE_URL": dbURL, "PORTAL_ADDR": portalLn.Addr().String(),
			"OIDC_ISSUER": issuer, "OIDC_CLIENT_SECRET": "last", "LOG_LEVEL": "warn", "API_RATE_LIMIT": apiRateLimit}[k]
	})
	if err != nil {
		return err
	}
	sessions, authn, err := auth.FromConfig(cfg, pool, quiet)
	if err != nil {
		return err
	}
	tokens, err := token.Start(ctx, pool, token.FromConfig(cfg.Token, quiet, nil))
	if err != nil {
		return err
	}
	defer tokens.Close()
	portal := web.New(web.Deps{Config: cfg, Pool: pool, Sessions: sessions, Auth: authn, Log: quiet, Tokens: tokens})
	// A CPU profile of a run and what it allocates, for finding where a
	// request's time goes.
	mux := http.NewServeMux()
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.Handle("GET /debug/pprof/allocs", pprof.Handler("allocs"))
	mux.Handle("/", portal)
	servers := []*http.Server{
		{Handler: provider, ReadHeaderTimeout: 10 * time.Second},
		{Handler: mux, ReadHeaderTimeout: 10 * time.Second},
	}
	go servers[0].Serve(idpLn)
	go servers[1].Serve(portalLn)

	cookie, err := loginAs(portalURL, demo.Kari)
	if err != nil {
		return err
	}
	script, err := newAPIScript(ctx, owner, cfg.Token.TestIssuer)
	if err != nil {
		return err
	}
	apiToken, err := script.keepToken(ctx, getenv("API_TOKEN_FILE"), quiet)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "URL=%s/integrasjoner?miljo=TEST\nCOOKIE=%s\nAPI_URL=%s%s\nAPI_TOKEN=%s\n",
		portalURL, cookie, portalURL, paths.APIClients("", false), apiToken)
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, s := range servers {
		_ = s.Shutdown(shutdown)
	}
	return nil
}

// loginAs runs the login flow over HTTP, clicking the person's button on
// the stand-in's page, and returns the portal's session cookie.
func loginAs(portalURL string, p demo.Person) (string, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	resp, err := c.Get(portalURL + paths.Login(""))
	if err != nil {
		return "", fmt.Errorf("start login: %w", err)
	}
	resp.Body.Close()
	resp, err = idportenstub.SubmitLogin(c, resp.Request.URL, url.Values{"testperson": {p.PID}})
	if err != nil {
		return "", fmt.Errorf("log in as %s: %w", p.Name, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/integrasjoner" {
		return "", fmt.Errorf("log in as %s: ended at %s with %d", p.Name, resp.Request.URL, resp.StatusCode)
	}
	u, _ := url.Parse(portalURL)
	for _, ck := range jar.Cookies(u) {
		if ck.Name == auth.CookieName {
			return ck.Name + "=" + ck.Value, nil
		}
	}
	return "", errors.New("no session cookie after login")
}

// freshDatabase drops and creates dbName on the admin URL's server.
func freshDatabase(ctx context.Context, admin, dbName string) (string, error) {
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return "", fmt.Errorf("connect as admin: %w", err)
	}
	defer conn.Close(ctx)
	ident := pgx.Identifier{dbName}.Sanitize()
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)"); err != nil {
		return "", fmt.Errorf("drop %s: %w", dbName, err)
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+ident); err != nil {
		return "", fmt.Errorf("create %s: %w", dbName, err)
	}
	u, err := url.Parse(admin)
	if err != nil {
		return "", fmt.Errorf("parse DATABASE_URL: %w", err)
	}
	u.Path = "/" + dbName
	return u.String(), nil
}

func or(v, def string) string {
	if v != "" {
		return v
	}
	return def
}
