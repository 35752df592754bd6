package web_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// TestBrowserKeys pastes keys into "Offentlig nøkkel" on the integration's page.
func TestBrowserKeys(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)

	t.Run("AddAndRemoveECKey", func(t *testing.T) {
		t.Parallel()
		browserSeedIntegration(t, site, environment.Test, "Nøkkelklient", "skatteetaten:testapi")
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		jwk, thumbprint := browserPublicJWK(t, key, "nettleser-nokkel-1")

		b := site.Browser(t)
		browserInnlogging(t, b, demo.Kari, "TEST")
		b.ClickLink("Nøkkelklient")
		require.Contains(t, b.Text(), "Integrasjonen har ingen aktive nøkler.")
		b.FillField("Offentlig nøkkel", jwk)
		b.ClickButton("Legg til nøkkel")
		require.Equal(t, http.StatusOK, b.Status())
		page := b.Text()
		require.Contains(t, page, "Nøkkelen er lagt til")
		keys := textBetween(page, "Nøkler", "Historikk")
		require.Contains(t, keys, "nettleser-nokkel-1")
		require.Contains(t, keys, thumbprint, "the table shows the RFC 7638 thumbprint")
		require.Contains(t, keys, "ES256")
		require.Regexp(t, `Kari Konsument\s+Nøkkel lagt til`, textAfter(page, "Historikk"))

		b.ClickButton("Fjern nøkkel")
		page = b.Text()
		require.Contains(t, page, "Nøkkelen er fjernet")
		keys = textBetween(page, "Nøkler", "Historikk")
		require.Contains(t, keys, "Integrasjonen har ingen aktive nøkler.")
		require.NotContains(t, keys, thumbprint)
		require.Regexp(t, `Kari Konsument\s+Nøkkel fjernet`, textAfter(page, "Historikk"))
	})

	t.Run("PrivateKeyIsRefusedAndNeverEchoed", func(t *testing.T) {
		t.Parallel()
		browserSeedIntegration(t, site, environment.Test, "Privatnøkkelklient", "skatteetaten:testapi")
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		der, err := x509.MarshalPKCS8PrivateKey(key)
		require.NoError(t, err)
		private := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))

		b := site.Browser(t)
		browserInnlogging(t, b, demo.Kari, "TEST")
		b.ClickLink("Privatnøkkelklient")
		b.FillField("Offentlig nøkkel", private)
		require.Equal(t, strings.TrimSpace(private), strings.TrimSpace(b.Value("Offentlig nøkkel")), "the paste went in")
		b.ClickButton("Legg til nøkkel")
		require.Equal(t, http.StatusUnprocessableEntity, b.Status())
		require.Contains(t, browserDescription(t, b, "Offentlig nøkkel"), "Dette er en privat nøkkel")
		require.Empty(t, b.Value("Offentlig nøkkel"), "a private key is never put back in the field")
		html := webtest.Eval[string](b, `document.documentElement.outerHTML`)
		body := strings.Split(strings.TrimSpace(private), "\n")[1]
		require.NotContains(t, html, body, "no part of the private key is in the page")
		require.Contains(t, b.Text(), "Integrasjonen har ingen aktive nøkler.")
	})
}

// browserPublicJWK is the public half of key as a JWK, and its RFC 7638
// thumbprint (SHA-256 of the required members in lexical order, base64url).
func browserPublicJWK(t *testing.T, key *ecdsa.PrivateKey, kid string) (jwk, thumbprint string) {
	t.Helper()
	raw, err := key.PublicKey.Bytes() // 0x04 || X || Y
	require.NoError(t, err)
	b64 := base64.RawURLEncoding.EncodeToString
	x, y := b64(raw[1:33]), b64(raw[33:65])
	out, err := json.Marshal(map[string]string{"kty": "EC", "crv": "P-256", "x": x, "y": y, "kid": kid, "use": "sig", "alg": "ES256"})
	require.NoError(t, err)
	sum := sha256.Sum256([]byte(`{"crv":"P-256","kty":"EC","x":"` + x + `","y":"` + y + `"}`))
	return string(out), b64(sum[:])
}
