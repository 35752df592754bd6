package web_test

import (
	"context"
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

	t.Run("ProviderPages", func(t *testing.T) {
		t.Parallel()
		var mva string
		require.NoError(t, site.Pool.QueryRow(context.Background(),
			`SELECT id::text FROM scopes WHERE name = 'skatteetaten:mva'`).Scan(&mva))
		_, err := site.Pool.Exec(context.Background(), `
			INSERT INTO scope_access_requests (scope_id, org_no, env, reason, requested_by)
			SELECT id, '310000019', 'PROD', 'Til regnskapet', 'Kari Konsument' FROM scopes WHERE name = 'skatteetaten:testapi'`)
		require.NoError(t, err)
		b := site.Browser(t)
		b.LoginAs(demo.Petra.Name)
		for _, path := range []string{
			"/mine-api?miljo=TEST",
			"/mine-api?miljo=PROD", // with a request waiting
			"/mine-api/ny?miljo=TEST",
			"/mine-api/scopes/" + mva,
			"/mine-api/scopes/" + mva + "/endre",
			"/mine-api/scopes/" + mva + "/deaktiver",
			"/mine-api/scopes/" + mva + "/tilgang/TEST/310000019/fjern",
		} {
			b.Open(path)
		}
		b.Open("/mine-api/ny?miljo=TEST")
		b.FillField("Subscope", "Ugyldig//navn")
		b.ClickButton("Opprett") // the form with errors
		require.Contains(t, b.Text(), "Skjemaet har feil")
		b.Open("/mine-api/scopes/" + mva)
		b.Within("Tilgang i PROD").FillField("Legg til tilgang i PROD", "123")
		b.Within("Tilgang i PROD").ClickButton("Legg til tilgang i PROD") // a refused list
		require.Contains(t, b.Text(), "«123» er ikke et gyldig organisasjonsnummer")

		k := b.SecondBrowser()
		k.LoginAs(demo.Kari.Name)
		k.Open("/mine-api?miljo=TEST") // no prefix: how to get one
		k.Open("/tilgangsforesporsler")
		k.Open("/tilgangsforesporsler/ny?miljo=PROD&scope=skatteetaten%3Askattemelding")
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
