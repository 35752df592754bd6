package web_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// TestBrowserConsoleOrganisations: Sven finds the console in the left
// menu, searches for an organisation, creates one (a wrong check digit
// first) and renames it. axe-core checks every page on the way.
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

	menu.ClickLink("Virksomheter")
	b.ClickLink("Ny virksomhet")
	b.FillField("Organisasjonsnummer", "974760674")
	b.FillField("Navn på virksomheten", "Brønnøysundregistrene")
	b.ClickButton("Opprett virksomhet")
	require.Equal(t, 422, b.Status())
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
