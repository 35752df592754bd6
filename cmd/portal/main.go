// Command portal serves the self-service portal.
//
//	portal [serve]   apply migrations, then serve HTTP (the default)
//	portal migrate   apply migrations and exit
//	portal worker    apply migrations, then send queued e-mail (no HTTP)
//	portal healthcheck  ask the portal on PORTAL_ADDR for /healthz (the image's HEALTHCHECK)
//	portal seed      apply migrations, load the demo data and list the test persons;
//	                 over https only with --demo (portal seed --demo)
//	portal servicedesk grant --fodselsnummer NUMMER --navn NAVN
//	                 apply migrations and give the person the servicedesk role
//	                 (the first one; the console grants the others)
//	portal tokenkey rotate [-env TEST|PROD] [-now]
//	                 apply migrations, then give the token endpoint a new signing key:
//	                 published at once, signing an hour later (-now: at once); the old
//	                 one stays in the JWKS until its tokens have expired
//
// Migrations and seed connect with MIGRATE_DATABASE_URL (the owner of the
// tables), serving with DATABASE_URL (a role with only the rights it needs).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
	_ "time/tzdata" // Europe/Oslo even on machines without zoneinfo

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/auth"
	"github.com/digdir/selvbetjening/internal/config"
	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/telemetry"
	"github.com/digdir/selvbetjening/internal/token"
	"github.com/digdir/selvbetjening/internal/web"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, nil); err != nil {
		fmt.Fprintln(os.Stderr, "portal:", err)
		os.Exit(1)
	}
}

// run is the whole program; tests call it with their own environment. ready,
// when not nil, receives the listening address once the server accepts.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer, ready chan<- string) error {
	if len(args) > 0 && args[0] == "healthcheck" {
		return healthcheck(ctx, getenv)
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	log := slog.New(slog.NewJSONHandler(stdout, &slog.HandlerOptions{Level: logLevel(cfg.LogLevel)}))
	cmd, rest := "serve", []string(nil)
	if len(args) > 0 {
		cmd, rest = args[0], args[1:]
	}
	switch cmd {
	case "migrate":
		return migrated(ctx, cfg, func(*pgxpool.Pool) error { return nil })
	case "seed":
		// Refused before the database is touched.
		if err := seedAllowed(cfg, rest); err != nil {
			return err
		}
		// Seed runs as the owner, like migrations: it must work on an empty
		// database, and the demo data fills registers (organisations, domains,
		// person numbers, scopes) that the serving role may only read.
		return migrated(ctx, cfg, func(pool *pgxpool.Pool) error {
			if err := demo.Seed(ctx, pool); err != nil {
				return err
			}
			demo.PrintPersons(stdout)
			return nil
		})
	case "servicedesk":
		return servicedeskCommand(ctx, cfg, rest, stdout)
	case "tokenkey":
		return migrated(ctx, cfg, func(pool *pgxpool.Pool) error { return rotateTokenKey(ctx, cfg, pool, rest, stdout) })
	case "worker":
		if err := migrated(ctx, cfg, func(*pgxpool.Pool) error { return nil }); err != nil {
			return err
		}
		return runMailWorker(ctx, cfg, log)
	case "serve":
		if err := migrated(ctx, cfg, func(*pgxpool.Pool) error { return nil }); err != nil {
			return err
		}
		tracing, err := telemetry.StartTracing(ctx, getenv, "selvbetjening-portal")
		if err != nil {
			return err
		}
		defer func() { _ = tracing.Shutdown(context.WithoutCancel(ctx)) }()
		pool, err := store.Open(ctx, cfg.DatabaseURL, store.WithQueryTracer(tracing.QueryTracer()))
		if err != nil {
			return err
		}
		defer pool.Close()
		metrics := telemetry.NewMetrics(pool)
		// Built once: the pages, the sweeper and whatever serves beside
		// them share one session store and one authenticator.
		sessions, authn, err := auth.FromConfig(cfg, pool, log)
		if err != nil {
			return fmt.Errorf("configuration: %w", err)
		}
		tokens, err := token.Start(ctx, pool, token.FromConfig(cfg.Token, log, metrics.Registry()))
		if err != nil {
			return err
		}
		defer tokens.Close()
		h := tracing.Handler(web.New(web.Deps{Config: cfg, Pool: pool, Sessions: sessions, Auth: authn, Log: log,
			Metrics: metrics, Tokens: tokens}))
		if cfg.TestDeployment && cfg.Secure() {
			log.Warn("test deployment served over https: ID-porten TestID logins are accepted",
				"setting", "TEST_DEPLOYMENT=1")
		}
		stopWorker, err := startMailWorker(ctx, cfg, log)
		if err != nil {
			return err
		}
		stopMetrics, err := serveMetrics(ctx, cfg, metrics, log)
		if err != nil {
			return errors.Join(err, stopWorker())
		}
		err = serve(ctx, cfg, h, sessions, log, stdout, ready)
		stopMetrics()
		return errors.Join(err, stopWorker())
	}
	return fmt.Errorf("unknown command %q (serve, migrate, seed, worker, servicedesk or tokenkey)", cmd)
}

// migrated applies the migrations with MIGRATE_DATABASE_URL, then runs fn on
// the same pool, which it closes afterwards: the portal serves with
// DATABASE_URL, a role that may not change the schema.
func migrated(ctx context.Context, cfg config.Config, fn func(*pgxpool.Pool) error) error {
	pool, err := store.Open(ctx, cfg.MigrateDatabaseURL)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	defer pool.Close()
	if err := store.Migrate(ctx, pool); err != nil {
		return err
	}
	return fn(pool)
}

// seedAllowed reads seed's flags. The demo data gives made-up people
// access to made-up organisations, so a deployment served over https (as
// production is) gets it only when asked with --demo.
func seedAllowed(cfg config.Config, args []string) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	demoWanted := fs.Bool("demo", false, "load the demo data even though PORTAL_BASE_URL is https")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("seed: %w (the only flag is --demo)", err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("seed: unexpected argument %q (the only flag is --demo)", fs.Arg(0))
	}
	if cfg.Secure() && !*demoWanted {
		return fmt.Errorf("seed: PORTAL_BASE_URL is https (%s), so this may be production: "+
			"the demo data was not loaded; run `portal seed --demo` to load it anyway", cfg.BaseURL)
	}
	return nil
}

func serve(ctx context.Context, cfg config.Config, h http.Handler, sessions *auth.SessionStore, log *slog.Logger, stdout io.Writer, ready chan<- string) error {
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(stdout, "Portalen kjører på %s (ID-porten: %s)\n", cfg.BaseURL, cfg.OIDCIssuer)
	if ready != nil {
		ready <- ln.Addr().String()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	go sweepSessions(ctx, sessions, log)
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	// SIGTERM: stop accepting, let requests in flight finish.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

// sweepSessions deletes expired sessions now and then. Every portal process
// may run it; the DELETE is idempotent, so running several is harmless.
func sweepSessions(ctx context.Context, sessions *auth.SessionStore, log *slog.Logger) {
	tick := time.NewTicker(15 * time.Minute)
	defer tick.Stop()
	for {
		if n, err := sessions.DeleteExpired(ctx); err != nil && ctx.Err() == nil {
			log.Warn("sweep sessions", "error", err)
		} else if n > 0 {
			log.Info("expired sessions deleted", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func logLevel(s string) slog.Level {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return slog.LevelInfo
	}
	return l
}
