package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
	"github.com/digdir/selvbetjening/internal/token"
)

// TestTokenKeyRotate: portal tokenkey rotate gives TEST's endpoint a new
// signing key and keeps the one before it published.
func TestTokenKeyRotate(t *testing.T) {
	t.Parallel()
	dbURL := storetest.URL(t)
	getenv := func(k string) string { return map[string]string{"DATABASE_URL": dbURL}[k] }
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"tokenkey", "rotate"}, getenv, &out, nil))
	require.Contains(t, out.String(), "New signing key for TEST")
	require.NoError(t, run(context.Background(), []string{"tokenkey", "rotate", "-env", "TEST"}, getenv, &out, nil))

	pool, err := store.Open(context.Background(), dbURL)
	require.NoError(t, err)
	defer pool.Close()
	var current, published int
	require.NoError(t, pool.QueryRow(context.Background(), `
		SELECT count(*) FILTER (WHERE published_until IS NULL), count(*) FILTER (WHERE published_until > now())
		FROM token_signing_keys WHERE env = 'TEST'`).Scan(&current, &published))
	require.Equal(t, 1, current)
	require.Equal(t, 1, published, "the one before stays in the JWKS")
	var signsIn float64 // seconds
	require.NoError(t, pool.QueryRow(context.Background(), `
		SELECT extract(epoch FROM signs_from - now())::float8
		FROM token_signing_keys WHERE env = 'TEST' AND published_until IS NULL`).Scan(&signsIn))
	require.InDelta(t, token.PublishLead.Seconds(), signsIn, 60, "published before it signs")

	out.Reset()
	require.NoError(t, run(context.Background(), []string{"tokenkey", "rotate", "-now"}, getenv, &out, nil))
	require.Contains(t, out.String(), "Every portal signs with it within 30s")
	var signing string
	require.NoError(t, pool.QueryRow(context.Background(), `SELECT kid FROM token_signing_keys
		WHERE env = 'TEST' AND signs_from <= now() ORDER BY signs_from DESC, created_at DESC LIMIT 1`).Scan(&signing))
	require.Contains(t, out.String(), signing, "-now: the new key signs at once")

	for _, args := range [][]string{{"tokenkey"}, {"tokenkey", "spin"}, {"tokenkey", "rotate", "-env", "DEV"},
		{"tokenkey", "rotate", "-env", "PROD"}, {"tokenkey", "rotate", "ekstra"}} {
		require.Error(t, run(context.Background(), args, getenv, &out, nil), args)
	}
}
