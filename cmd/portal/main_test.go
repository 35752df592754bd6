package main

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestRun migrates and seeds an empty database as its owner, then serves as
// the serving role, as a production set-up with two database URLs does.
func TestRun(t *testing.T) {
	t.Parallel()
	dbURL := storetest.EmptyURL(t)
	getenv := func(k string) string {
		return map[string]string{
			"DATABASE_URL":         storetest.ServingURL(t, dbURL),
			"MIGRATE_DATABASE_URL": dbURL,
			"PORTAL_ADDR":          "127.0.0.1:0",
		}[k]
	}

	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"seed"}, getenv, &out, nil))
	require.Contains(t, out.String(), "Kari Konsument")
	require.NoError(t, run(context.Background(), []string{"seed"}, getenv, &out, nil), "seeding twice is fine")
	require.Error(t, run(context.Background(), []string{"ukjent"}, getenv, &out, nil))

	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, getenv, &lockedBuffer{}, ready) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("portal stopped: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("portal did not start")
	}
	for _, path := range []string{"/healthz", "/readyz", "/", "/static/style.css"} {
		resp, err := http.Get("http://" + addr + path)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode, path)
	}
	cancel()
	select {
	case err := <-done:
		require.NoError(t, err, "graceful shutdown")
	case <-time.After(20 * time.Second):
		t.Fatal("portal did not stop")
	}
}

func TestSeedOverHTTPSNeedsDemo(t *testing.T) {
	t.Parallel()
	dbURL := storetest.URL(t)
	env := map[string]string{
		"DATABASE_URL":             dbURL,
		"PORTAL_BASE_URL":          "https://portal.example",
		"SESSION_KEY":              "en-lang-tilfeldig-nokkel",
		"OIDC_ISSUER":              "https://test.idporten.no",
		"OIDC_CLIENT_SECRET":       "registrert-hos-id-porten",
		"MAIL_OUTBOX":              "1",
		"TOKEN_KEY_ENCRYPTION_KEY": "QkFTRTY0LW5va2tlbC1mb3ItdGVzdGVuLTMyLWJ5dGU=",
		"METRICS_ADDR":             "127.0.0.1:0",
	}
	getenv := func(k string) string { return env[k] }
	organisations := func() int {
		pool, err := store.Open(t.Context(), dbURL)
		require.NoError(t, err)
		defer pool.Close()
		var n int
		require.NoError(t, pool.QueryRow(t.Context(), `SELECT count(*) FROM organisations`).Scan(&n))
		return n
	}

	var out bytes.Buffer
	err := run(t.Context(), []string{"seed"}, getenv, &out, nil)
	require.EqualError(t, err, "seed: PORTAL_BASE_URL is https (https://portal.example), so this may be production: "+
		"the demo data was not loaded; run `portal seed --demo` to load it anyway")
	require.Zero(t, organisations(), "nothing seeded")
	require.NotContains(t, out.String(), "Kari Konsument")

	require.ErrorContains(t, run(t.Context(), []string{"seed", "--demo=false"}, getenv, &out, nil), "portal seed --demo")
	require.ErrorContains(t, run(t.Context(), []string{"seed", "--demoo"}, getenv, &out, nil), "the only flag is --demo")
	require.ErrorContains(t, run(t.Context(), []string{"seed", "demo"}, getenv, &out, nil), `unexpected argument "demo"`)
	require.Zero(t, organisations(), "nothing seeded")

	require.NoError(t, run(t.Context(), []string{"seed", "--demo"}, getenv, &out, nil))
	require.Contains(t, out.String(), "Kari Konsument")
	require.Equal(t, 5, organisations())
}

func TestServeOverHTTPSRefusesDevelopmentDefaults(t *testing.T) {
	t.Parallel()
	env := map[string]string{"DATABASE_URL": "postgres://127.0.0.1:1/none", "PORTAL_BASE_URL": "https://portal.example"}
	err := run(t.Context(), nil, func(k string) string { return env[k] }, &bytes.Buffer{}, nil)
	require.Error(t, err)
	lines := strings.Split(err.Error(), "\n")
	require.Len(t, lines, 6, "one line per variable")
	for i, variable := range []string{"OIDC_ISSUER", "OIDC_CLIENT_SECRET", "SESSION_KEY", "SMTP_URL", "METRICS_ADDR", "TOKEN_KEY_ENCRYPTION_KEY"} {
		require.Contains(t, lines[i], variable)
		require.Contains(t, lines[i], "must be set when PORTAL_BASE_URL is https")
	}
}

// TestServingRoleCannotMigrate: given only the serving role's URL, the portal
// cannot create its tables, so a split set-up must say MIGRATE_DATABASE_URL.
func TestServingRoleCannotMigrate(t *testing.T) {
	t.Parallel()
	serving := storetest.ServingURL(t, storetest.EmptyURL(t))
	getenv := func(k string) string { return map[string]string{"DATABASE_URL": serving}[k] }
	err := run(context.Background(), []string{"migrate"}, getenv, &bytes.Buffer{}, nil)
	require.ErrorContains(t, err, "permission denied")
}
