package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

var (
	creationKeyRe = regexp.MustCompile(`name="opprettingsnokkel" value="([^"]+)"`)
	csrfFieldRe   = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
)

// newForm opens "Ny integrasjon" and returns the form's hidden fields.
func newForm(t *testing.T, c *http.Client, site *webtest.Site, env string) url.Values {
	t.Helper()
	resp, body := webtest.Get(t, c, site.URL+"/integrasjoner/ny?miljo="+env)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	key := creationKeyRe.FindStringSubmatch(body)
	require.NotNil(t, key)
	return url.Values{"csrf": {webtest.CSRF(t, body)}, "miljo": {env}, "opprettingsnokkel": {key[1]},
		"tjeneste": {"maskinporten"}, "navn": {"Lønnssystem"}, "beskrivelse": {"Henter lønnsdata"},
		"levetid": {"120"}, "handling": {"opprett"}}
}

// savedBy counts the integrations a form submission created, found by the
// form's creation key (sibling tests create integrations at the same time).
func savedBy(t *testing.T, site *webtest.Site, form url.Values) int {
	t.Helper()
	var n int
	require.NoError(t, site.Pool.QueryRow(context.Background(),
		`SELECT count(*) FROM integrations WHERE creation_key = $1`, form.Get("opprettingsnokkel")).Scan(&n))
	return n
}

func TestIntegrationCreateForm(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)

	t.Run("CreatesAndShowsClientID", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Kari, "")
		form := newForm(t, c, site, "TEST")
		form["scope"] = []string{"skatteetaten:mva"}
		resp, body := webtest.Post(t, c, site.URL+"/integrasjoner/ny", form)
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		require.Contains(t, body, "Integrasjonen er opprettet")
		id := strings.TrimPrefix(resp.Request.URL.Path, "/integrasjoner/")
		_, err := uuid.Parse(id)
		require.NoError(t, err)
		require.Contains(t, body, `value="`+id+`"`)
		require.Contains(t, body, "skatteetaten:mva")
	})

	t.Run("DoubleClickCreatesOne", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Kari, "")
		form := newForm(t, c, site, "TEST")
		form.Set("navn", "Dobbeltklikk")
		first, _ := webtest.Post(t, c, site.URL+"/integrasjoner/ny", form)
		second, _ := webtest.Post(t, c, site.URL+"/integrasjoner/ny", form)
		require.Equal(t, first.Request.URL.Path, second.Request.URL.Path)
		var n int
		require.NoError(t, site.Pool.QueryRow(context.Background(),
			`SELECT count(*) FROM integrations WHERE name = 'Dobbeltklikk'`).Scan(&n))
		require.Equal(t, 1, n)
	})

	badInput := []struct {
		name    string
		change  func(url.Values)
		message string
	}{
		{"EmptyName", func(f url.Values) { f.Set("navn", "") }, "Skriv inn et navn på integrasjonen."},
		{"NameOf200Characters", func(f url.Values) { f.Set("navn", strings.Repeat("n", 200)) }, "Navnet kan ha høyst 100 tegn."},
		{"MarkupInName", func(f url.Values) { f.Set("navn", "<img src=x onerror=alert(1)>") }, "Navnet kan ikke inneholde tegnene &lt; og &gt;."},
		{"RightToLeftOverrideInName", func(f url.Values) { f.Set("navn", "Regnskap\u202Emetsys") }, "Feltet inneholder et usynlig formateringstegn (U+202E)"},
		{"ZeroWidthSpaceInName", func(f url.Values) { f.Set("navn", "Lønn\u200Bsystem") }, "Feltet inneholder et usynlig formateringstegn (U+200B)"},
		{"NoService", func(f url.Values) { f.Del("tjeneste") }, "Velg hvilken Difi-tjeneste integrasjonen gjelder."},
		{"ScopeNotShared", func(f url.Values) { f["scope"] = []string{"skatteetaten:intern"} }, "Ikke delt med virksomheten din i TEST: skatteetaten:intern"},
		{"UnknownScope", func(f url.Values) { f["scope"] = []string{"finnes:ikke"} }, "finnes:ikke"},
		{"LifetimeTooLong", func(f url.Values) { f["scope"] = []string{"skatteetaten:mva"}; f.Set("levetid", "301") }, "lengre enn 300 sekunder"},
		{"LifetimeNotNumber", func(f url.Values) { f.Set("levetid", "lenge") }, "helt antall sekunder"},
	}
	for _, tc := range badInput {
		t.Run("Refuses"+tc.name, func(t *testing.T) {
			t.Parallel()
			c, _, _ := site.Login(t, demo.Kari, "")
			form := newForm(t, c, site, "TEST")
			form.Set("beskrivelse", "Beholdes ved feil")
			tc.change(form)
			resp, body := webtest.Post(t, c, site.URL+"/integrasjoner/ny", form)
			require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
			require.Contains(t, body, tc.message)
			require.Contains(t, body, "Beholdes ved feil", "the user's other input is kept")
			require.Contains(t, body, `aria-invalid="true"`)
			require.Zero(t, savedBy(t, site, form), "nothing saved")
		})
	}

	t.Run("RefusesUnknownEnvironment", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Kari, "")
		form := newForm(t, c, site, "TEST")
		form.Set("miljo", "STAGING")
		resp, _ := webtest.Post(t, c, site.URL+"/integrasjoner/ny", form)
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)
	})

	t.Run("RefusesMissingFormToken", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Kari, "")
		form := newForm(t, c, site, "TEST")
		form.Del("csrf")
		resp, _ := webtest.Post(t, c, site.URL+"/integrasjoner/ny", form)
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
		require.Zero(t, savedBy(t, site, form))
	})

	t.Run("RefusesCrossSiteRequest", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Kari, "")
		form := newForm(t, c, site, "TEST")
		req, err := http.NewRequest(http.MethodPost, site.URL+"/integrasjoner/ny", strings.NewReader(form.Encode()))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		resp, err := c.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
	})

	t.Run("PickerExplainsScopeSharedInOtherEnvironment", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Kari, "")
		form := newForm(t, c, site, "PROD")
		form.Set("handling", "sok")
		form.Set("sok", "testapi")
		resp, body := webtest.Post(t, c, site.URL+"/integrasjoner/ny", form)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, body, "Scopet skatteetaten:testapi er delt med dere i TEST, ikke i PROD.")
		require.Contains(t, body, "Lønnssystem", "input kept while picking")

		form.Set("sok", "skatteetaten:intern")
		_, body = webtest.Post(t, c, site.URL+"/integrasjoner/ny", form)
		require.Contains(t, body, "Scopet skatteetaten:intern finnes, men API-tilbyderen har ikke delt det")
	})

	t.Run("PickerOffersOpenScopesWhenNothingIsShared", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Petra, "")
		form := newForm(t, c, site, "TEST")
		form.Set("handling", "legg-til-scopes")
		_, body := webtest.Post(t, c, site.URL+"/integrasjoner/ny", form)
		require.Contains(t, body, `name="scope" value="skatteetaten:rentesatser"`, "open to all, shared with none")
		require.NotContains(t, body, `name="scope" value="skatteetaten:mva"`)
		form.Set("handling", "sok")
		form.Set("side", "1")
		form.Set("sok", "finnes ikke")
		_, body = webtest.Post(t, c, site.URL+"/integrasjoner/ny", form)
		require.Contains(t, body, "Ingen scopes delt med dere i TEST passer til «finnes ikke».")
	})
}

func TestProductionGate(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	kari := identity.Actor{Person: identity.Person{Name: demo.Kari.Name, PID: demo.Kari.PID}, OrgNo: demo.EksempelKonsument,
		FreshLoginUntil: time.Now().Add(time.Hour)}
	prodID, err := integration.Create(context.Background(), site.Pool, kari, environment.Prod, uuid.New(),
		integration.Draft{Service: "maskinporten", Name: "Produksjon", Scopes: []string{"skatteetaten:mva"}})
	require.NoError(t, err)

	t.Run("UnregisteredPersonSeesGreyedOutButtonsAndWhy", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Ola, "")
		_, body := webtest.Get(t, c, site.URL+"/integrasjoner?miljo=PROD")
		require.Contains(t, body, `aria-disabled="true"`)
		require.Contains(t, body, "personnummeret ditt er ikke registrert for produksjon hos Eksempel Konsument AS")
		require.Contains(t, body, "servicedesk@digdir.no")
		_, body = webtest.Get(t, c, site.URL+"/integrasjoner/"+prodID.String())
		require.Contains(t, body, `aria-disabled="true"`)
	})

	t.Run("ServerRefusesWhateverThePageShowed", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Ola, "")
		_, body := webtest.Get(t, c, site.URL+"/integrasjoner?miljo=TEST")
		csrf := webtest.CSRF(t, body)
		sneak := url.Values{"csrf": {csrf}, "miljo": {"PROD"},
			"opprettingsnokkel": {uuid.NewString()}, "tjeneste": {"maskinporten"}, "navn": {"Snik"}, "handling": {"opprett"}}
		resp, _ := webtest.Post(t, c, site.URL+"/integrasjoner/ny", sneak)
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
		require.Zero(t, savedBy(t, site, sneak))

		resp, _ = webtest.Post(t, c, site.URL+"/integrasjoner/"+prodID.String()+"/endre", url.Values{"csrf": {csrf},
			"versjon": {"1"}, "navn": {"Endret"}, "levetid": {"120"}, "handling": {"lagre"}})
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
		resp, _ = webtest.Post(t, c, site.URL+"/integrasjoner/"+prodID.String()+"/deaktiver", url.Values{"csrf": {csrf}, "versjon": {"1"}})
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
		resp, _ = webtest.Post(t, c, site.URL+"/integrasjoner/"+prodID.String()+"/nokler", url.Values{"csrf": {csrf}, "nokkel": {"{}"}})
		require.Equal(t, http.StatusForbidden, resp.StatusCode)

		i, err := integration.Get(context.Background(), site.Pool, demo.EksempelKonsument, prodID)
		require.NoError(t, err)
		require.Equal(t, "Produksjon", i.Name)
		require.True(t, i.Active)
	})

	t.Run("LoginWithoutPersonNumberIsToldToUseIDporten", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.LoginWith(t, url.Values{"handling": {"annen"}, "pid": {""}, "email": {"kari@konsument.example"}}, "")
		resp, body := webtest.Get(t, c, site.URL+"/integrasjoner/ny?miljo=PROD")
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
		require.Contains(t, body, "må du logge inn med ID-porten")
	})

	t.Run("RegisteredPersonMayChange", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Kari, "")
		_, body := webtest.Get(t, c, site.URL+"/integrasjoner?miljo=PROD")
		require.NotContains(t, body, `aria-disabled="true"`)
		require.Contains(t, body, "Produksjon")
	})
}

func TestIntegrationAccessAcrossOrganisations(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	c, _, body := site.Login(t, demo.Petra, "")
	csrf := webtest.CSRF(t, body)
	other := "/integrasjoner/" + demo.RegnskapClientID

	for _, path := range []string{other, other + "/endre", other + "/deaktiver", "/integrasjoner/ikke-en-uuid", "/integrasjoner/" + uuid.NewString()} {
		resp, body := webtest.Get(t, c, site.URL+path)
		require.Equal(t, http.StatusNotFound, resp.StatusCode, path)
		require.NotContains(t, body, "Regnskapssystem")
	}
	for _, path := range []string{other + "/endre", other + "/deaktiver", other + "/nokler", other + "/nokler/1/fjern"} {
		resp, _ := webtest.Post(t, c, site.URL+path, url.Values{"csrf": {csrf}, "versjon": {"1"}, "navn": {"Kapret"},
			"handling": {"lagre"}, "nokkel": {"{}"}})
		require.Equal(t, http.StatusNotFound, resp.StatusCode, path)
	}
	i, err := integration.Get(context.Background(), site.Pool, demo.EksempelKonsument, uuid.MustParse(demo.RegnskapClientID))
	require.NoError(t, err)
	require.Equal(t, "Regnskapssystem", i.Name)
	require.True(t, i.Active)
}

func TestScopePickerPages(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	_, err := site.Pool.Exec(context.Background(), `
		WITH s AS (
			INSERT INTO scopes (prefix, name, description, max_token_lifetime)
			SELECT 'skatteetaten', 'skatteetaten:side' || lpad(i::text, 2, '0'), 'Scope ' || i, 120
			FROM generate_series(1, 12) AS i
			RETURNING id)
		INSERT INTO scope_grants (scope_id, org_no, env) SELECT id, $1, 'TEST' FROM s`, demo.EksempelKonsument)
	require.NoError(t, err)
	c, _, _ := site.Login(t, demo.Kari, "")
	form := newForm(t, c, site, "TEST")
	form.Set("handling", "sok")
	form.Set("sok", "side")

	_, body := webtest.Post(t, c, site.URL+"/integrasjoner/ny", form)
	require.Contains(t, body, "skatteetaten:side10")
	require.NotContains(t, body, "skatteetaten:side11")
	require.Contains(t, body, "Vis flere scopes")
	require.NotContains(t, body, "Vis forrige scopes")

	form.Set("handling", "neste-side")              // "Vis flere scopes"
	form.Set("side", "1")                           // the page the picker showed
	form["scope"] = []string{"skatteetaten:side01"} // chosen on page 1: kept, and not offered again
	_, body = webtest.Post(t, c, site.URL+"/integrasjoner/ny", form)
	require.Contains(t, body, "skatteetaten:side12")
	require.Contains(t, body, `value="skatteetaten:side01" checked`)
	require.Contains(t, body, "Vis forrige scopes")
	require.NotContains(t, body, "Vis flere scopes")

	form.Set("handling", "forrige-side") // "Vis forrige scopes"
	form.Set("side", "2")
	_, body = webtest.Post(t, c, site.URL+"/integrasjoner/ny", form)
	require.Contains(t, body, "skatteetaten:side10")
	require.NotContains(t, body, "skatteetaten:side12")
	require.Contains(t, body, "Vis flere scopes")
}
