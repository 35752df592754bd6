package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// olaProdForm is a filled "Ny integrasjon" form for PROD: Ola's page for
// it is greyed out while he is not registered, so the form is made from
// the TEST one, as a person with an old tab would post it.
func olaProdForm(t *testing.T, site *webtest.Site, c *http.Client) url.Values {
	t.Helper()
	form := newForm(t, c, site, "TEST")
	form.Set("miljo", "PROD")
	form["scope"] = []string{"skatteetaten:mva"}
	return form
}

// TestConsolePersonsTakeEffectAtTheNextRequest: Sven registers Ola for
// production; Ola, logged in with ID-porten all along, creates a PROD
// integration at his next request; Sven removes him and Ola's next POST is
// refused with the reason.
func TestConsolePersonsTakeEffectAtTheNextRequest(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	ola, _, _ := site.Login(t, demo.Ola, "")
	resp, _ := webtest.Post(t, ola, site.URL+"/integrasjoner/ny", olaProdForm(t, site, ola))
	require.Equal(t, http.StatusForbidden, resp.StatusCode)

	sven, post := svenClient(t, site)
	org := "/servicedesk/virksomheter/" + demo.EksempelKonsument
	resp, page := post(org+"/personer", url.Values{"fodselsnummer": {"02879010091"}, "personnavn": {"Ola Uregistrert"}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Contains(t, page, "Fødselsnummeret har feil kontrollsiffer.")
	require.Contains(t, page, `value="Ola Uregistrert"`)

	resp, page = post(org+"/personer", url.Values{"fodselsnummer": {demo.Ola.PID}, "personnavn": {"Ola Uregistrert"}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, page, "Ola Uregistrert er registrert for produksjon hos Eksempel Konsument AS.")
	require.Contains(t, page, demo.Ola.PID, "the confirmation shows the full number")
	_, page = webtest.Get(t, sven, site.URL+org)
	require.NotContains(t, page, demo.Ola.PID, "masked everywhere else")
	require.Contains(t, page, "028790 *****")

	form := olaProdForm(t, site, ola)
	resp, page = webtest.Post(t, ola, site.URL+"/integrasjoner/ny", form)
	require.Equal(t, http.StatusOK, resp.StatusCode, page)
	require.Contains(t, page, "Integrasjonen er opprettet")

	var id string
	require.NoError(t, site.Pool.QueryRow(t.Context(), `SELECT id::text FROM production_persons WHERE pid = $1`, demo.Ola.PID).Scan(&id))
	require.Contains(t, mustGet(t, sven, site.URL+org), org+"/personer/"+id+"/fjern")
	resp, _ = post("/servicedesk/virksomheter/"+demo.Skatteetaten+"/personer/"+id+"/fjern", url.Values{})
	require.Equal(t, http.StatusNotFound, resp.StatusCode, "not Skatteetaten's registration")
	resp, page = post(org+"/personer/"+id+"/fjern", url.Values{})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, page, "Personen er fjernet fra produksjon.")

	resp, page = webtest.Post(t, ola, site.URL+"/integrasjoner/ny", olaProdForm(t, site, ola))
	require.Equal(t, http.StatusForbidden, resp.StatusCode)
	require.Contains(t, page, "personnummeret ditt er ikke registrert for produksjon hos Eksempel Konsument AS")

	resp, page = post("/servicedesk/personer", url.Values{"sok": {demo.Kari.PID}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, page, "Kari Konsument")
	require.NotContains(t, page, demo.Kari.PID, "the search is not echoed")
	resp, _ = post("/servicedesk/personer", url.Values{"sok": {"k"}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
}

func mustGet(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	_, body := webtest.Get(t, c, u)
	return body
}
