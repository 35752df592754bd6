package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// TestConsoleSessions: Sven finds Kari's two sessions by her person number
// or her e-mail address, ends one and then the other; each ends at her next
// request in that browser, and each is audited under her organisation.
func TestConsoleSessions(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	first, _, _ := site.Login(t, demo.Kari, "")
	second, _, _ := site.Login(t, demo.Kari, "")
	_, post := svenClient(t, site)

	resp, page := post("/servicedesk/innlogginger", url.Values{"sok": {"Kari"}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Contains(t, page, "Skriv inn et fødselsnummer (11 siffer) eller en e-postadresse.")
	resp, page = post("/servicedesk/innlogginger", url.Values{"sok": {"ingen@konsument.example"}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, page, "Ingen aktive innlogginger.")

	resp, page = post("/servicedesk/innlogginger", url.Values{"sok": {demo.Kari.PID}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.True(t, strings.HasPrefix(resp.Request.URL.Path, "/servicedesk/innlogginger/"), resp.Request.URL.Path)
	require.NotContains(t, resp.Request.URL.String(), demo.Kari.PID, "no person number in the URL")
	require.Contains(t, page, "Innlogginger for Kari Konsument")
	require.Equal(t, 2, strings.Count(page, "Eksempel Konsument AS (310000019)"))
	require.Contains(t, page, "ID-porten med fødselsnummer")
	list := resp.Request.URL.Path
	resp, _ = post("/servicedesk/innlogginger", url.Values{"sok": {"KARI@konsument.example"}})
	require.Equal(t, list, resp.Request.URL.Path, "found by e-mail address too")

	ends := regexp.MustCompile(`action="(/servicedesk/innlogginger/[^"]+/\d+/avslutt)"`).FindAllStringSubmatch(page, -1)
	require.Len(t, ends, 2)
	resp, page = post(ends[0][1], url.Values{}) // the newest: the second browser's
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, page, "Innloggingen er avsluttet.")
	require.Equal(t, 1, strings.Count(page, "Eksempel Konsument AS (310000019)"))

	resp, _ = webtest.Get(t, second, site.URL+"/integrasjoner?miljo=TEST")
	require.Equal(t, site.Issuer, "http://"+resp.Request.URL.Host, "the ended session logs in again")
	resp, _ = webtest.Get(t, first, site.URL+"/integrasjoner?miljo=TEST")
	require.Equal(t, "/integrasjoner", resp.Request.URL.Path, "the other goes on")

	resp, page = post(list+"/avslutt", url.Values{})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, page, "Ingen aktive innlogginger.")
	resp, _ = webtest.Get(t, first, site.URL+"/integrasjoner?miljo=TEST")
	require.Equal(t, site.Issuer, "http://"+resp.Request.URL.Host)

	var n int
	require.NoError(t, site.Pool.QueryRow(t.Context(), `
		SELECT count(*) FROM audit_log WHERE action = 'session.end' AND actor_role = 'servicedesk' AND org_no = $1`,
		demo.EksempelKonsument).Scan(&n))
	require.Equal(t, 2, n)
}
