package web_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// TestBrowserConsoleOrganisations: Sven finds the console in the left
// menu, searches for an organisation, creates one (a wrong check digit
// first) and renames it; an organisation's page shows its merchant data,
// read-only. axe-core checks every page on the way.
func TestBrowserConsoleOrganisations(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	b := site.Browser(t)
	b.LoginAs("Sven Servicedesk")
	menu := b.Within("Hovedmeny")
	menu.ClickLink("Servicedesk")
	require.Equal(t, "/servicedesk", b.Path())
	menu.ClickLink("Virksomheter")
	b.FillField("Søk på navn eller organisasjonsnummer", "konsument")
	b.ClickButton("Søk")
	b.ClickLink("Eksempel Konsument AS")
	require.Contains(t, b.Text(), "konsument.example")
	merchant := b.Within("Merkantile data")
	require.Contains(t, merchant.Text(), "Maskinporten (API-konsument)")
	require.Contains(t, merchant.Text(), "Ingen varslingspunkter er registrert.", "Eksempel Konsument AS has none")

	menu.ClickLink("Virksomheter")
	b.FillField("Søk på navn eller organisasjonsnummer", demo.Skatteetaten)
	b.ClickButton("Søk")
	b.ClickLink("Skatteetaten")
	merchant = b.Within("Merkantile data")
	text := merchant.Text()
	require.Contains(t, text, "Maskinporten (API-konsument)")
	require.Contains(t, text, "Maskinporten (API-tilbyder)", "a provider's two services")
	require.Contains(t, text, "Fakturainformasjon")
	require.Equal(t, 2, merchant.Count(`//table[.//th[normalize-space()="E-post"]]`), "the notification points of each service")
	require.Zero(t, merchant.Count(`//*[self::a or self::button or self::input]`), "read-only: the organisation keeps its merchant data itself")

	menu.ClickLink("Virksomheter")
	b.ClickLink("Ny virksomhet")
	b.FillField("Organisasjonsnummer", "974760674")
	b.FillField("Navn på virksomheten", "Brønnøysundregistrene")
	b.ClickButton("Opprett virksomhet")
	require.Equal(t, http.StatusUnprocessableEntity, b.Status())
	require.Contains(t, b.Text(), "Organisasjonsnummeret har feil kontrollsiffer.")
	b.FillField("Organisasjonsnummer", "974760673")
	b.ClickButton("Opprett virksomhet")
	require.Equal(t, "/servicedesk/virksomheter/974760673", b.Path())
	require.Contains(t, b.Text(), "Virksomheten er opprettet.")
	b.Within("Endre navn").FillField("Navn på virksomheten", "Brreg")
	b.ClickButton("Lagre navnet")
	require.Contains(t, b.Text(), "Navnet er endret.")

	menu.ClickLink("Servicedesk-roller")
	require.Contains(t, b.Text(), "248168 *****")
}
