package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

func TestConsolePrefixes(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	sven, post := svenClient(t, site)

	resp, page := post("/servicedesk/prefikser", url.Values{"prefiks": {"skatteetaten"}, "organisasjonsnummer": {demo.EksempelKonsument}})
	require.Equal(t, http.StatusConflict, resp.StatusCode)
	require.Contains(t, page, "Prefikset er allerede tildelt en virksomhet.")
	resp, page = post("/servicedesk/prefikser", url.Values{"prefiks": {"Konsument"}, "organisasjonsnummer": {demo.EksempelKonsument}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Contains(t, page, "Prefikset kan bare ha små bokstaver")
	require.Contains(t, page, `value="310000019"`)

	resp, page = post("/servicedesk/prefikser", url.Values{"prefiks": {"konsument"}, "organisasjonsnummer": {demo.EksempelKonsument}})
	require.Equal(t, "/servicedesk/prefikser/konsument", resp.Request.URL.Path)
	require.Contains(t, page, "Prefikset er tildelt.")
	require.Contains(t, page, "Eksempel Konsument AS")

	resp, page = post("/servicedesk/prefikser/konsument/flytt", url.Values{"versjon": {"1"}, "organisasjonsnummer": {demo.Skatteetaten}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, page, "Prefikset er flyttet")
	resp, page = post("/servicedesk/prefikser/konsument/pensjoner", url.Values{"versjon": {"1"}})
	require.Equal(t, http.StatusConflict, resp.StatusCode, "a form for the old version")
	require.Contains(t, page, "Noen andre har endret dette")
	resp, page = post("/servicedesk/prefikser/konsument/pensjoner", url.Values{"versjon": {"2"}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, page, "Prefikset er pensjonert.")
	require.NotContains(t, page, "Pensjoner prefikset", "a retired prefix offers nothing more")
	resp, _ = post("/servicedesk/prefikser/finnes-ikke/pensjoner", url.Values{"versjon": {"1"}})
	require.Equal(t, http.StatusNotFound, resp.StatusCode)
	resp, _ = webtest.Get(t, sven, site.URL+"/servicedesk/prefikser/finnes-ikke")
	require.Equal(t, http.StatusNotFound, resp.StatusCode)
	_, page = webtest.Get(t, sven, site.URL+"/servicedesk/virksomheter/"+demo.Skatteetaten)
	require.Contains(t, page, "konsument")
}
