// Command tokenbench runs the portal's TEST token endpoint for a load run:
// a fresh database with the demo data and 10,000 integrations with one P-256
// key each (internal/demo's BulkTokenClients), served as the serving role.
// It writes the clients' private keys as KEYS_OUT/clients.jsonl, the format
// of the token load generator (../shared/perf/token/load), prints
//
//	ISSUER=http://127.0.0.1:18083/maskinporten/test/
//	KEYS=KEYS_OUT/clients.jsonl
//
// and serves until interrupted. GET /bench/stats says how many SQL
// statements the pool sent, on the token requests' path and in the
// background, and how many tokens were issued, so a run can report round
// trips per token. DATABASE_URL is an admin URL; BENCH_DB (default
// selvbetjening_tokenbench) is dropped and made anew.
//
// Every request of a load run comes from one address, so the limit per
// source address is off (TOKEN_RATE_LIMIT_ADDRESS=0); the limit per client
// stays at its default and is counted as in production.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/auth"
	"github.com/digdir/selvbetjening/internal/config"
	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/token"
	"github.com/digdir/selvbetjening/internal/web"
)

const servingLogin, servingPassword = "selvbetjening_tokenbench_portal", "selvbetjening-tokenbench"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "tokenbench:", err)
		os.Exit(1)
	}
}

// statements counts what the pool sends: the token request's two (by their
// SQL) and everything else (the flusher, the sweeps, the key refresh).
type statements struct {
	requestPath, background atomic.Int64
}

func (s *statements) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	if token.OnRequestPath(d.SQL) {
		s.requestPath.Add(1)
	} else {
		s.background.Add(1)
	}
	return ctx
}

func (s *statements) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func run(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	admin := getenv("DATABASE_URL")
	keysOut := getenv("KEYS_OUT")
	if admin == "" || keysOut == "" {
		return errors.New("DATABASE_URL and KEYS_OUT are required")
	}
	dbURL, err := freshDatabase(ctx, admin, or(getenv("BENCH_DB"), "selvbetjening_tokenbench"))
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
	start := time.Now()
	clients, err := demo.BulkTokenClients(ctx, owner, 10_000)
	if err != nil {
		return err
	}
	if err := writeKeys(filepath.Join(keysOut, "clients.jsonl"), clients); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "tokenbench: %d integrations with keys in %s\n", len(clients), time.Since(start).Round(time.Millisecond))
	// As the bare server does after its seed: the load's WAL flushed now,
	// not by a checkpoint in the middle of the run. It needs a superuser or
	// pg_checkpoint; without, the run goes on and says so.
	if _, err := owner.Exec(ctx, `CHECKPOINT`); err != nil {
		fmt.Fprintln(os.Stderr, "tokenbench: no checkpoint after the seed:", err)
	}
	if err := store.CreateServingLogin(ctx, owner, servingLogin, servingPassword); err != nil {
		return err
	}
	servingURL, _ := url.Parse(dbURL)
	servingURL.User = url.UserPassword(servingLogin, servingPassword)
	poolCfg, err := pgxpool.ParseConfig(servingURL.String())
	if err != nil {
		return err
	}
	var stats statements
	poolCfg.ConnConfig.Tracer = &stats
	pool, err := pgxpool.NewWithConfig(ctx, poolCfg) // default size, as the portal's
	if err != nil {
		return err
	}
	defer pool.Close()

	ln, err := net.Listen("tcp", or(getenv("ADDR"), "127.0.0.1:18083"))
	if err != nil {
		return err
	}
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"DATABASE_URL": servingURL.String(), "MIGRATE_DATABASE_URL": dbURL, "PORTAL_ADDR": ln.Addr().String(),
			"LOG_LEVEL": "warn", "TOKEN_RATE_LIMIT_ADDRESS": "0"}[k]
	})
	if err != nil {
		return err
	}
	quiet := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	tokens, err := token.Start(ctx, pool, token.FromConfig(cfg.Token, quiet, nil))
	if err != nil {
		return err
	}
	defer tokens.Close()
	sessions, authn, err := auth.FromConfig(cfg, pool, quiet)
	if err != nil {
		return err
	}
	portal := web.New(web.Deps{Config: cfg, Pool: pool, Sessions: sessions, Auth: authn, Log: quiet, Tokens: tokens})
	var issued atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("GET /bench/stats", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintf(w, "tokens=%d request_path_statements=%d background_statements=%d\n",
			issued.Load(), stats.requestPath.Load(), stats.background.Load())
	})
	// A CPU profile of a run, for finding where a token's time goes.
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.Handle("/", countIssued(portal, &issued))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute}
	go func() { _ = srv.Serve(ln) }()
	stats.requestPath.Store(0)
	stats.background.Store(0)
	fmt.Fprintf(stdout, "ISSUER=%s\nKEYS=%s\n", cfg.Token.TestIssuer, filepath.Join(keysOut, "clients.jsonl"))
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// countIssued counts the answers with an access token.
func countIssued(next http.Handler, n *atomic.Int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		if rec.status == http.StatusOK && r.Method == http.MethodPost {
			n.Add(1)
		}
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func writeKeys(path string, clients []demo.TokenClient) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, c := range clients {
		if err := enc.Encode(c); err != nil {
			return err
		}
	}
	return os.WriteFile(path, b.Bytes(), 0o600)
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
