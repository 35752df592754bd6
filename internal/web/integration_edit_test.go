package web_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

func TestIntegrationEditForm(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	edit := site.URL + "/integrasjoner/" + demo.TestklientID + "/endre"

	t.Run("SecondSaveIsRefusedAndInputKept", func(t *testing.T) {
		t.Parallel()
		kari, _, _ := site.Login(t, demo.Kari, "")
		ola, _, _ := site.Login(t, demo.Ola, "")
		_, kariForm := webtest.Get(t, kari, edit)
		_, olaForm := webtest.Get(t, ola, edit)
		save := func(c *http.Client, body, name string) (*http.Response, string) {
			return webtest.Post(t, c, edit, url.Values{"csrf": {webtest.CSRF(t, body)}, "versjon": {"1"},
				"navn": {name}, "beskrivelse": {"beskrivelse fra " + name}, "scope": {"skatteetaten:testapi"},
				"levetid": {"120"}, "handling": {"lagre"}})
		}
		resp, body := save(kari, kariForm, "Karis versjon")
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, body, "Endringene er lagret.")

		resp, body = save(ola, olaForm, "Olas versjon")
		require.Equal(t, http.StatusConflict, resp.StatusCode)
		require.Contains(t, body, "ble endret av Kari Konsument")
		require.Contains(t, body, `value="Olas versjon"`, "Ola's input is kept")
		require.Contains(t, body, `name="versjon" value="2"`, "saving again is a deliberate overwrite")

		_, body = webtest.Get(t, kari, site.URL+"/integrasjoner/"+demo.TestklientID)
		require.Contains(t, body, "Karis versjon")
		require.Contains(t, body, "Endret")
	})
}

func TestIntegrationKeyForm(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	page := site.URL + "/integrasjoner/" + demo.RegnskapClientID

	t.Run("PrivateKeyIsRefusedAndNeverEchoed", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Kari, "")
		_, body := webtest.Get(t, c, page)
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		der, err := x509.MarshalPKCS8PrivateKey(k)
		require.NoError(t, err)
		private := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
		resp, body := webtest.Post(t, c, page+"/nokler", url.Values{"csrf": {webtest.CSRF(t, body)}, "nokkel": {private}})
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		require.Contains(t, body, "Dette er en privat nøkkel.")
		require.NotContains(t, body, "PRIVATE KEY")
	})

	t.Run("MalformedKeyIsExplainedAndKept", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Kari, "")
		_, body := webtest.Get(t, c, page)
		resp, body := webtest.Post(t, c, page+"/nokler", url.Values{"csrf": {webtest.CSRF(t, body)}, "nokkel": {`{"kty":"EC","crv":"P-256","x":"ikke-base64!"}`}})
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		require.Contains(t, body, "Nøkkelen kunne ikke leses.")
		require.Contains(t, body, "ikke-base64!")
	})
}
