package token_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
	"github.com/digdir/selvbetjening/internal/token"
)

var testKEK = bytes.Repeat([]byte{7}, token.KeyEncryptionKeySize)

func startService(t *testing.T, pool *pgxpool.Pool, kek []byte) *token.Service {
	t.Helper()
	s, err := token.Start(context.Background(), pool, token.Options{
		Endpoints:        []token.EndpointConfig{{Env: environment.Test, Issuer: testIssuer}},
		KeyEncryptionKey: kek, ClientLimit: 1000, AddressLimit: 1000,
	})
	require.NoError(t, err)
	t.Cleanup(s.Close)
	return s
}

func jwksOf(t *testing.T, s *token.Service) jose.JSONWebKeySet {
	t.Helper()
	var set jose.JSONWebKeySet
	require.NoError(t, json.Unmarshal(s.Endpoint(environment.Test).JWKS(), &set))
	return set
}

// TestSigningKeysLiveInPostgres: every process signs with and publishes the
// same key, sealed in the table; rotation keeps the old public key published.
func TestSigningKeysLiveInPostgres(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dbURL := storetest.URL(t)
	pool := storetest.ServingPool(t, dbURL)

	first, second := startService(t, pool, testKEK), startService(t, pool, testKEK)
	set := jwksOf(t, first)
	require.Len(t, set.Keys, 1, "two processes starting make one key")
	require.Equal(t, set, jwksOf(t, second))
	k := set.Keys[0]
	require.True(t, k.IsPublic())
	require.Equal(t, "RS256", k.Algorithm)
	require.Equal(t, "sig", k.Use)

	var sealed []byte
	var public string
	require.NoError(t, pool.QueryRow(ctx, `SELECT private_sealed, public_jwk::text FROM token_signing_keys`).Scan(&sealed, &public))
	require.NotContains(t, string(sealed), `"d"`, "the private key is sealed")
	require.NotContains(t, public, `"d"`)

	_, err := token.Start(ctx, pool, token.Options{
		Endpoints:        []token.EndpointConfig{{Env: environment.Test, Issuer: testIssuer}},
		KeyEncryptionKey: bytes.Repeat([]byte{8}, token.KeyEncryptionKeySize),
	})
	require.ErrorContains(t, err, "TOKEN_KEY_ENCRYPTION_KEY", "another encryption key opens nothing")

	owner, err := store.Open(ctx, dbURL) // portal tokenkey rotate runs as the owner, as migrations do
	require.NoError(t, err)
	t.Cleanup(owner.Close)
	r, err := token.RotateSigningKey(ctx, owner, testKEK, environment.Test, time.Now(), token.PublishLead)
	require.NoError(t, err)
	require.NotEqual(t, k.KeyID, r.KID)
	require.NoError(t, first.ReloadKeys(ctx))
	set = jwksOf(t, first)
	require.Len(t, set.Keys, 2, "the next key is published before it signs (TestRotatedKeyIsPublishedBeforeItSigns)")
	require.Equal(t, r.KID, set.Keys[0].KeyID, "the newest first")
	require.Equal(t, k.KeyID, set.Keys[1].KeyID)

	_, err = pool.Exec(ctx, `UPDATE token_signing_keys SET published_until = now() - interval '1 second' WHERE kid = $1`, k.KeyID)
	require.Error(t, err, "the serving role may not move retention around by hand")
	_, err = pool.Exec(ctx, `UPDATE token_signing_keys SET signs_from = now() WHERE kid = $1`, r.KID)
	require.Error(t, err, "nor make a key sign early")
}
