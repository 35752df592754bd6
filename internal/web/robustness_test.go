package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// TestRobustness: odd requests get a clear 4xx or a way on, never a 500.
func TestRobustness(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	noRedirects := func(c *http.Client) *http.Client {
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		return c
	}

	t.Run("TextPostgresCannotStore", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Kari, "")
		for _, change := range []func(url.Values){
			func(f url.Values) { f.Set("handling", "sok"); f.Set("sok", "a\x00b") },
			func(f url.Values) { f.Set("handling", "sok"); f.Set("sok", "a\xffb") },
			func(f url.Values) { f["scope"] = []string{"x\x00y", "skatteetaten:mva"} },
			func(f url.Values) { f.Set("navn", "navn\x00") },
			func(f url.Values) { f.Set("beskrivelse", "\xff\xfe") },
		} {
			form := newForm(t, c, site, "TEST")
			change(form)
			resp, body := webtest.Post(t, c, site.URL+"/integrasjoner/ny", form)
			require.Less(t, resp.StatusCode, 500, body)
		}
	})

	t.Run("DeactivateNeedsARealVersion", func(t *testing.T) {
		t.Parallel()
		c, _, body := site.Login(t, demo.Kari, "")
		csrf := webtest.CSRF(t, body)
		page := site.URL + "/integrasjoner/" + demo.RegnskapClientID
		for _, v := range []string{"0", "-1", "", "en"} {
			resp, _ := webtest.Post(t, c, page+"/deaktiver", url.Values{"csrf": {csrf}, "versjon": {v}})
			require.Equal(t, http.StatusBadRequest, resp.StatusCode, v)
		}
		resp, body := webtest.Post(t, c, page+"/deaktiver", url.Values{"csrf": {csrf}, "versjon": {"7"}})
		require.Equal(t, http.StatusConflict, resp.StatusCode)
		require.Contains(t, body, "Bekreft deaktivering", "the confirmation is shown again")
		require.Contains(t, body, `name="versjon" value="1"`)
		_, body = webtest.Get(t, c, page)
		require.Contains(t, body, "Aktiv")
	})

	t.Run("PrivateKeyIsNeverShownAgain", func(t *testing.T) {
		t.Parallel()
		c, _, body := site.Login(t, demo.Kari, "")
		csrf := webtest.CSRF(t, body)
		page := site.URL + "/integrasjoner/" + demo.RegnskapClientID
		for _, paste := range []string{
			`{"kty":"RSA","n":"AQAB","e":"AQAB","d":"HEMMELIG-d",}`,
			`{"keys":{"kty":"EC","d":"HEMMELIG-d"}}`,
		} {
			resp, body := webtest.Post(t, c, page+"/nokler", url.Values{"csrf": {csrf}, "nokkel": {paste}})
			require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
			require.Contains(t, body, "Dette er en privat nøkkel.")
			require.NotContains(t, body, "HEMMELIG")
		}
	})

	t.Run("PasteRefusedByTheGateIsNotShownAgain", func(t *testing.T) {
		t.Parallel()
		kari, _, _ := site.Login(t, demo.Kari, "")
		form := newForm(t, kari, site, "PROD")
		form["scope"] = []string{"skatteetaten:mva"}
		resp, _ := webtest.Post(t, kari, site.URL+"/integrasjoner/ny", form)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		page := site.URL + resp.Request.URL.Path

		ola, _, body := site.Login(t, demo.Ola, "")
		resp, body = webtest.Post(t, ola, page+"/nokler", url.Values{"csrf": {webtest.CSRF(t, body)},
			"nokkel": {"-----BEGIN EC PRIVATE KEY-----\nHEMMELIG\n-----END EC PRIVATE KEY-----"}})
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
		require.NotContains(t, body, "HEMMELIG")
	})

	t.Run("ExpiredSessionIsSentToLogin", func(t *testing.T) {
		t.Parallel()
		c := noRedirects(site.Client(t))
		resp, _ := webtest.Post(t, c, site.URL+"/integrasjoner/ny", url.Values{"csrf": {"gammel"}, "navn": {"x"}})
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		require.Equal(t, "/logg-inn", resp.Header.Get("Location"))
		resp, _ = webtest.Post(t, c, site.URL+"/logg-ut", url.Values{"csrf": {"gammel"}})
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		require.Equal(t, "/logget-ut", resp.Header.Get("Location"), "logging out is already done")
	})

	t.Run("FormOfAnotherOrganisationIsRefused", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Dina, "")
		_, body := webtest.Get(t, c, site.URL+"/velg-virksomhet")
		resp, body := webtest.Post(t, c, site.URL+"/velg-virksomhet", url.Values{
			"csrf": {webtest.CSRF(t, body)}, "organisasjonsnummer": {demo.DeltDomene}})
		require.Equal(t, http.StatusOK, resp.StatusCode)
		_, form := webtest.Get(t, c, site.URL+"/integrasjoner/ny?miljo=TEST")
		require.Contains(t, form, `name="virksomhet" value="`+demo.DeltDomene+`"`)

		// Another tab switches to the holding company; then the old form is sent.
		resp, _ = webtest.Post(t, c, site.URL+"/velg-virksomhet", url.Values{
			"csrf": {webtest.CSRF(t, body)}, "organisasjonsnummer": {demo.DeltDomeneHolding}})
		require.Equal(t, http.StatusOK, resp.StatusCode)
		resp, body = webtest.Post(t, c, site.URL+"/integrasjoner/ny", url.Values{
			"csrf": {webtest.CSRF(t, form)}, "virksomhet": {demo.DeltDomene}, "miljo": {"TEST"},
			"opprettingsnokkel": {creationKeyOf(form)}, "tjeneste": {"maskinporten"}, "navn": {"Feil sted"},
			"levetid": {"120"}, "handling": {"opprett"}})
		require.Equal(t, http.StatusConflict, resp.StatusCode)
		require.Contains(t, body, "Du representerer nå Delt Domene Holding AS")
	})

	t.Run("OversizedFormIs413", func(t *testing.T) {
		t.Parallel()
		c, _, body := site.Login(t, demo.Kari, "")
		resp, _ := webtest.Post(t, c, site.URL+"/integrasjoner/"+demo.RegnskapClientID+"/nokler",
			url.Values{"csrf": {webtest.CSRF(t, body)}, "nokkel": {strings.Repeat("A", 300<<10)}})
		require.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
	})

	t.Run("ProbesAnswerHEAD", func(t *testing.T) {
		t.Parallel()
		for _, path := range []string{"/healthz", "/readyz"} {
			resp, err := http.Head(site.URL + path)
			require.NoError(t, err)
			resp.Body.Close()
			require.Equal(t, http.StatusOK, resp.StatusCode, path)
		}
	})

	t.Run("AnonymousLoginStartIsShortLived", func(t *testing.T) {
		t.Parallel()
		c := noRedirects(site.Client(t))
		resp, _ := webtest.Get(t, c, site.URL+"/logg-inn")
		require.Equal(t, http.StatusFound, resp.StatusCode)
		var maxAge int
		for _, ck := range resp.Cookies() {
			maxAge = ck.MaxAge
		}
		require.Positive(t, maxAge)
		require.LessOrEqual(t, maxAge, 15*60)
	})
}
