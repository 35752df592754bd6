package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/digdir/selvbetjening/internal/config"
)

// healthcheck asks the portal in this container whether it is alive: the
// image has no shell and no curl, so its HEALTHCHECK runs the binary itself.
// It reads only PORTAL_ADDR, so it works whatever else the configuration
// lacks, and it never touches the database (/healthz does not either).
func healthcheck(ctx context.Context, getenv func(string) string) error {
	url, err := healthURL(getenv("PORTAL_ADDR"))
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s answered %d", url, resp.StatusCode)
	}
	return nil
}

// healthURL turns a listening address (":8080", "0.0.0.0:8080",
// "127.0.0.1:8080", "[::]:8080") into the loopback URL of /healthz.
func healthURL(addr string) (string, error) {
	if addr == "" {
		addr = config.DefaultAddr
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("healthcheck: PORTAL_ADDR %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz", nil
}
