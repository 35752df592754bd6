package integration_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/keys"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

var publicJWK = storetest.PublicJWK

func TestIntegrationKeys(t *testing.T) {
	t.Parallel()

	t.Run("AddAndRemove", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		id := b.testklient
		key, err := integration.AddKey(b.ctx, b.pool, b.kari, id, publicJWK(t, "nokkel-1"))
		require.NoError(t, err)
		require.Equal(t, "ES256", key.Algorithm)
		i, err := integration.Get(b.ctx, b.pool, b.kari.OrgNo, id)
		require.NoError(t, err)
		require.Len(t, i.Keys, 1)
		require.Equal(t, "nokkel-1", i.Keys[0].KID)
		require.Equal(t, key.Fingerprint, i.Keys[0].Fingerprint)

		_, err = integration.AddKey(b.ctx, b.pool, b.kari, id, publicJWK(t, "nokkel-1"))
		require.ErrorIs(t, err, integration.ErrDuplicateKey)

		keyID := i.Keys[0].ID
		require.NoError(t, integration.RemoveKey(b.ctx, b.pool, b.kari, id, keyID))
		i, err = integration.Get(b.ctx, b.pool, b.kari.OrgNo, id)
		require.NoError(t, err)
		require.Empty(t, i.Keys)
		require.ErrorIs(t, integration.RemoveKey(b.ctx, b.pool, b.kari, id, 999999), store.ErrNotFound)
		other := b.regnskap
		require.ErrorIs(t, integration.RemoveKey(b.ctx, b.pool, b.kari, other, keyID), store.ErrNotFound,
			"a key id of another integration")
		require.Equal(t, 3, auditCount(t, b, id.String()), "create, key added, key removed")
	})

	t.Run("SameKeyTwiceIsOneKey", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		id := b.testklient
		jwk := publicJWK(t, "dobbel")
		_, err := integration.AddKey(b.ctx, b.pool, b.kari, id, jwk)
		require.NoError(t, err)
		_, err = integration.AddKey(b.ctx, b.pool, b.kari, id, jwk)
		require.NoError(t, err, "a double click adds it once")
		i, err := integration.Get(b.ctx, b.pool, b.kari.OrgNo, id)
		require.NoError(t, err)
		require.Len(t, i.Keys, 1)

		renamed := strings.Replace(jwk, `"kid":"dobbel"`, `"kid":"annen"`, 1)
		_, err = integration.AddKey(b.ctx, b.pool, b.kari, id, renamed)
		require.ErrorIs(t, err, integration.ErrDuplicateKey, "one key under two kids")

		require.NoError(t, integration.RemoveKey(b.ctx, b.pool, b.kari, id, i.Keys[0].ID))
		require.NoError(t, integration.RemoveKey(b.ctx, b.pool, b.kari, id, i.Keys[0].ID), "removed already")
		require.Equal(t, 3, auditCount(t, b, id.String()), "create, add, remove")
	})

	t.Run("AtMostFiveActive", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		id := b.testklient
		for n := range integration.MaxActiveKeys {
			_, err := integration.AddKey(b.ctx, b.pool, b.kari, id, publicJWK(t, "k"+string(rune('a'+n))))
			require.NoError(t, err)
		}
		_, err := integration.AddKey(b.ctx, b.pool, b.kari, id, publicJWK(t, "sjette"))
		require.ErrorIs(t, err, integration.ErrTooManyKeys)
	})

	t.Run("InProduction", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		i := storetest.Integration(t, b.pool, storetest.IntegrationOptions{OrgNo: b.kari.OrgNo, Env: environment.Prod,
			Scopes: []string{"skatteetaten:mva"}})
		key := storetest.Key(t, b.pool, storetest.KeyOptions{Integration: i})
		got, err := integration.Get(b.ctx, b.pool, b.kari.OrgNo, i.ClientID)
		require.NoError(t, err)
		require.Len(t, got.Keys, 1)
		require.Equal(t, key.Fingerprint, got.Keys[0].Fingerprint)
		require.Equal(t, 2, auditCount(t, b, i.ClientID.String()), "create, key added")
	})

	t.Run("RefusesPrivateKeyAndStoresNothing", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		id := b.testklient
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		der, err := x509.MarshalPKCS8PrivateKey(k)
		require.NoError(t, err)
		private := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
		_, err = integration.AddKey(b.ctx, b.pool, b.kari, id, private)
		require.ErrorIs(t, err, keys.ErrPrivateKey)
		var n int
		require.NoError(t, b.pool.QueryRow(b.ctx, `SELECT count(*) FROM integration_keys`).Scan(&n))
		require.Zero(t, n)
		require.Equal(t, 1, auditCount(t, b, id.String()))
	})
}
