package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/web"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// consoleRoutes walks the router for every route of the console, with its
// parameters filled in, so a route added later is checked too.
func consoleRoutes(t *testing.T) []struct{ method, path string } {
	t.Helper()
	mux, ok := web.Routes().(chi.Routes)
	require.True(t, ok)
	param := regexp.MustCompile(`\{[^}]+\}`)
	var out []struct{ method, path string }
	require.NoError(t, chi.Walk(mux, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if strings.HasPrefix(route, "/servicedesk") {
			route = strings.TrimSuffix(param.ReplaceAllString(route, "1"), "/*")
			out = append(out, struct{ method, path string }{method, route})
		}
		return nil
	}))
	require.Greater(t, len(out), 3)
	return out
}

// TestConsoleIsServicedesksAlone: every console URL is a 403 page for Kari
// (registered for production, not servicedesk) and Ola, with the reason;
// a visitor who is not logged in is sent to log in; and only Sven has
// "Servicedesk" in the menu.
func TestConsoleIsServicedesksAlone(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	routes := consoleRoutes(t)
	for _, p := range []demo.Person{demo.Kari, demo.Ola} {
		c, _, page := site.Login(t, p, "")
		require.NotContains(t, page, `href="/servicedesk"`, "%s has no console in the menu", p.Name)
		_, page = webtest.Get(t, c, site.URL+"/tjenester")
		csrf := webtest.CSRF(t, page)
		for _, r := range append(routes, struct{ method, path string }{http.MethodGet, "/servicedesk/finnes-ikke"}) {
			var resp *http.Response
			var body string
			if r.method == http.MethodPost {
				resp, body = webtest.Post(t, c, site.URL+r.path, url.Values{"csrf": {csrf}, "virksomhet": {demo.EksempelKonsument}})
			} else {
				resp, body = webtest.Get(t, c, site.URL+r.path)
			}
			require.Equal(t, http.StatusForbidden, resp.StatusCode, "%s %s %s", p.Name, r.method, r.path)
			require.Contains(t, body, "Denne siden er bare for Digdirs servicedesk.", r.path)
		}
	}

	anonymous := site.Client(t)
	resp, _ := webtest.Get(t, anonymous, site.URL+"/servicedesk/roller")
	require.Equal(t, site.Issuer, "http://"+resp.Request.URL.Host, "a visitor logs in first")

	sven, _, page := site.Login(t, demo.Sven, "")
	require.Contains(t, page, `href="/servicedesk"`, "Sven has the console in the menu")
	resp, page = webtest.Get(t, sven, site.URL+"/servicedesk")
	require.Equal(t, http.StatusOK, resp.StatusCode, page)
	resp, _ = webtest.Get(t, sven, site.URL+"/servicedesk/finnes-ikke")
	require.Equal(t, http.StatusNotFound, resp.StatusCode)
}

// TestServicedeskRoles: Sven grants the role to Kari, who then has the
// console at her next request; the last servicedesk person is never
// revoked; a revoked person is out at their next request.
func TestServicedeskRoles(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	kari, _, _ := site.Login(t, demo.Kari, "")
	resp, _ := webtest.Get(t, kari, site.URL+"/servicedesk")
	require.Equal(t, http.StatusForbidden, resp.StatusCode)

	sven, _, _ := site.Login(t, demo.Sven, "")
	_, page := webtest.Get(t, sven, site.URL+"/servicedesk/roller")
	csrf := webtest.CSRF(t, page)
	require.Contains(t, page, "248168 *****")
	require.NotContains(t, page, demo.Sven.PID, "person numbers are shown masked")

	post := func(c *http.Client, path string, form url.Values) (*http.Response, string) {
		form.Set("csrf", csrf)
		return webtest.Post(t, c, site.URL+path, form)
	}
	// Bad input: a clear message, the input kept, nothing saved.
	resp, page = post(sven, "/servicedesk/roller", url.Values{"fodselsnummer": {"15838510076"}, "navn": {"Kari Konsument"}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Contains(t, page, "Fødselsnummeret har feil kontrollsiffer.")
	require.Contains(t, page, `value="Kari Konsument"`)
	resp, page = post(sven, "/servicedesk/roller", url.Values{"fodselsnummer": {demo.Sven.PID}, "navn": {"Sven"}})
	require.Equal(t, http.StatusConflict, resp.StatusCode)
	require.Contains(t, page, "har allerede servicedesk-rollen")

	// The last one stays.
	var svenID string
	require.NoError(t, site.Pool.QueryRow(t.Context(), `SELECT id::text FROM servicedesk_staff WHERE pid = $1`, demo.Sven.PID).Scan(&svenID))
	resp, page = post(sven, "/servicedesk/roller/"+svenID+"/fjern", url.Values{})
	require.Equal(t, http.StatusConflict, resp.StatusCode)
	require.Contains(t, page, "Du kan ikke fjerne den siste personen med servicedesk-rollen.")

	resp, page = post(sven, "/servicedesk/roller", url.Values{"fodselsnummer": {demo.Kari.PID}, "navn": {"Kari Konsument"}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, page, "Servicedesk-rollen er gitt.")
	require.Contains(t, page, "158385 *****")
	resp, page = webtest.Get(t, kari, site.URL+"/servicedesk")
	require.Equal(t, http.StatusOK, resp.StatusCode, "Kari has the console at her next request")
	require.Contains(t, page, `href="/servicedesk"`)

	var kariID string
	require.NoError(t, site.Pool.QueryRow(t.Context(), `SELECT id::text FROM servicedesk_staff WHERE pid = $1`, demo.Kari.PID).Scan(&kariID))
	resp, page = post(sven, "/servicedesk/roller/"+kariID+"/fjern", url.Values{})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, page, "Servicedesk-rollen er fjernet.")
	resp, page = webtest.Get(t, kari, site.URL+"/servicedesk")
	require.Equal(t, http.StatusForbidden, resp.StatusCode, "Kari is out at her next request")
	require.NotContains(t, page, `href="/servicedesk"`)

	var actors []string
	rows, err := site.Pool.Query(t.Context(), `
		SELECT actor_name || ' ' || actor_role || ' ' || action FROM audit_log
		WHERE action LIKE 'servicedesk.%' ORDER BY id`)
	require.NoError(t, err)
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		actors = append(actors, s)
	}
	require.Equal(t, []string{"Sven Servicedesk servicedesk servicedesk.grant", "Sven Servicedesk servicedesk servicedesk.revoke"}, actors)
}
