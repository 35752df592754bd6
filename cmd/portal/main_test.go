package main

import (
	"bytes"
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

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
	go func() { done <- run(ctx, nil, getenv, &bytes.Buffer{}, ready) }()
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

// TestServingRoleCannotMigrate: given only the serving role's URL, the portal
// cannot create its tables, so a split set-up must say MIGRATE_DATABASE_URL.
func TestServingRoleCannotMigrate(t *testing.T) {
	t.Parallel()
	serving := storetest.ServingURL(t, storetest.EmptyURL(t))
	getenv := func(k string) string { return map[string]string{"DATABASE_URL": serving}[k] }
	err := run(context.Background(), []string{"migrate"}, getenv, &bytes.Buffer{}, nil)
	require.ErrorContains(t, err, "permission denied")
}
