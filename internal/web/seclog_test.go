package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// TestSecurityEventsInTheLog runs logins, choices, refusals and logouts,
// then reads the portal's whole log: every event is there, and no person
// number or e-mail address of any test person is, anywhere.
func TestSecurityEventsInTheLog(t *testing.T) {
	t.Parallel()
	var log webtest.LogBuffer
	site := webtest.StartWith(t, webtest.Options{Log: &log})
	ctx := context.Background()

	kari, _, body := site.Login(t, demo.Kari, "")
	kariCSRF := webtest.CSRF(t, body)
	form := newForm(t, kari, site, "PROD")
	form["scope"] = []string{"skatteetaten:mva"}
	// A form without its token, and one from another site.
	resp, _ := webtest.Post(t, kari, site.URL+"/integrasjoner/ny", url.Values{"csrf": {"feil"}})
	require.Equal(t, http.StatusForbidden, resp.StatusCode)
	req, err := http.NewRequest(http.MethodPost, site.URL+"/integrasjoner/ny", strings.NewReader(form.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err = kari.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusForbidden, resp.StatusCode)
	// The production gate: a login grown old.
	ageLogin(t, site, kari, time.Hour)
	resp, _ = webtest.Post(t, kari, site.URL+"/integrasjoner/ny", form)
	require.Equal(t, http.StatusForbidden, resp.StatusCode)

	// The gate again: not registered for production.
	ola, _, _ := site.Login(t, demo.Ola, "")
	resp, _ = webtest.Get(t, ola, site.URL+"/integrasjoner/ny?miljo=PROD")
	require.Equal(t, http.StatusForbidden, resp.StatusCode)

	// Another organisation's integration.
	petra, _, _ := site.Login(t, demo.Petra, "")
	resp, _ = webtest.Get(t, petra, site.URL+"/integrasjoner/"+demo.RegnskapClientID)
	require.Equal(t, http.StatusNotFound, resp.StatusCode)

	// Choices: one made, one refused with a value full of personal data, then
	// the domain's link to the one chosen is removed.
	dina, _, body := site.Login(t, demo.Dina, "")
	resp, body = webtest.Post(t, dina, site.URL+"/velg-virksomhet", url.Values{
		"csrf": {webtest.CSRF(t, body)}, "organisasjonsnummer": {demo.DeltDomene}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	resp, _ = webtest.Post(t, dina, site.URL+"/velg-virksomhet", url.Values{
		"csrf": {webtest.CSRF(t, body)}, "organisasjonsnummer": {strings.Repeat(demo.Kari.Email+demo.Kari.PID, 1000)}})
	require.Equal(t, http.StatusNotFound, resp.StatusCode)
	_, err = site.Pool.Exec(ctx, `DELETE FROM email_domains WHERE domain = 'deltdomene.example' AND org_no = $1`, demo.DeltDomene)
	require.NoError(t, err)
	webtest.Get(t, dina, site.URL+"/integrasjoner?miljo=TEST")

	// Logins that fail, and one typed in by hand.
	site.LoginWith(t, url.Values{"handling": {"annen"}, "pid": {""}, "email": {"sven@ugyldig_domene.no"}}, "")
	webtest.Get(t, site.Client(t), site.URL+"/auth/callback?code=abc&state=forged")
	site.LoginWith(t, url.Values{"handling": {"annen"}, "pid": {demo.Ulf.PID}, "email": {demo.Ulf.Email}}, "")

	resp, _ = webtest.Post(t, kari, site.URL+"/logg-ut", url.Values{"csrf": {kariCSRF}})
	require.Equal(t, http.StatusOK, resp.StatusCode)

	text := log.String()
	for _, p := range demo.Persons() {
		require.NotContains(t, text, p.PID, "%s's person number is in the log", p.Name)
		require.NotContains(t, text, p.Email, "%s's e-mail address is in the log", p.Name)
		require.NotContains(t, text, strings.Split(p.Email, "@")[0]+"@", "%s's e-mail address is in the log", p.Name)
	}
	require.NotContains(t, text, "sven@ugyldig_domene.no")

	events := map[string][]map[string]any{}
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var line map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &line), sc.Text())
		if e, ok := line["event"].(string); ok {
			events[e] = append(events[e], line)
		}
	}
	has := func(event string, want map[string]any) {
		t.Helper()
		for _, line := range events[event] {
			matches := true
			for k, v := range want {
				matches = matches && line[k] == v
			}
			if matches {
				require.NotEmpty(t, line["request_id"], event)
				return
			}
		}
		t.Errorf("no %s event with %v in the log; got %v", event, want, events[event])
	}
	has("login.succeeded", map[string]any{"org": demo.EksempelKonsument, "acr": "idporten-loa-substantial", "has_pid": true})
	has("login.succeeded", map[string]any{"org": "", "org_count": float64(0), "has_pid": true}) // Ulf
	has("login.failed", map[string]any{"reason": "email"})
	has("login.failed", map[string]any{"reason": "state"})
	has("csrf.refused", map[string]any{"reason": "token", "org": demo.EksempelKonsument})
	has("csrf.refused", map[string]any{"reason": "cross_origin"})
	has("gate.refused", map[string]any{"reason": "login_too_old", "org": demo.EksempelKonsument})
	has("gate.refused", map[string]any{"reason": "not_registered", "org": demo.EksempelKonsument})
	has("integration.not_found", map[string]any{"org": demo.Skatteetaten, "client_id": demo.RegnskapClientID})
	has("org.chosen", map[string]any{"org": demo.DeltDomene, "automatic": false})
	has("org.refused", map[string]any{})
	has("org.unlinked", map[string]any{"org": demo.DeltDomene})
	has("org.chosen", map[string]any{"org": demo.DeltDomeneHolding, "automatic": true})
	has("logout", map[string]any{"org": demo.EksempelKonsument})
	for _, lines := range events {
		for _, line := range lines {
			require.NotContains(t, line, "email")
			require.NotContains(t, line, "pid")
		}
	}
	// Every event names who did it by sub, except those before a login.
	for _, e := range []string{"login.succeeded", "gate.refused", "integration.not_found", "org.chosen", "org.refused", "logout"} {
		for _, line := range events[e] {
			require.NotEmpty(t, line["sub"], e)
		}
	}
}
