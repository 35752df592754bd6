// Command idporten runs the stand-in ID-porten for local development.
//
// Environment (defaults in brackets):
//
//	IDPORTEN_ADDR                       listen address [127.0.0.1:8081]
//	IDPORTEN_ISSUER                     issuer URL [http://<addr>]
//	IDPORTEN_CLIENT_ID                  client id [selvbetjening]
//	IDPORTEN_CLIENT_SECRET              client secret [demo-hemmelighet]
//	IDPORTEN_REDIRECT_URIS              comma-separated
//	                                    [http://127.0.0.1:8080/auth/callback,http://localhost:8080/auth/callback]
//	IDPORTEN_POST_LOGOUT_REDIRECT_URIS  comma-separated
//	                                    [http://127.0.0.1:8080/logget-ut,http://localhost:8080/logget-ut]
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/digdir/selvbetjening/internal/idporten"
)

func main() {
	if err := run(context.Background(), os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "idporten:", err)
		os.Exit(1)
	}
}

type config struct {
	addr   string
	issuer string // empty: derived from the address actually bound
	client idporten.Client
}

func loadConfig(getenv func(string) string) config {
	get := func(key, def string) string {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			return v
		}
		return def
	}
	return config{
		addr:   get("IDPORTEN_ADDR", "127.0.0.1:8081"),
		issuer: get("IDPORTEN_ISSUER", ""),
		client: idporten.Client{
			ID:     get("IDPORTEN_CLIENT_ID", "selvbetjening"),
			Secret: get("IDPORTEN_CLIENT_SECRET", "demo-hemmelighet"),
			RedirectURIs: splitList(get("IDPORTEN_REDIRECT_URIS",
				"http://127.0.0.1:8080/auth/callback,http://localhost:8080/auth/callback")),
			PostLogoutRedirectURIs: splitList(get("IDPORTEN_POST_LOGOUT_REDIRECT_URIS",
				"http://127.0.0.1:8080/logget-ut,http://localhost:8080/logget-ut")),
		},
	}
}

func splitList(s string) []string {
	var out []string
	for part := range strings.SplitSeq(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// run serves until ctx is cancelled or SIGINT/SIGTERM arrives, then shuts
// down gracefully.
func run(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger := slog.New(slog.NewTextHandler(stdout, nil))
	cfg := loadConfig(getenv)

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.addr, err)
	}
	defer ln.Close() // no-op once Shutdown has closed it
	issuer := cfg.issuer
	if issuer == "" {
		issuer = defaultIssuer(cfg.addr, ln.Addr())
	}
	h, err := idporten.New(idporten.Config{Issuer: issuer, Clients: []idporten.Client{cfg.client}, Logger: logger})
	if err != nil {
		return fmt.Errorf("create provider: %w", err)
	}

	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	logger.Info("stand-in ID-porten started", "issuer", issuer, "client_id", cfg.client.ID)

	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// defaultIssuer is http://<addr>, with the port actually bound (so :0
// works) and a loopback host when the address names none.
func defaultIssuer(addr string, bound net.Addr) string {
	host, _, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err != nil || host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	_, port, err := net.SplitHostPort(bound.String())
	if err != nil {
		return "http://" + bound.String()
	}
	return "http://" + net.JoinHostPort(host, port)
}
