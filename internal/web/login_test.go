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

func TestLogin(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)

	t.Run("OneOrganisationLandsOnTheList", func(t *testing.T) {
		t.Parallel()
		_, resp, body := site.Login(t, demo.Kari, "")
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		require.Equal(t, "/integrasjoner", resp.Request.URL.Path)
		require.Contains(t, body, "Eksempel Konsument AS (310000019)")
		require.Contains(t, body, "Regnskapssystem")
		require.Contains(t, body, "Testklient")
	})

	t.Run("ReturnsToThePageAsked", func(t *testing.T) {
		t.Parallel()
		_, resp, _ := site.Login(t, demo.Kari, "/integrasjoner?miljo=PROD")
		require.Equal(t, "/integrasjoner?miljo=PROD", resp.Request.URL.RequestURI())
	})

	t.Run("NeverReturnsToAnotherHost", func(t *testing.T) {
		t.Parallel()
		for _, next := range []string{"https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"} {
			_, resp, _ := site.Login(t, demo.Kari, next)
			require.Equal(t, strings.TrimPrefix(site.URL, "http://"), resp.Request.URL.Host, next)
		}
	})

	t.Run("SharedDomainChoosesOrganisation", func(t *testing.T) {
		t.Parallel()
		c, resp, body := site.Login(t, demo.Dina, "")
		require.Equal(t, "/velg-virksomhet", resp.Request.URL.Path)
		require.Contains(t, body, "Delt Domene AS")
		require.Contains(t, body, "Delt Domene Holding AS")
		resp, body = webtest.Post(t, c, site.URL+"/velg-virksomhet", url.Values{
			"csrf": {webtest.CSRF(t, body)}, "organisasjonsnummer": {demo.DeltDomeneHolding}, "neste": {"/"}})
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, body, "Delt Domene Holding AS (310000035)")

		// An organisation the domain does not lead to is refused.
		resp, _ = webtest.Post(t, c, site.URL+"/velg-virksomhet", url.Values{
			"csrf": {webtest.CSRF(t, body)}, "organisasjonsnummer": {demo.EksempelKonsument}})
		require.Equal(t, http.StatusNotFound, resp.StatusCode)
		_, body = webtest.Get(t, c, site.URL+"/integrasjoner?miljo=TEST")
		require.Contains(t, body, "Delt Domene Holding AS (310000035)")
	})

	t.Run("UnlinkedDomainIsTold", func(t *testing.T) {
		t.Parallel()
		c, resp, body := site.Login(t, demo.Ulf, "")
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
		require.Contains(t, body, "ukjent.example")
		require.Contains(t, body, "servicedesk@digdir.no")
		resp, _ = webtest.Get(t, c, site.URL+"/integrasjoner?miljo=TEST")
		require.Equal(t, "/ingen-virksomhet", resp.Request.URL.Path, "no access without an organisation")
	})

	t.Run("BadEmailDomainIsExplained", func(t *testing.T) {
		t.Parallel()
		_, resp, body := site.LoginWith(t, url.Values{"handling": {"annen"}, "pid": {""}, "email": {"kari@ugyldig_domene.no"}}, "")
		require.Equal(t, http.StatusForbidden, resp.StatusCode, body)
		require.Contains(t, body, "ingen gyldig e-postadresse")
	})

	t.Run("ForgedStateIsRefused", func(t *testing.T) {
		t.Parallel()
		c := site.Client(t)
		resp, body := webtest.Get(t, c, site.URL+"/auth/callback?code=abc&state=forged")
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)
		require.Contains(t, body, "Innloggingen kunne ikke fullføres")
	})

	t.Run("TamperedCookieIsANewVisitor", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Kari, "")
		u, _ := url.Parse(site.URL)
		cookies := c.Jar.Cookies(u)
		require.NotEmpty(t, cookies)
		for _, ck := range cookies {
			ck.Value = "x" + ck.Value[1:]
		}
		c.Jar.SetCookies(u, cookies)
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		resp, _ := webtest.Get(t, c, site.URL+"/integrasjoner?miljo=TEST")
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		require.True(t, strings.HasPrefix(resp.Header.Get("Location"), "/logg-inn"))
	})

	t.Run("LogoutEndsTheSession", func(t *testing.T) {
		t.Parallel()
		c, _, body := site.Login(t, demo.Kari, "")
		resp, body := webtest.Post(t, c, site.URL+"/logg-ut", url.Values{"csrf": {webtest.CSRF(t, body)}})
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		require.Contains(t, body, "Du er logget ut")
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		resp, _ = webtest.Get(t, c, site.URL+"/integrasjoner?miljo=TEST")
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	})

	t.Run("LogoutNeedsTheFormToken", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Kari, "")
		resp, _ := webtest.Post(t, c, site.URL+"/logg-ut", url.Values{"csrf": {"feil"}})
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
	})
}
