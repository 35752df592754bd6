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

// svenClient is Sven logged in over plain HTTP, with his form token.
func svenClient(t *testing.T, site *webtest.Site) (*http.Client, func(path string, form url.Values) (*http.Response, string)) {
	t.Helper()
	c, _, _ := site.Login(t, demo.Sven, "")
	_, page := webtest.Get(t, c, site.URL+"/servicedesk")
	csrf := webtest.CSRF(t, page)
	return c, func(path string, form url.Values) (*http.Response, string) {
		t.Helper()
		form.Set("csrf", csrf)
		return webtest.Post(t, c, site.URL+path, form)
	}
}

func TestConsoleOrganisations(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	sven, post := svenClient(t, site)

	resp, page := webtest.Get(t, sven, site.URL+"/servicedesk/virksomheter?sok=konsument")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, page, "Eksempel Konsument AS")
	require.NotContains(t, page, "Skatteetaten")
	resp, _ = webtest.Get(t, sven, site.URL+"/servicedesk/virksomheter?sok=%00")
	require.Equal(t, http.StatusBadRequest, resp.StatusCode)

	resp, page = post("/servicedesk/virksomheter/ny", url.Values{"organisasjonsnummer": {"974760674"}, "navn": {"Brønnøysundregistrene"}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Contains(t, page, "Organisasjonsnummeret har feil kontrollsiffer.")
	require.Contains(t, page, `value="Brønnøysundregistrene"`, "the other input is kept")
	resp, page = post("/servicedesk/virksomheter/ny", url.Values{"organisasjonsnummer": {demo.Skatteetaten}, "navn": {"Skatt"}})
	require.Equal(t, http.StatusConflict, resp.StatusCode)
	require.Contains(t, page, "Det finnes allerede en virksomhet med dette organisasjonsnummeret.")

	resp, page = post("/servicedesk/virksomheter/ny", url.Values{"organisasjonsnummer": {"974760673"}, "navn": {"Brønnøysundregistrene"}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "/servicedesk/virksomheter/974760673", resp.Request.URL.Path)
	require.Contains(t, page, "Virksomheten er opprettet.")

	resp, page = post("/servicedesk/virksomheter/974760673/navn", url.Values{"versjon": {"1"}, "navn": {"Brreg"}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, page, "Navnet er endret.")
	resp, page = post("/servicedesk/virksomheter/974760673/navn", url.Values{"versjon": {"1"}, "navn": {"Noe annet"}})
	require.Equal(t, http.StatusConflict, resp.StatusCode)
	require.Contains(t, page, "Noen andre har endret dette")
	require.Contains(t, page, `value="Brreg"`, "the name stored now")
	resp, _ = post("/servicedesk/virksomheter/974760673/navn", url.Values{"versjon": {"x"}, "navn": {"Y"}})
	require.Equal(t, http.StatusBadRequest, resp.StatusCode)
	resp, _ = post("/servicedesk/virksomheter/999999999/navn", url.Values{"versjon": {"1"}, "navn": {"Y"}})
	require.Equal(t, http.StatusNotFound, resp.StatusCode)
	resp, _ = webtest.Get(t, sven, site.URL+"/servicedesk/virksomheter/999999999")
	require.Equal(t, http.StatusNotFound, resp.StatusCode)

	resp, page = webtest.Get(t, sven, site.URL+"/servicedesk/virksomheter/"+demo.EksempelKonsument)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	for _, want := range []string{"konsument.example", "Kari Konsument", "158385 *****", "Regnskapssystem", "skatteetaten:mva", "Miljø PROD"} {
		require.Contains(t, page, want)
	}
	require.NotContains(t, page, demo.Kari.PID)
	require.NotContains(t, page, `href="/integrasjoner/`, "nothing the servicedesk cannot see is linked")
	require.Contains(t, page, "Ingen varslingspunkter er registrert.", "Eksempel Konsument AS has no notification point")
	require.NotContains(t, page[strings.Index(page, "<main"):], `href="/tjenester/`, "merchant data is the organisation's to change")
}
