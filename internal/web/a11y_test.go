package web_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// TestBrowserAccessibility visits every kind of page in each state a person
// meets it in. The browser checks each page it lands on with axe-core
// (WCAG 2.0 and 2.1, A and AA) and the house rules (see webtest); the other
// browser tests are checked the same way along their flows.
func TestBrowserAccessibility(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)

	t.Run("KariPages", func(t *testing.T) {
		t.Parallel()
		id := browserSeedIntegration(t, site, environment.Test, "Tilgjengelig klient", "skatteetaten:testapi").String()
		b := site.Browser(t)
		b.LoginAs(demo.Kari.Name)
		for _, path := range []string{
			"/integrasjoner?miljo=TEST",
			"/integrasjoner?miljo=PROD",
			"/integrasjoner?miljo=TEST&vis=inaktive",
			"/tjenester",
			"/tjenester/administrasjon",
			"/tjenester/maskinporten-konsument",
			"/tjenester/maskinporten-konsument/rediger",
			"/integrasjoner/" + id,
			"/integrasjoner/" + id + "/endre",
			"/integrasjoner/" + id + "/deaktiver",
			"/finnes-ikke",
		} {
			b.Open(path)
		}

		b.Open("/integrasjoner/ny?miljo=TEST")
		b.ClickButton("Legg til scopes") // the scope picker open
		b.ClickButton("Opprett")         // the form with errors
		require.Contains(t, b.Text(), "Skjemaet har feil")
		b.Open("/integrasjoner/" + id)
		b.FillField("Offentlig nøkkel", "ikke en nøkkel")
		b.ClickButton("Legg til nøkkel") // a refused key
		b.Open("/tjenester/maskinporten-konsument/rediger")
		b.ClickButton("Legg til varslingspunkt") // a notification point to fill in
		b.ClickButton("Lagre")                   // the merchant form with errors
		require.Contains(t, b.Text(), "Skjemaet har feil")
	})

	t.Run("OlaInPROD", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		b.LoginAs(demo.Ola.Name)
		b.Open("/integrasjoner?miljo=PROD")
		b.Open("/integrasjoner/ny?miljo=PROD")
	})

	t.Run("WithoutOrganisationOrLogin", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		b.Open("/")               // the front page
		b.LoginAs(demo.Dina.Name) // the organisation chooser
		b.ClickButton("Logg ut")  // logged out
		b.LoginAs(demo.Ulf.Name)  // the domain is not linked
	})

	t.Run("NarrowScreen", func(t *testing.T) {
		t.Parallel()
		// Tables scroll sideways at 320 CSS pixels; the scrolling box must
		// then be reachable from the keyboard.
		b := site.Browser(t)
		b.Viewport(320, 640)
		b.LoginAs(demo.Kari.Name)
		b.Open("/integrasjoner/" + demo.RegnskapClientID)
	})
}
