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

// browserConsole opens a part of the console: "Servicedesk" in the left
// menu, then the part on the console's front page (the organisation's own
// "Endringslogg" is in the menu too).
func browserConsole(t *testing.T, b *webtest.Browser, part string) {
	t.Helper()
	b.Within("Hovedmeny").ClickLink("Servicedesk")
	require.Equal(t, "/servicedesk", b.Path())
	b.Within("Servicedesk").ClickLink(part)
}

// browserOpenOrganisation finds an organisation in "Virksomheter" and opens
// its page.
func browserOpenOrganisation(t *testing.T, b *webtest.Browser, query, name string) {
	t.Helper()
	browserConsole(t, b, "Virksomheter")
	b.FillField("Søk på navn eller organisasjonsnummer", query)
	b.ClickButton("Søk")
	b.ClickLink(name)
	require.Contains(t, b.Text(), name)
}

// TestBrowserConsoleProductionTakesEffectAtTheNextRequest is the issue's
// "Done when" in two browsers: Sven Servicedesk registers Ola Uregistrert's
// person number at Eksempel Konsument AS, and Ola, logged in with ID-porten
// all along, creates a PROD integration at his next request; Sven removes
// the registration while Ola has a new form open, and Ola's "Opprett" is
// refused with the reason. The audit log shows both changes as the
// servicedesk's, with a row opened to its before and after.
func TestBrowserConsoleProductionTakesEffectAtTheNextRequest(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	sven := site.Browser(t)
	ola := sven.SecondBrowser()

	browserInnlogging(t, ola, demo.Ola, "PROD")
	require.True(t, ola.Disabled("Ny integrasjon"), "not registered yet")

	sven.LoginAs(demo.Sven.Name)
	browserOpenOrganisation(t, sven, "konsument", "Eksempel Konsument AS")
	register := sven.Within("Personer registrert for produksjon")
	register.FillField("Fødselsnummer eller D-nummer", "02879010091")
	register.FillField("Navn", "Ola Uregistrert")
	sven.ClickButton("Registrer")
	require.Equal(t, http.StatusUnprocessableEntity, sven.Status())
	require.Contains(t, sven.Text(), "Fødselsnummeret har feil kontrollsiffer.")
	require.Equal(t, "Ola Uregistrert", sven.Value("Navn"), "the name is kept")
	sven.FillField("Fødselsnummer eller D-nummer", demo.Ola.PID)
	sven.ClickButton("Registrer")
	require.Equal(t, http.StatusOK, sven.Status())
	page := sven.Text()
	require.Contains(t, page, "Registrert for produksjon")
	require.Contains(t, page, "Ola Uregistrert er registrert for produksjon hos Eksempel Konsument AS.")
	require.Contains(t, page, demo.Ola.PID, "the confirmation shows the full number, to check against the request")
	sven.ClickLink("Tilbake til Eksempel Konsument AS")
	require.Contains(t, sven.Text(), "028790 *****")
	require.NotContains(t, sven.Text(), demo.Ola.PID, "masked everywhere else")

	// Ola's next request: the button is no longer greyed out.
	ola.Open("/integrasjoner?miljo=PROD")
	require.False(t, ola.Disabled("Ny integrasjon"))
	picker := browserStartCreate(t, ola, "PROD", "Olas produksjonsklient")
	browserFinishCreate(t, ola, picker, demo.Ola, "Olas produksjonsklient", "skatteetaten:mva")

	// Ola starts another one; Sven removes him before he presses "Opprett".
	ola.ClickLink("Tilbake til integrasjonene")
	picker = browserStartCreate(t, ola, "PROD", "Olas andre klient")
	picker.Check("skatteetaten:mva")
	picker.ClickButton("Legg til valgte")

	sven.ClickButton("Fjern Ola Uregistrert fra produksjon hos Eksempel Konsument AS")
	require.Contains(t, sven.Text(), "Personen er fjernet fra produksjon. Det gjelder fra personens neste klikk.")
	require.NotContains(t, sven.Text(), "028790 *****")

	ola.ClickButton("Opprett")
	require.Equal(t, http.StatusForbidden, ola.Status())
	require.Contains(t, ola.Text(), "personnummeret ditt er ikke registrert for produksjon hos Eksempel Konsument AS")
	require.Contains(t, ola.Text(), "servicedesk@digdir.no")
	ola.Open("/integrasjoner?miljo=PROD")
	require.True(t, ola.HasLink("Olas produksjonsklient"))
	require.False(t, ola.HasLink("Olas andre klient"), "nothing was saved")

	// The audit log: the servicedesk's own changes, in its role.
	browserConsole(t, sven, "Endringslogg")
	sven.SelectOption("Rolle", "Servicedesk")
	sven.ClickButton("Vis")
	log := sven.Within("Endringslogg")
	rows := log.Text()
	require.Contains(t, rows, "Registrerte person for produksjon")
	require.Contains(t, rows, "Fjernet person for produksjon")
	require.Regexp(t, `Sven Servicedesk\s+Servicedesk\s+Eksempel Konsument AS \(310000019\)\s+PROD\s+Fjernet person for produksjon`, rows,
		"the newest first: who, in which role, which organisation")
	require.NotContains(t, rows, "Opprettet integrasjon", "an employee's change is not the servicedesk's")
	sven.Expand("Vis før og etter")
	require.Contains(t, log.Text(), "028790 *****")
	require.NotContains(t, sven.Text(), demo.Ola.PID, "the audit log keeps the number masked")
}

// TestBrowserConsoleDomainsAndPrefixes: Sven links konsument.example to a
// second organisation, and Kari, logged in, gets the chooser at her next
// request; Sven assigns a prefix to Eksempel Konsument AS, and Kari creates
// a scope under it in "Mine API". Sven finds Kari's sessions and where she
// is registered, and sees his changes in the audit log; unlinking the
// domain gives Kari the "not linked" page, and ending her sessions logs her
// out, each at her next request. axe-core checks every page on the way.
func TestBrowserConsoleDomainsAndPrefixes(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	sven := site.Browser(t)
	kari := sven.SecondBrowser()
	kari.LoginAs(demo.Kari.Name)
	require.Equal(t, "/integrasjoner", kari.Path())

	sven.LoginAs(demo.Sven.Name)
	browserConsole(t, sven, "E-postdomener")
	sven.FillField("Søk etter domene", "konsument")
	sven.ClickButton("Søk")
	sven.ClickLink("konsument.example")
	require.Contains(t, sven.Text(), "Eksempel Konsument AS (310000019)")
	sven.FillField("Organisasjonsnummer", demo.Skatteetaten)
	sven.ClickButton("Koble til")
	require.Contains(t, sven.Text(), "Domenet er koblet til virksomheten.")
	leads := sven.Within("Fører til").Text()
	require.Contains(t, leads, "Eksempel Konsument AS")
	require.Contains(t, leads, "Skatteetaten")

	kari.Open("/integrasjoner?miljo=TEST")
	require.Equal(t, "/velg-virksomhet", kari.Path(), "the chooser at Kari's next request")
	require.Contains(t, kari.Text(), "Skatteetaten (974761076)")
	kari.Check("Eksempel Konsument AS")
	kari.ClickButton("Fortsett")
	require.Contains(t, kari.Text(), "Du representerer: Eksempel Konsument AS (310000019)")

	browserConsole(t, sven, "Scope-prefikser")
	sven.FillField("Prefiks", "skatteetaten")
	sven.FillField("Organisasjonsnummer", demo.EksempelKonsument)
	sven.ClickButton("Tildel")
	require.Equal(t, http.StatusConflict, sven.Status())
	require.Contains(t, sven.Text(), "Prefikset er allerede tildelt en virksomhet.")
	sven.FillField("Prefiks", "konsument")
	sven.FillField("Organisasjonsnummer", demo.EksempelKonsument)
	sven.ClickButton("Tildel")
	require.Equal(t, "/servicedesk/prefikser/konsument", sven.Path(), "the prefix's page")
	require.Contains(t, sven.Text(), "Prefikset er tildelt.")
	require.Contains(t, sven.Text(), "Eksempel Konsument AS")

	browserMineAPI(t, kari, "TEST")
	kari.ClickLink("Nytt scope")
	kari.SelectOption("Prefiks", "konsument")
	kari.FillField("Subscope", "kundedata.les")
	kari.FillField("Beskrivelse", "Kundedata: oppslag")
	kari.Check("Offentlig – vises for alle virksomheter")
	kari.FillField("Maks levetid for tilgangstoken (sekunder)", "120")
	kari.ClickButton("Opprett")
	require.Equal(t, http.StatusOK, kari.Status())
	require.Contains(t, kari.Text(), "Scopet er opprettet.")
	require.Contains(t, kari.Text(), "konsument:kundedata.les")

	browserConsole(t, sven, "Innlogginger")
	sven.FillField("Fødselsnummer eller e-postadresse", demo.Kari.PID)
	sven.ClickButton("Søk")
	require.Contains(t, sven.Text(), "Innlogginger for Kari Konsument", "one person found: her sessions")
	require.Contains(t, sven.Text(), "ID-porten med fødselsnummer")
	require.Contains(t, sven.Text(), "Eksempel Konsument AS", "the organisation she chose")
	require.NotContains(t, sven.Text(), demo.Kari.PID)

	browserConsole(t, sven, "Personer for produksjon")
	sven.FillField("Navn eller fødselsnummer", "Kari")
	sven.ClickButton("Søk")
	require.Contains(t, sven.Text(), "158385 *****")

	browserConsole(t, sven, "Endringslogg")
	sven.SelectOption("Rolle", "Servicedesk")
	sven.ClickButton("Vis")
	rows := sven.Within("Endringslogg").Text()
	require.Regexp(t, `Sven Servicedesk\s+Servicedesk\s+Eksempel Konsument AS \(310000019\)\s+Tildelte scope-prefiks`, rows)
	require.Regexp(t, `Sven Servicedesk\s+Servicedesk\s+Skatteetaten \(974761076\)\s+Koblet e-postdomene`, rows)

	// A domain that leads nowhere: Kari gets the "not linked" page at her
	// next request.
	browserConsole(t, sven, "E-postdomener")
	sven.FillField("Søk etter domene", "konsument.example")
	sven.ClickButton("Søk")
	sven.ClickLink("konsument.example")
	sven.ClickButton("Fjern koblingen til Skatteetaten")
	require.Contains(t, sven.Text(), "Koblingen er fjernet.")
	sven.ClickButton("Fjern koblingen til Eksempel Konsument AS")
	require.Contains(t, sven.Text(), "Koblingen er fjernet.")
	require.Zero(t, sven.Within("Fører til").Count(`//li`))
	kari.Open("/mine-api?miljo=TEST")
	require.Equal(t, http.StatusForbidden, kari.Status())
	require.Equal(t, "/ingen-virksomhet", kari.Path())
	require.Contains(t, kari.Text(), "E-postdomenet ditt er ikke koblet til en virksomhet")

	// Ending Kari's sessions logs her out at her next request.
	browserConsole(t, sven, "Innlogginger")
	sven.FillField("Fødselsnummer eller e-postadresse", demo.Kari.Email)
	sven.ClickButton("Søk")
	sven.ClickButton("Avslutt alle innlogginger")
	require.Contains(t, sven.Text(), "Ingen aktive innlogginger.")
	kari.Open("/mine-api?miljo=TEST")
	require.NotContains(t, kari.URL(), site.URL, "Kari logs in again")
}

// TestBrowserConsoleIsServicedesksAlone: Kari and Ola get the 403 page with
// its reason for every route of the console, walked from the router (a
// route added later is checked too): each GET opened, each POST sent with
// the person's own form token. Each walks some forty pages, every one
// checked by axe-core, so each gets a browser (and a deadline) of their
// own, beside the other on the same portal.
func TestBrowserConsoleIsServicedesksAlone(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	routes := append(consoleRoutes(t), struct{ method, path string }{http.MethodGet, "/servicedesk/finnes-ikke"})
	for _, p := range []demo.Person{demo.Kari, demo.Ola} {
		t.Run(strings.Fields(p.Name)[0], func(t *testing.T) {
			t.Parallel()
			b := site.Browser(t)
			b.LoginAs(p.Name)
			require.False(t, b.Within("Hovedmeny").HasLink("Servicedesk"), "no console in the menu")
			for _, r := range routes {
				if r.method == http.MethodPost {
					b.SubmitForm(r.path, url.Values{"virksomhet": {demo.EksempelKonsument}})
				} else {
					b.Open(r.path)
				}
				require.Equal(t, http.StatusForbidden, b.Status(), "%s %s", r.method, r.path)
				require.Contains(t, b.Text(), "Denne siden er bare for Digdirs servicedesk.", "%s %s", r.method, r.path)
			}
		})
	}
}
