package web_test

import (
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/idportenstub"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

var loginAgainRe = regexp.MustCompile(`<a class="button" href="([^"]+)">Logg inn på nytt</a>`)

const tooOld = "må du ha logget inn med ID-porten i løpet av de siste 15 minuttene"

// freshLogin follows "Logg inn på nytt" through the stand-in and returns
// the page it comes back to, checking that a new login was demanded.
func freshLogin(t *testing.T, c *http.Client, site *webtest.Site, href string, who demo.Person) (*http.Response, string) {
	t.Helper()
	resp, _ := webtest.Get(t, noRedirects(c), site.URL+href)
	c.CheckRedirect = nil
	require.Equal(t, http.StatusFound, resp.StatusCode)
	authorize, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	require.Equal(t, "0", authorize.Query().Get("max_age"))
	require.Equal(t, "login", authorize.Query().Get("prompt"))
	resp, body := webtest.Get(t, c, authorize.String())
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	resp, err = idportenstub.SubmitLogin(c, resp.Request.URL, url.Values{"testperson": {who.PID}})
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(b)
}

func TestProductionNeedsARecentLogin(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)

	t.Run("AnOldLoginGreysOutAndOffersANewOne", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Kari, "")
		_, body := webtest.Get(t, c, site.URL+"/integrasjoner?miljo=PROD")
		require.NotContains(t, body, tooOld, "a login just now is recent")
		form := newForm(t, c, site, "PROD")
		form["scope"] = []string{"skatteetaten:mva"}

		ageLogin(t, site, c, 16*time.Minute)
		_, body = webtest.Get(t, c, site.URL+"/integrasjoner?miljo=PROD")
		require.Contains(t, body, tooOld)
		require.Contains(t, body, `aria-disabled="true"`)
		link := loginAgainRe.FindStringSubmatch(body)
		require.NotNil(t, link, "the page offers «Logg inn på nytt»")
		href := html.UnescapeString(link[1])
		require.Equal(t, "/logg-inn?neste=%2Fintegrasjoner%3Fmiljo%3DPROD&ny=ja", href)

		// The server refuses the change for the same reason.
		resp, body := webtest.Post(t, c, site.URL+"/integrasjoner/ny", form)
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
		require.Contains(t, body, tooOld)
		require.Zero(t, savedBy(t, site, form))
		// TEST asks for no recent login.
		_, body = webtest.Get(t, c, site.URL+"/integrasjoner?miljo=TEST")
		require.NotContains(t, body, tooOld)

		resp, body = freshLogin(t, c, site, href, demo.Kari)
		require.Equal(t, "/integrasjoner?miljo=PROD", resp.Request.URL.RequestURI())
		require.NotContains(t, body, tooOld)
		form = newForm(t, c, site, "PROD")
		form["scope"] = []string{"skatteetaten:mva"}
		resp, body = webtest.Post(t, c, site.URL+"/integrasjoner/ny", form)
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		require.Contains(t, body, "Integrasjonen er opprettet")
	})

	t.Run("ANewLoginKeepsTheOrganisationChosen", func(t *testing.T) {
		t.Parallel()
		c, _, body := site.Login(t, demo.Dina, "")
		resp, _ := webtest.Post(t, c, site.URL+"/velg-virksomhet", url.Values{
			"csrf": {webtest.CSRF(t, body)}, "organisasjonsnummer": {demo.DeltDomeneHolding}, "neste": {"/"}})
		require.Equal(t, http.StatusOK, resp.StatusCode)
		resp, body = freshLogin(t, c, site, "/logg-inn?ny=ja&neste=%2Ftjenester", demo.Dina)
		require.Equal(t, "/tjenester", resp.Request.URL.Path, "no need to choose again")
		require.Contains(t, body, "Delt Domene Holding AS (310000035)")
	})
}
