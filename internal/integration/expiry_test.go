package integration_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/integration"
)

func TestKeyExpiry(t *testing.T) {
	t.Parallel()
	up := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	at := func(y int, m time.Month, d int) *time.Time { v := time.Date(y, m, d, 0, 0, 0, 0, time.UTC); return &v }
	for _, tc := range []struct {
		name string
		cert *time.Time
		want time.Time
	}{
		{"NoCertificateAYear", nil, time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)},
		{"CertificateSooner", at(2026, 9, 1), *at(2026, 9, 1)},
		{"CertificateLaterCapped", at(2030, 1, 1), time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)},
	} {
		require.Equal(t, tc.want, integration.KeyExpiry(tc.cert, up), tc.name)
	}
}

// certificatePEM is a self-signed P-256 certificate valid until notAfter.
func certificatePEM(t *testing.T, notAfter time.Time) string {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: notAfter}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func TestKeysExpire(t *testing.T) {
	t.Parallel()

	t.Run("AYearAfterUpload", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		id := b.testklient
		_, err := integration.AddKey(b.ctx, b.pool, b.kari, id, publicJWK(t, "aar"))
		require.NoError(t, err)
		i, err := integration.Get(b.ctx, b.pool, b.kari.OrgNo, id)
		require.NoError(t, err)
		require.WithinDuration(t, time.Now().AddDate(1, 0, 0), i.Keys[0].ExpiresAt, time.Minute)
	})

	t.Run("AtTheCertificatesExpiry", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		id := b.testklient
		notAfter := time.Now().Add(90 * 24 * time.Hour).Truncate(time.Second)
		_, err := integration.AddKey(b.ctx, b.pool, b.kari, id, certificatePEM(t, notAfter))
		require.NoError(t, err)
		i, err := integration.Get(b.ctx, b.pool, b.kari.OrgNo, id)
		require.NoError(t, err)
		require.True(t, notAfter.Equal(i.Keys[0].ExpiresAt), "%v != %v", notAfter, i.Keys[0].ExpiresAt)
	})

	t.Run("AddingTheSameKeyAgainRenewsIt", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		id := b.testklient
		jwk := publicJWK(t, "fornyes")
		_, err := integration.AddKey(b.ctx, b.pool, b.kari, id, jwk)
		require.NoError(t, err)
		require.Equal(t, 2, auditCount(t, b, id.String()), "create, key added")
		_, err = integration.AddKey(b.ctx, b.pool, b.kari, id, jwk)
		require.NoError(t, err)
		require.Equal(t, 2, auditCount(t, b, id.String()), "a double click renews nothing")

		// Eleven months on, the key has a month left; pasting it renews it.
		_, err = b.pool.Exec(b.ctx, `UPDATE integration_keys SET expires_at = now() + interval '30 days' WHERE client_id = $1`, id)
		require.NoError(t, err)
		_, err = integration.AddKey(b.ctx, b.pool, b.kari, id, jwk)
		require.NoError(t, err)
		i, err := integration.Get(b.ctx, b.pool, b.kari.OrgNo, id)
		require.NoError(t, err)
		require.Len(t, i.Keys, 1, "renewed, not added twice")
		require.WithinDuration(t, time.Now().AddDate(1, 0, 0), i.Keys[0].ExpiresAt, time.Minute)
		require.Equal(t, 3, auditCount(t, b, id.String()))
		changes, err := integration.History(b.ctx, b.pool, b.kari.OrgNo, id, 10)
		require.NoError(t, err)
		require.Equal(t, "integration.key_renew", string(changes[0].Action))
		require.Equal(t, "fornyes", changes[0].KeyID)
	})
}
