package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// newScopeForm opens "Nytt scope" and returns the form's fields, filled in.
func newScopeForm(t *testing.T, c *http.Client, site *webtest.Site, sub string) url.Values {
	t.Helper()
	resp, body := webtest.Get(t, c, site.URL+"/mine-api/ny?miljo=TEST")
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	key := creationKeyRe.FindStringSubmatch(body)
	require.NotNil(t, key)
	return url.Values{"csrf": {webtest.CSRF(t, body)}, "virksomhet": {demo.Skatteetaten}, "miljo": {"TEST"},
		"opprettingsnokkel": {key[1]}, "prefiks": {"skatteetaten"}, "subscope": {sub}, "beskrivelse": {"Et scope"},
		"synlighet": {"PUBLIC"}, "levetid": {"300"}, "integrasjonstype": {"maskinporten"}, "handling": {"opprett"}}
}

var scopePathRe = regexp.MustCompile(`^/mine-api/scopes/([0-9]+)$`)

func TestProviderPages(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	petra, _, _ := site.Login(t, demo.Petra, "")
	kari, _, _ := site.Login(t, demo.Kari, "")

	resp, body := webtest.Get(t, petra, site.URL+"/mine-api?miljo=TEST")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, body, "skatteetaten:mva")
	require.Contains(t, body, "Nytt scope")

	resp, body = webtest.Get(t, kari, site.URL+"/mine-api?miljo=PROD")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, body, "eier ingen scope-prefikser")
	require.Contains(t, body, "servicedesk@digdir.no")
	require.NotContains(t, body, "skatteetaten:mva")
	resp, _ = webtest.Get(t, kari, site.URL+"/mine-api/ny?miljo=TEST")
	require.Equal(t, http.StatusForbidden, resp.StatusCode, "the button's check is the server's")

	form := newScopeForm(t, petra, site, "http/les")
	resp, body = webtest.Post(t, petra, site.URL+"/mine-api/ny", form)
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	m := scopePathRe.FindStringSubmatch(resp.Request.URL.Path)
	require.NotNil(t, m, resp.Request.URL.String())
	scopeURL := site.URL + "/mine-api/scopes/" + m[1]
	require.Contains(t, body, "Scopet er opprettet")
	require.Contains(t, body, "skatteetaten:http/les")
	again, _ := webtest.Post(t, petra, site.URL+"/mine-api/ny", form)
	require.Equal(t, resp.Request.URL.Path, again.Request.URL.Path, "a double click creates one scope")

	t.Run("BadInputKeepsTheRest", func(t *testing.T) {
		for name, tc := range map[string]struct{ field, value, want string }{
			"Subscope":     {"subscope", "Les//Skriv", "Subscope kan ikke inneholde «L»"},
			"Separator":    {"subscope", "les//skriv", "to på rad"},
			"Duplicate":    {"subscope", "http/les", "Scopet skatteetaten:http/les finnes allerede"},
			"Prefix":       {"prefiks", "digdir", "eier ikke prefikset «digdir»"},
			"LifetimeZero": {"levetid", "0", "mellom 1 og 86400"},
			"OverADay":     {"levetid", "86401", "mellom 1 og 86400"},
			"NoDescr":      {"beskrivelse", "", "Skriv inn en beskrivelse"},
		} {
			f := newScopeForm(t, petra, site, "ok/"+strings.ToLower(name))
			f.Set("utfyllende-beskrivelse", "Tekst som skal bli stående")
			f.Set(tc.field, tc.value)
			resp, body := webtest.Post(t, petra, site.URL+"/mine-api/ny", f)
			require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, name)
			require.Contains(t, body, tc.want, name)
			require.Contains(t, body, "Tekst som skal bli stående", name)
		}
	})

	t.Run("AnotherOrganisationsScopeIs404", func(t *testing.T) {
		for _, u := range []string{scopeURL, scopeURL + "/endre", scopeURL + "/deaktiver",
			scopeURL + "/tilgang/TEST/310000019/fjern", site.URL + "/mine-api/scopes/abc"} {
			resp, _ := webtest.Get(t, kari, u)
			require.Equal(t, http.StatusNotFound, resp.StatusCode, u)
		}
		_, page := webtest.Get(t, kari, site.URL+"/mine-api?miljo=TEST")
		resp, _ := webtest.Post(t, kari, scopeURL+"/tilgang", url.Values{"csrf": {webtest.CSRF(t, page)},
			"virksomhet": {demo.EksempelKonsument}, "miljo": {"TEST"}, "organisasjonsnumre": {"310000019"}})
		require.Equal(t, http.StatusNotFound, resp.StatusCode)
	})

	t.Run("Grants", func(t *testing.T) {
		_, page := webtest.Get(t, petra, scopeURL)
		csrf := webtest.CSRF(t, page)
		post := func(env, list string) (*http.Response, string) {
			return webtest.Post(t, petra, scopeURL+"/tilgang", url.Values{"csrf": {csrf}, "virksomhet": {demo.Skatteetaten},
				"miljo": {env}, "organisasjonsnumre": {list}})
		}
		resp, body := post("TEST", "310000019, 310000018")
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		require.Contains(t, body, "«310000018» er ikke et gyldig organisasjonsnummer")
		require.Contains(t, body, "310000019, 310000018", "the list is kept")
		resp, body = post("TEST", "310000019\n310000043")
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		require.Contains(t, body, "Tilgangen er lagt til")
		require.Contains(t, body, "Eksempel Konsument AS")
		require.Contains(t, body, "ikke registrert i portalen")
		resp, body = post("TEST", "310000019")
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		require.Contains(t, body, "Har allerede tilgang i TEST: 310000019")

		resp, _ = webtest.Get(t, petra, scopeURL+"/tilgang/PROD/310000019/fjern")
		require.Equal(t, http.StatusNotFound, resp.StatusCode, "not shared in PROD")
		resp, body = webtest.Post(t, petra, scopeURL+"/tilgang/PROD/310000019/fjern", url.Values{"csrf": {csrf}, "virksomhet": {demo.Skatteetaten}})
		require.Equal(t, http.StatusConflict, resp.StatusCode)
		require.Contains(t, body, "har ikke tilgang til scopet i PROD")
		resp, body = webtest.Post(t, petra, scopeURL+"/tilgang/TEST/310000043/fjern", url.Values{"csrf": {csrf}, "virksomhet": {demo.Skatteetaten}})
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, body, "Tilgangen er fjernet")
		require.NotContains(t, body, "310000043")
	})

	t.Run("EditConflictDeactivate", func(t *testing.T) {
		_, page := webtest.Get(t, petra, scopeURL+"/endre")
		edit := url.Values{"csrf": {webtest.CSRF(t, page)}, "virksomhet": {demo.Skatteetaten}, "miljo": {"TEST"},
			"versjon": {"1"}, "beskrivelse": {"Ny beskrivelse"}, "synlighet": {"PUBLIC"}, "levetid": {"300"},
			"integrasjonstype": {"maskinporten"}, "handling": {"lagre"}}
		resp, body := webtest.Post(t, petra, scopeURL+"/endre", edit)
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		require.Contains(t, body, "Endringene er lagret.")
		require.Contains(t, body, "Ny beskrivelse")
		edit.Set("beskrivelse", "Fra et gammelt skjema")
		resp, body = webtest.Post(t, petra, scopeURL+"/endre", edit)
		require.Equal(t, http.StatusConflict, resp.StatusCode)
		require.Contains(t, body, "har endret scopet etter at du åpnet siden")
		require.Contains(t, body, "Fra et gammelt skjema", "the input is kept")
		edit.Set("versjon", "2")
		edit.Set("levetid", "0")
		resp, body = webtest.Post(t, petra, scopeURL+"/endre", edit)
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		require.Contains(t, body, "mellom 1 og 86400")

		resp, body = webtest.Post(t, petra, scopeURL+"/deaktiver", url.Values{"csrf": {edit.Get("csrf")},
			"virksomhet": {demo.Skatteetaten}, "versjon": {"1"}})
		require.Equal(t, http.StatusConflict, resp.StatusCode, "an old version")
		require.Contains(t, body, "har endret scopet")
		resp, body = webtest.Post(t, petra, scopeURL+"/deaktiver", url.Values{"csrf": {edit.Get("csrf")},
			"virksomhet": {demo.Skatteetaten}, "versjon": {"2"}})
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, body, "Scopet er deaktivert.")
		require.Contains(t, body, "Aktiver igjen")
		resp, body = webtest.Post(t, petra, scopeURL+"/aktiver", url.Values{"csrf": {edit.Get("csrf")},
			"virksomhet": {demo.Skatteetaten}, "versjon": {"3"}})
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, body, "Scopet er aktivert igjen.")
	})

	t.Run("AnsweringTwice", func(t *testing.T) {
		_, page := webtest.Get(t, kari, site.URL+"/tilgangsforesporsler/ny?miljo=PROD&scope=skatteetaten:http/les")
		resp, body := webtest.Post(t, kari, site.URL+"/tilgangsforesporsler/ny", url.Values{"csrf": {webtest.CSRF(t, page)},
			"virksomhet": {demo.EksempelKonsument}, "miljo": {"PROD"}, "scope": {"skatteetaten:http/les"}, "begrunnelse": {"Trenger det"}})
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		require.Contains(t, body, "Forespørselen er sendt")
		var id string
		require.NoError(t, site.Pool.QueryRow(context.Background(), `SELECT id::text FROM scope_access_requests`).Scan(&id))

		_, page = webtest.Get(t, petra, site.URL+"/mine-api?miljo=PROD")
		require.Contains(t, page, "Forespørsler om tilgang i PROD (1)")
		f := url.Values{"csrf": {webtest.CSRF(t, page)}, "virksomhet": {demo.Skatteetaten}}
		resp, body = webtest.Post(t, petra, site.URL+"/mine-api/foresporsler/"+id+"/avsla", f)
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, "a denial needs a reason")
		require.Contains(t, body, "Skriv inn en begrunnelse")
		resp, _ = webtest.Post(t, petra, site.URL+"/mine-api/foresporsler/"+id+"/godkjenn", f)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		resp, body = webtest.Post(t, petra, site.URL+"/mine-api/foresporsler/"+id+"/godkjenn", f)
		require.Equal(t, http.StatusConflict, resp.StatusCode)
		require.Contains(t, body, "allerede besvart")
		_, page = webtest.Get(t, kari, site.URL+"/tilgangsforesporsler")
		resp, _ = webtest.Post(t, kari, site.URL+"/mine-api/foresporsler/"+id+"/godkjenn",
			url.Values{"csrf": {webtest.CSRF(t, page)}, "virksomhet": {demo.EksempelKonsument}})
		require.Equal(t, http.StatusNotFound, resp.StatusCode, "only the owner answers")
	})
}

// A retired prefix keeps its scopes, which can no longer be changed: the
// buttons are greyed out with the reason, the server refuses with 403 (the
// database's backstop never turns it into a 500), and the prefix is not
// offered for new scopes. Sharing goes on.
func TestProviderRetiredPrefix(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	petra, _, _ := site.Login(t, demo.Petra, "")
	ctx := context.Background()
	var id, version string
	require.NoError(t, site.Pool.QueryRow(ctx, `SELECT id::text, version::text FROM scopes WHERE name = 'skatteetaten:mva'`).
		Scan(&id, &version))
	_, err := site.Pool.Exec(ctx, `UPDATE scope_prefixes SET retired_at = now() WHERE prefix = 'skatteetaten'`)
	require.NoError(t, err)
	scopeURL := site.URL + "/mine-api/scopes/" + id
	const reason = "prefikset til dette scopet er pensjonert"

	resp, page := webtest.Get(t, petra, scopeURL)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, page, reason)
	require.Contains(t, page, "Legg til tilgang", "sharing is not a change of the scope")
	for _, u := range []string{scopeURL + "/endre", scopeURL + "/deaktiver"} {
		resp, body := webtest.Get(t, petra, u)
		require.Equal(t, http.StatusForbidden, resp.StatusCode, u)
		require.Contains(t, body, reason, u)
	}
	csrf := webtest.CSRF(t, page)
	resp, body := webtest.Post(t, petra, scopeURL+"/endre", url.Values{"csrf": {csrf}, "virksomhet": {demo.Skatteetaten},
		"miljo": {"TEST"}, "versjon": {version}, "beskrivelse": {"Ny"}, "synlighet": {"PUBLIC"}, "levetid": {"300"},
		"integrasjonstype": {"maskinporten"}, "handling": {"lagre"}})
	require.Equal(t, http.StatusForbidden, resp.StatusCode, body)
	require.Contains(t, body, reason)
	resp, body = webtest.Post(t, petra, scopeURL+"/deaktiver", url.Values{"csrf": {csrf}, "virksomhet": {demo.Skatteetaten},
		"versjon": {version}})
	require.Equal(t, http.StatusForbidden, resp.StatusCode, body)
	require.Contains(t, body, reason)

	resp, body = webtest.Get(t, petra, site.URL+"/mine-api/ny?miljo=TEST")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.NotContains(t, body, `value="skatteetaten"`, "a retired prefix is not offered")
	form := newScopeForm(t, petra, site, "etter")
	resp, body = webtest.Post(t, petra, site.URL+"/mine-api/ny", form)
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, body)
	require.Contains(t, body, "Prefikset «skatteetaten» er pensjonert")

	resp, body = webtest.Post(t, petra, scopeURL+"/tilgang", url.Values{"csrf": {csrf}, "virksomhet": {demo.Skatteetaten},
		"miljo": {"TEST"}, "organisasjonsnumre": {"310000043"}})
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	require.Contains(t, body, "Tilgangen er lagt til")
}
