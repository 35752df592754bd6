package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// TestConsoleDomainsTakeEffectAtTheNextRequest: Sven links Kari's domain to
// a second organisation and she is asked to choose at her next request;
// he unlinks both and she gets the "not linked" page at the next.
func TestConsoleDomainsTakeEffectAtTheNextRequest(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	kari, _, page := site.Login(t, demo.Kari, "")
	require.Contains(t, page, "Eksempel Konsument AS (310000019)")
	sven, post := svenClient(t, site)

	resp, page := post("/servicedesk/domener", url.Values{"domene": {"konsument..example"}, "organisasjonsnummer": {demo.DeltDomene}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Contains(t, page, "Skriv inn et e-postdomene")
	require.Contains(t, page, `value="310000027"`)

	resp, page = post("/servicedesk/domener", url.Values{"domene": {"konsument.example"}, "organisasjonsnummer": {demo.DeltDomene}})
	require.Equal(t, "/servicedesk/domener/konsument.example", resp.Request.URL.Path)
	require.Contains(t, page, "Domenet fører til 2 virksomheter.")

	resp, page = webtest.Get(t, kari, site.URL+"/integrasjoner?miljo=TEST")
	require.Equal(t, "/velg-virksomhet", resp.Request.URL.Path, "Kari gets the chooser at her next request")
	require.Contains(t, page, "Delt Domene AS")

	resp, page = post("/servicedesk/domener", url.Values{"domene": {"konsument.example"}, "organisasjonsnummer": {"974760673"}, "fra": {"domene"}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Contains(t, page, "Det finnes ingen virksomhet med dette organisasjonsnummeret.")
	require.Contains(t, page, "<h1>konsument.example</h1>", "refused on the domain's own page")

	for _, org := range []string{demo.DeltDomene, demo.EksempelKonsument} {
		resp, _ = post("/servicedesk/domener/konsument.example/"+org+"/fjern", url.Values{})
		require.Equal(t, http.StatusOK, resp.StatusCode)
	}
	_, page = webtest.Get(t, sven, site.URL+"/servicedesk/domener/konsument.example")
	require.Contains(t, page, "Domenet fører ikke til noen virksomhet.")
	resp, page = webtest.Get(t, kari, site.URL+"/integrasjoner?miljo=TEST")
	require.Equal(t, "/ingen-virksomhet", resp.Request.URL.Path, "her domain leads nowhere now")
	require.Contains(t, page, "konsument.example")

	resp, _ = webtest.Get(t, sven, site.URL+"/servicedesk/domener/ikke%20et%20domene")
	require.Equal(t, http.StatusNotFound, resp.StatusCode)
}
