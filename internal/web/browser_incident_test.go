package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// browserAddNotificationPoints walks the steps of "Vedlikehald av
// merkantile data" in Digdir's guide «Selvbetjening som API-konsument» for
// Maskinporten as consumer: "Virksomhetens tjenester", the service,
// "Rediger integrasjon", the information, one notification point per
// address, "Lagre".
func browserAddNotificationPoints(t *testing.T, b *webtest.Browser, emails ...string) {
	t.Helper()
	b.Within("Hovedmeny").ClickLink("Virksomhetens tjenester")
	b.ClickLink("Maskinporten (API-konsument)")
	b.ClickLink("Rediger integrasjon")
	b.FillField("Fakturaadresse (e-post)", "faktura@konsument.example")
	b.FillField("Postadresse", "Postboks 12\n0101 Oslo")
	b.FillField("Kontaktperson", "Kari Konsument")
	for i, email := range emails {
		b.ClickButton("Legg til varslingspunkt")
		point := b.Within("Varslingspunkt " + string(rune('1'+i)))
		point.FillField("Navn", "Vakt "+string(rune('1'+i)))
		point.FillField("E-post", email)
	}
	b.ClickButton("Lagre")
	require.Contains(t, b.Text(), "Endringene er lagret.")
}

// TestBrowserIncident: Kari registers two notification points, Sven
// Servicedesk sends an incident for Maskinporten TEST to everyone using it,
// the test's SMTP server receives exactly one e-mail per notification
// point, and Sven sees them as sent on "Utsendte varsler".
func TestBrowserIncident(t *testing.T) {
	t.Parallel()
	site := webtest.StartWith(t, webtest.Options{Mail: true})
	kari := site.Browser(t)
	kari.LoginAs(demo.Kari.Name)
	browserAddNotificationPoints(t, kari, "drift@konsument.example", "kari@konsument.example")

	sven := kari.SecondBrowser()
	sven.LoginAs(demo.Sven.Name)
	sven.Open("/servicedesk")
	sven.ClickLink("Hendelser")
	require.Contains(t, sven.Text(), "Ingen hendelser er sendt ennå.")
	sven.ClickLink("Ny hendelse")

	// Bad input first: every problem named, nothing sent, the rest kept.
	sven.FillField("Tekst", "Tokenendepunktet i TEST svarer 503.\nVi feilsøker.")
	sven.Uncheck("TEST")
	sven.Check("Valgte virksomheter")
	sven.ClickButton("Send varsel")
	require.Equal(t, http.StatusUnprocessableEntity, sven.Status())
	for _, want := range []string{"Skriv inn en tittel.", "Velg minst ett miljø.", "Velg minst én virksomhet"} {
		require.Contains(t, sven.Text(), want)
	}
	require.Equal(t, "Tokenendepunktet i TEST svarer 503.\nVi feilsøker.", sven.Value("Tekst"))
	var n int
	require.NoError(t, site.Pool.QueryRow(context.Background(), `SELECT count(*) FROM incidents`).Scan(&n))
	require.Zero(t, n)

	sven.FillField("Tittel", "Maskinporten TEST svarer ikke")
	sven.Check("TEST")
	sven.SelectOption("Tjeneste", "Maskinporten (API-konsument)")
	sven.SelectOption("Alvorlighet", "Kritisk")
	sven.Check("Alle virksomheter som bruker tjenesten i miljøet")
	sven.ClickButton("Send varsel")
	require.Contains(t, sven.Text(), "Varselet er sendt.")
	require.Contains(t, sven.Text(), "1 virksomhet")

	got := site.Mail.WaitFor(t, 2, 30*time.Second)
	time.Sleep(500 * time.Millisecond) // nothing more may come
	require.Len(t, site.Mail.Received(), 2, "exactly one e-mail per notification point")
	var to []string
	for _, m := range got {
		require.Len(t, m.To, 1)
		to = append(to, m.To[0])
		require.Equal(t, "[Kritisk] Maskinporten (API-konsument) TEST: Maskinporten TEST svarer ikke", m.Subject())
		body := m.Text()
		require.Contains(t, body, "Tokenendepunktet i TEST svarer 503.\nVi feilsøker.")
		require.Contains(t, body, "Miljø: TEST")
		require.Contains(t, body, "hos Eksempel Konsument AS")
		require.Contains(t, body, site.URL+"/\n", "a link to the portal")
		require.Contains(t, body, site.URL+"/tjenester/maskinporten-konsument")
	}
	slices.Sort(to)
	require.Equal(t, []string{"drift@konsument.example", "kari@konsument.example"}, to)

	// "Utsendte varsler": both sent, once the worker has recorded it.
	incidentPage := sven.Path()
	require.Eventually(t, func() bool {
		sven.Open(incidentPage)
		return strings.Contains(sven.Text(), "2 sendt, 0 i kø, 0 feilet")
	}, 20*time.Second, 250*time.Millisecond)
	deliveries := sven.Within("Utsendte varsler")
	for _, addr := range to {
		require.Contains(t, deliveries.Text(), addr)
	}
	require.Equal(t, 2, deliveries.Count(`//tbody/tr[.//*[normalize-space()="Sendt"]]`))

	sven.ClickLink("Alle hendelser")
	require.Contains(t, sven.Text(), "Maskinporten TEST svarer ikke")
	require.Contains(t, sven.Text(), "2 sendt")
	sven.ClickLink("Maskinporten TEST svarer ikke")
	require.Equal(t, incidentPage, sven.Path())
}

// TestIncidentFormSentTwiceSendsOnce: the same "Ny hendelse" posted twice
// (a double click, or the browser's retry) is one incident and one e-mail
// per notification point, and both answers lead to it.
func TestIncidentFormSentTwiceSendsOnce(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	c, _, _ := site.Login(t, demo.Sven, "")
	resp, body := webtest.Get(t, c, site.URL+"/servicedesk/hendelser/ny")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	key := regexpValue(t, body, "opprettingsnokkel")
	form := url.Values{"csrf": {webtest.CSRF(t, body)}, "opprettingsnokkel": {key},
		"tittel": {"Maskinporten PROD er tregt"}, "tekst": {"Tokens tar opptil 10 sekunder."},
		"tjeneste": {"maskinporten-tilbyder"}, "miljo": {"PROD"}, "alvorlighet": {"major"},
		"mottakere": {"chosen"}, "valgte": {demo.Skatteetaten}}
	var pages []string
	for range 2 {
		resp, _ := webtest.Post(t, c, site.URL+"/servicedesk/hendelser/ny", form)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		pages = append(pages, resp.Request.URL.Path)
	}
	require.Equal(t, pages[0], pages[1])
	var incidents, deliveries int
	require.NoError(t, site.Pool.QueryRow(context.Background(), `
		SELECT (SELECT count(*) FROM incidents), (SELECT count(*) FROM mail_deliveries)`).Scan(&incidents, &deliveries))
	require.Equal(t, 1, incidents)
	require.Equal(t, 1, deliveries, "Skatteetaten's one notification point as provider")
}

// TestIncidentRefusals: each kind of bad input is a 422 with its message
// and nothing saved; only servicedesk may send one.
func TestIncidentRefusals(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	c, _, _ := site.Login(t, demo.Sven, "")
	_, body := webtest.Get(t, c, site.URL+"/servicedesk/hendelser/ny")
	base := url.Values{"csrf": {webtest.CSRF(t, body)}, "opprettingsnokkel": {regexpValue(t, body, "opprettingsnokkel")},
		"tittel": {"Nede"}, "tekst": {"Alt er nede."}, "tjeneste": {"maskinporten-konsument"}, "miljo": {"TEST"},
		"alvorlighet": {"critical"}, "mottakere": {"users"}}
	for name, tc := range map[string]struct {
		change url.Values
		want   string
	}{
		"NoTitle":         {url.Values{"tittel": {""}}, "Skriv inn en tittel."},
		"NoEnvironment":   {url.Values{"miljo": nil}, "Velg minst ett miljø."},
		"UnknownEnv":      {url.Values{"miljo": {"VER1"}}, "Velg TEST, PROD eller begge."},
		"NoneChosen":      {url.Values{"mottakere": {"chosen"}}, "Velg minst én virksomhet"},
		"UnknownOrg":      {url.Values{"mottakere": {"chosen"}, "valgte": {"889640782"}}, "finnes ikke i selvbetjeningsløsningen"},
		"NobodyToTell":    {url.Values{"miljo": {"PROD"}}, "Ingen virksomheter bruker tjenesten i miljøet."},
		"NoPointsInTest":  {url.Values{}, "Ingen av de berørte virksomhetene har registrert varslingspunkter"},
		"UnknownSeverity": {url.Values{"alvorlighet": {"x"}}, "Velg hvor alvorlig"},
		"UnknownService":  {url.Values{"tjeneste": {"id-porten"}}, "Velg en tjeneste."},
		"TitleOnTwoLines": {url.Values{"tittel": {"To\nlinjer"}}, "Tittelen må stå på én linje"},
	} {
		t.Run(name, func(t *testing.T) {
			form := url.Values{}
			for k, v := range base {
				form[k] = v
			}
			for k, v := range tc.change {
				form[k] = v
			}
			resp, body := webtest.Post(t, c, site.URL+"/servicedesk/hendelser/ny", form)
			require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, body)
			require.Contains(t, body, tc.want)
			require.Contains(t, body, `value="`+form.Get("opprettingsnokkel")+`"`, "the same form, the same key")
		})
	}
	var n int
	require.NoError(t, site.Pool.QueryRow(context.Background(), `SELECT count(*) FROM incidents`).Scan(&n))
	require.Zero(t, n)

	kari, _, _ := site.Login(t, demo.Kari, "")
	resp, _ := webtest.Post(t, kari, site.URL+"/servicedesk/hendelser/ny", base)
	require.Equal(t, http.StatusForbidden, resp.StatusCode)
	resp, _ = webtest.Get(t, kari, site.URL+"/servicedesk/hendelser")
	require.Equal(t, http.StatusForbidden, resp.StatusCode)
}

// regexpValue is the value of the hidden field name in a page.
func regexpValue(t *testing.T, body, name string) string {
	t.Helper()
	_, after, ok := strings.Cut(body, `name="`+name+`" value="`)
	require.True(t, ok, "the page has the field %s", name)
	v, _, _ := strings.Cut(after, `"`)
	return v
}

// TestBrowserIncidentInTheOutbox: without SMTP_URL (make run) the e-mails
// stay in the development outbox, and "Utsendte varsler" shows them, with
// what they say, so an incident can be tried without a mail server.
func TestBrowserIncidentInTheOutbox(t *testing.T) {
	t.Parallel()
	site := webtest.StartWith(t, webtest.Options{Outbox: true})
	sven := site.Browser(t)
	sven.LoginAs(demo.Sven.Name)
	sven.Open("/servicedesk/hendelser/ny")
	sven.FillField("Tittel", "Scopes kan ikke endres")
	sven.FillField("Tekst", "Endringer av scopes feiler i PROD.")
	sven.SelectOption("Tjeneste", "Maskinporten (API-tilbyder)")
	sven.Uncheck("TEST")
	sven.Check("PROD")
	sven.SelectOption("Alvorlighet", "Alvorlig")
	sven.ClickButton("Send varsel")
	require.Contains(t, sven.Text(), "Varselet er sendt.")

	page := sven.Path()
	require.Eventually(t, func() bool {
		sven.Open(page)
		return strings.Contains(sven.Text(), "1 sendt, 0 i kø, 0 feilet")
	}, 20*time.Second, 250*time.Millisecond)
	deliveries := sven.Within("Utsendte varsler")
	require.Contains(t, deliveries.Text(), "drift@skatteetaten.no", "Skatteetaten owns a prefix; Digdir has no points")
	require.Contains(t, deliveries.Text(), "Skatteetaten (974761076)")
	require.Contains(t, deliveries.Text(), "Utviklingsutboks")
	require.Contains(t, deliveries.Text(), "Uten SMTP_URL blir e-postene liggende i utviklingsutboksen")
	require.NotContains(t, deliveries.Text(), "Endringer av scopes feiler i PROD.\n\nTjeneste:", "folded away until asked for")
	require.True(t, webtest.Eval[bool](sven, `(() => { const d = document.querySelector('details'); d.open = true; return d.open })()`))
	require.Contains(t, deliveries.Text(), "[Alvorlig] Maskinporten (API-tilbyder) PROD: Scopes kan ikke endres")
	require.Contains(t, deliveries.Text(), "hos Skatteetaten")
}
