package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/idportenstub"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

func sessionRows(t *testing.T, site *webtest.Site) int {
	t.Helper()
	var n int
	require.NoError(t, site.Pool.QueryRow(context.Background(), `SELECT count(*) FROM sessions`).Scan(&n))
	return n
}

func TestUnfinishedLogins(t *testing.T) {
	t.Parallel()

	t.Run("LeaveNoSessionRows", func(t *testing.T) {
		t.Parallel()
		site := webtest.Start(t)
		c := noRedirects(&http.Client{Timeout: 10 * time.Second}) // no cookie jar: a new visitor every time
		for range 300 {
			resp, err := c.Get(site.URL + "/logg-inn")
			require.NoError(t, err)
			resp.Body.Close()
			require.Equal(t, http.StatusFound, resp.StatusCode)
			cookies := resp.Cookies()
			require.Len(t, cookies, 1, "the login state only, no session")
			ck := cookies[0]
			require.Equal(t, "selvbetjening-innlogging", ck.Name)
			require.True(t, ck.HttpOnly)
			require.Equal(t, http.SameSiteLaxMode, ck.SameSite, "the provider's redirect back must bring it")
			require.Equal(t, 15*60, ck.MaxAge)
		}
		require.Zero(t, sessionRows(t, site))

		site.Login(t, demo.Kari, "")
		require.Equal(t, 1, sessionRows(t, site), "a row once a login completes")
	})

	t.Run("StateIsSpentByAFailedCallback", func(t *testing.T) {
		t.Parallel()
		site := webtest.Start(t)
		c := noRedirects(site.Client(t))
		resp, _ := webtest.Get(t, c, site.URL+"/logg-inn")
		require.Equal(t, http.StatusFound, resp.StatusCode)
		authorize, err := url.Parse(resp.Header.Get("Location"))
		require.NoError(t, err)
		state := authorize.Query().Get("state")
		require.NotEmpty(t, state)

		resp, _ = webtest.Get(t, c, site.URL+"/auth/callback?error=access_denied&state="+url.QueryEscape(state))
		require.Equal(t, http.StatusUnauthorized, resp.StatusCode)

		// The provider's answer to that same login now finds its state spent.
		c.CheckRedirect = nil
		resp, body := webtest.Get(t, c, authorize.String())
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		resp, err = idportenstub.SubmitLogin(c, resp.Request.URL, url.Values{"testperson": {demo.Kari.PID}})
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, "/auth/callback", resp.Request.URL.Path)
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)
		require.Zero(t, sessionRows(t, site))
	})
}

func TestAccessFollowsTheDomain(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	ctx := context.Background()
	// Each case has a domain of its own, so the cases can change links side by side.
	login := func(t *testing.T, domain string, orgs ...string) *http.Client {
		t.Helper()
		for _, o := range orgs {
			_, err := site.Pool.Exec(ctx, `INSERT INTO email_domains (domain, org_no) VALUES ($1, $2)`, domain, o)
			require.NoError(t, err)
		}
		c, resp, body := site.LoginWith(t, url.Values{"handling": {"annen"}, "pid": {""}, "email": {"per@" + domain}}, "")
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		require.Contains(t, body, "Eksempel Konsument AS (310000019)")
		return c
	}
	exec := func(t *testing.T, sql string, args ...any) {
		t.Helper()
		_, err := site.Pool.Exec(ctx, sql, args...)
		require.NoError(t, err)
	}

	t.Run("UnlinkedDomainCreatesNothing", func(t *testing.T) {
		t.Parallel()
		c := login(t, "fjernet.example", demo.EksempelKonsument)
		form := newForm(t, c, site, "TEST")
		form["scope"] = []string{"skatteetaten:mva"}
		exec(t, `DELETE FROM email_domains WHERE domain = 'fjernet.example'`)
		resp, body := webtest.Post(t, c, site.URL+"/integrasjoner/ny", form)
		require.Equal(t, "/ingen-virksomhet", resp.Request.URL.Path)
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
		require.Contains(t, body, "fjernet.example")
		require.Zero(t, savedBy(t, site, form))
		resp, _ = webtest.Get(t, c, site.URL+"/integrasjoner?miljo=TEST")
		require.Equal(t, "/ingen-virksomhet", resp.Request.URL.Path)
	})

	t.Run("MovedToOneOtherOrganisationChoosesIt", func(t *testing.T) {
		t.Parallel()
		c := login(t, "flyttet.example", demo.EksempelKonsument)
		clientURL := site.URL + "/integrasjoner/" + demo.RegnskapClientID
		resp, _ := webtest.Get(t, c, clientURL)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		exec(t, `UPDATE email_domains SET org_no = $1 WHERE domain = 'flyttet.example'`, demo.Skatteetaten)
		resp, body := webtest.Get(t, c, clientURL)
		require.Equal(t, "/integrasjoner", resp.Request.URL.Path, "the old organisation's page is not shown")
		require.Contains(t, body, "Skatteetaten (974761076)")
		require.NotContains(t, body, "Regnskapssystem")
	})

	t.Run("NowLeadingToSeveralAsksWhich", func(t *testing.T) {
		t.Parallel()
		c := login(t, "delt-naa.example", demo.EksempelKonsument)
		exec(t, `DELETE FROM email_domains WHERE domain = 'delt-naa.example'`)
		exec(t, `INSERT INTO email_domains (domain, org_no) VALUES ('delt-naa.example', $1), ('delt-naa.example', $2)`,
			demo.DeltDomene, demo.DeltDomeneHolding)
		resp, body := webtest.Get(t, c, site.URL+"/integrasjoner?miljo=TEST")
		require.Equal(t, "/velg-virksomhet", resp.Request.URL.Path)
		require.Contains(t, body, "Delt Domene AS")
		require.Contains(t, body, "Delt Domene Holding AS")
		require.NotContains(t, body, "Eksempel Konsument AS")
	})

	t.Run("AnotherLinkAsksWhoWasNeverAsked", func(t *testing.T) {
		t.Parallel()
		// The domain led to one organisation, so the person was never asked;
		// now there is a choice to make, and they make it at the next request.
		c := login(t, "utvidet.example", demo.EksempelKonsument)
		_, body := webtest.Get(t, c, site.URL+"/integrasjoner?miljo=TEST")
		require.NotContains(t, body, "Bytt virksomhet")
		exec(t, `INSERT INTO email_domains (domain, org_no) VALUES ('utvidet.example', $1)`, demo.Skatteetaten)
		resp, body := webtest.Get(t, c, site.URL+"/integrasjoner?miljo=TEST")
		require.Equal(t, "/velg-virksomhet", resp.Request.URL.Path)
		require.Contains(t, body, "Eksempel Konsument AS")
		require.Contains(t, body, "Skatteetaten")
		resp, body = webtest.Post(t, c, site.URL+"/velg-virksomhet",
			url.Values{"csrf": {webtest.CSRF(t, body)}, "organisasjonsnummer": {demo.EksempelKonsument}})
		require.Equal(t, "/integrasjoner", resp.Request.URL.Path)
		require.Contains(t, body, "Eksempel Konsument AS (310000019)")
		require.Contains(t, body, "Bytt virksomhet")
		resp, _ = webtest.Get(t, c, site.URL+"/integrasjoner?miljo=TEST")
		require.Equal(t, "/integrasjoner", resp.Request.URL.Path, "asked once, not at every request")
	})

	t.Run("AnotherLinkKeepsAChoiceMadeAndOffersTheSwitch", func(t *testing.T) {
		t.Parallel()
		exec(t, `INSERT INTO email_domains (domain, org_no) VALUES ('valgt.example', $1), ('valgt.example', $2)`,
			demo.EksempelKonsument, demo.DeltDomene)
		c, resp, body := site.LoginWith(t, url.Values{"handling": {"annen"}, "pid": {""}, "email": {"per@valgt.example"}}, "")
		require.Equal(t, "/velg-virksomhet", resp.Request.URL.Path)
		resp, _ = webtest.Post(t, c, site.URL+"/velg-virksomhet",
			url.Values{"csrf": {webtest.CSRF(t, body)}, "organisasjonsnummer": {demo.EksempelKonsument}})
		require.Equal(t, "/integrasjoner", resp.Request.URL.Path)
		exec(t, `INSERT INTO email_domains (domain, org_no) VALUES ('valgt.example', $1)`, demo.Skatteetaten)
		resp, body = webtest.Get(t, c, site.URL+"/integrasjoner?miljo=TEST")
		require.Equal(t, "/integrasjoner", resp.Request.URL.Path, "a choice the person made stands")
		require.Contains(t, body, "Eksempel Konsument AS (310000019)")
		require.Contains(t, body, "Bytt virksomhet")
	})
}

func TestIdleSessionEnds(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	c, _, _ := site.Login(t, demo.Kari, "")
	idleSession(t, site, c, 29*time.Minute)
	resp, _ := webtest.Get(t, c, site.URL+"/integrasjoner?miljo=TEST")
	require.Equal(t, "/integrasjoner", resp.Request.URL.Path, "29 minutes idle is still within SESSION_IDLE_TIMEOUT")

	idleSession(t, site, c, 31*time.Minute)
	resp, _ = webtest.Get(t, noRedirects(c), site.URL+"/integrasjoner?miljo=TEST")
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	require.True(t, strings.HasPrefix(resp.Header.Get("Location"), "/logg-inn"))
}
