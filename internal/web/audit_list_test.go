package web_test

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// TestAuditLog: servicedesk's changes appear in the console's log with
// the servicedesk role and the organisation affected; Kari's "Endringslogg"
// shows her organisation's part and nothing of another's, whatever the URL
// asks; the CSV export streams the same rows.
func TestAuditLog(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	sven, post := svenClient(t, site)
	resp, _ := post("/servicedesk/domener", url.Values{"domene": {"ny.example"}, "organisasjonsnummer": {demo.EksempelKonsument}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	resp, _ = post("/servicedesk/domener", url.Values{"domene": {"skatt.example"}, "organisasjonsnummer": {demo.Skatteetaten}})
	require.Equal(t, http.StatusOK, resp.StatusCode)

	resp, page := webtest.Get(t, sven, site.URL+"/servicedesk/endringslogg?rolle=servicedesk")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, page, "Koblet e-postdomene")
	require.Contains(t, page, "Eksempel Konsument AS (310000019)")
	require.Contains(t, page, "Skatteetaten (974761076)")
	require.NotContains(t, page, "<td>Opprettet</td>", "the demo data's integrations were made by employees")
	require.Contains(t, page, "ny.example")
	require.Contains(t, page, "Vis før og etter")

	resp, page = webtest.Get(t, sven, site.URL+"/servicedesk/endringslogg?fra=i+går&virksomhet=310000018")
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Contains(t, page, "Skriv datoen som dd.mm.åååå")
	require.Contains(t, page, "Organisasjonsnummeret har feil kontrollsiffer.")
	require.Contains(t, page, `value="i går"`, "the input is kept")
	for _, q := range []string{"rolle=sjef", "miljo=DEV", "handling=drop", "etter=abc", "etter=-1"} {
		resp, _ = webtest.Get(t, sven, site.URL+"/servicedesk/endringslogg?"+q)
		require.Equal(t, http.StatusBadRequest, resp.StatusCode, q)
	}

	resp, body := webtest.Get(t, sven, site.URL+"/servicedesk/endringslogg.csv?rolle=servicedesk")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "text/csv; charset=utf-8", resp.Header.Get("Content-Type"))
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	require.NoError(t, err)
	require.Len(t, records, 3, "the header and two changes")
	require.Equal(t, "Tidspunkt", records[0][1])
	require.Equal(t, []string{"Sven Servicedesk", "Servicedesk", "974761076", "Skatteetaten", "", "Koblet e-postdomene"},
		records[1][2:8])
	require.JSONEq(t, `{"domain": "skatt.example", "org_no": "974761076"}`, records[1][11])

	kari, _, _ := site.Login(t, demo.Kari, "")
	resp, page = webtest.Get(t, kari, site.URL+"/tjenester/endringslogg?virksomhet="+demo.Skatteetaten)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, page, "ny.example", "servicedesk's change at her organisation")
	require.Contains(t, page, "Regnskapssystem", "her organisation's own changes")
	require.NotContains(t, page, "skatt.example", "nothing of another organisation's, whatever the URL says")
	require.Contains(t, page, `href="/tjenester/endringslogg"`, "in the menu under Virksomhetens tjenester")
	resp, _ = webtest.Get(t, kari, site.URL+"/servicedesk/endringslogg.csv")
	require.Equal(t, http.StatusForbidden, resp.StatusCode)
}
