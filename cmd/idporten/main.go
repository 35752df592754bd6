// Command idporten runs the stand-in ID-porten for local development.
//
// Environment (defaults in brackets):
//
//	IDPORTEN_ADDR                       listen address [127.0.0.1:8081]
//	IDPORTEN_ISSUER                     issuer URL [http://<addr>]
//	IDPORTEN_CLIENT_ID                  client id [selvbetjening]
//	IDPORTEN_CLIENT_SECRET              client secret [demo-hemmelighet];
//	                                    required when IDPORTEN_ALLOW_PUBLIC=1
//	IDPORTEN_ALLOW_PUBLIC               1: may be reached beyond loopback [0]
//	IDPORTEN_REDIRECT_URIS              comma-separated
//	                                    [http://127.0.0.1:8080/auth/callback,http://localhost:8080/auth/callback]
//	IDPORTEN_POST_LOGOUT_REDIRECT_URIS  comma-separated
//	                                    [http://127.0.0.1:8080/logget-ut,http://localhost:8080/logget-ut]
//
// The stand-in logs anyone in as anyone, so it refuses an address or an
// issuer beyond loopback (127.0.0.0/8, ::1 or the name localhost) unless
// IDPORTEN_ALLOW_PUBLIC=1 says that is meant; it then needs its own client
// secret and warns on every page and login.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/digdir/selvbetjening/internal/idportenstub"
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
	public bool   // reachable beyond loopback, as IDPORTEN_ALLOW_PUBLIC=1 allows
	client idportenstub.Client
}

// devSecret is the client secret of make run, which the portal's
// OIDC_CLIENT_SECRET defaults to as well. Anyone can read it here.
const devSecret = "demo-hemmelighet"

func loadConfig(getenv func(string) string) (config, error) {
	get := func(key, def string) string {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			return v
		}
		return def
	}
	c := config{
		addr:   get("IDPORTEN_ADDR", "127.0.0.1:8081"),
		issuer: get("IDPORTEN_ISSUER", ""),
		client: idportenstub.Client{
			ID:     get("IDPORTEN_CLIENT_ID", "selvbetjening"),
			Secret: get("IDPORTEN_CLIENT_SECRET", devSecret),
			RedirectURIs: splitList(get("IDPORTEN_REDIRECT_URIS",
				"http://127.0.0.1:8080/auth/callback,http://localhost:8080/auth/callback")),
			PostLogoutRedirectURIs: splitList(get("IDPORTEN_POST_LOGOUT_REDIRECT_URIS",
				"http://127.0.0.1:8080/logget-ut,http://localhost:8080/logget-ut")),
		},
	}
	var allowPublic bool
	switch v := get("IDPORTEN_ALLOW_PUBLIC", "0"); v {
	case "0":
	case "1":
		allowPublic = true
	default:
		return config{}, fmt.Errorf("IDPORTEN_ALLOW_PUBLIC must be 1 or 0, got %q", v)
	}
	where, beyond := beyondLoopback(c.addr, c.issuer)
	if beyond && !allowPublic {
		return config{}, fmt.Errorf("refusing to serve %s beyond loopback: this stand-in ID-porten logs anyone in as anyone. "+
			"Use a loopback address (127.0.0.1:8081), or set IDPORTEN_ALLOW_PUBLIC=1 and IDPORTEN_CLIENT_SECRET if it must be reached from elsewhere", where)
	}
	c.public = beyond
	switch {
	case !c.public:
	case strings.TrimSpace(getenv("IDPORTEN_CLIENT_SECRET")) == "":
		return config{}, fmt.Errorf("IDPORTEN_CLIENT_SECRET must be set when %s is beyond loopback: "+
			"the default secret is in the source code for anyone to read", where)
	case c.client.Secret == devSecret:
		return config{}, fmt.Errorf("IDPORTEN_CLIENT_SECRET must not be the development secret when %s is beyond loopback: "+
			"choose one of your own", where)
	}
	return c, nil
}

// beyondLoopback reports whether the listen address or the issuer reaches
// past this machine, and names the first that does. A host name other than
// localhost counts as beyond: it is how others would reach the stand-in.
func beyondLoopback(addr, issuer string) (string, bool) {
	host, _, err := net.SplitHostPort(addr)
	if err == nil && !loopbackHost(host) {
		return "IDPORTEN_ADDR " + addr, true
	} // an address that does not parse fails to listen, with its own message
	if issuer == "" {
		return "", false
	}
	u, err := url.Parse(issuer)
	if err != nil || !loopbackHost(u.Hostname()) {
		return "IDPORTEN_ISSUER " + issuer, true
	}
	return "", false
}

func loopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
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
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.addr, err)
	}
	defer ln.Close() // no-op once Shutdown has closed it
	if ip := ln.Addr().(*net.TCPAddr).IP; !cfg.public && !ip.IsLoopback() {
		return fmt.Errorf("refusing to serve: IDPORTEN_ADDR %s was bound to %s, beyond loopback", cfg.addr, ip)
	}
	issuer := cfg.issuer
	if issuer == "" {
		issuer = defaultIssuer(cfg.addr, ln.Addr())
	}
	h, err := idportenstub.New(idportenstub.Config{Issuer: issuer, Clients: []idportenstub.Client{cfg.client}, Logger: logger, Public: cfg.public})
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
	if cfg.public {
		logger.Warn("stand-in ID-porten reachable beyond loopback (IDPORTEN_ALLOW_PUBLIC=1)",
			"addr", ln.Addr().String(), "warning", idportenstub.PublicWarning)
	}

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
