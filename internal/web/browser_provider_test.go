package web_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// browserMineAPI goes to "Mine API" the way integrations are reached:
// "Virksomhetens tjenester", "Administrasjon av tjenester", then "Mine API"
// in the environment.
func browserMineAPI(t *testing.T, b *webtest.Browser, env string) {
	t.Helper()
	menu := b.Within("Hovedmeny")
	menu.ClickLink("Virksomhetens tjenester")
	menu.ClickLink("Administrasjon av tjenester")
	b.Within("Miljø " + env).ClickLink("Mine API")
	require.Equal(t, "/mine-api", b.Path())
	require.Contains(t, b.Text(), "Mine API i "+env)
}

// TestBrowserProviderSharesScope follows the "Done when" to the
// letter: Petra Tilbyder creates a scope in TEST and shares it with
// Eksempel Konsument AS; Kari Konsument finds it in "Legg til scopes" in
// TEST, but not in PROD, where the picker says it is shared in TEST only;
// Kari asks for access in PROD, Petra approves, and Kari can now pick it in
// PROD; Petra withdraws the TEST access and Kari's integration shows the
// scope flagged.
func TestBrowserProviderSharesScope(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	const scope = "skatteetaten:lonn/innrapportering.les"

	petra := site.Browser(t)
	petra.LoginAs(demo.Petra.Name)
	browserMineAPI(t, petra, "TEST")
	require.Contains(t, petra.Text(), "skatteetaten:mva", "today's scopes are listed")
	petra.ClickLink("Nytt scope")
	require.Contains(t, petra.Text(), "Nytt scope")
	petra.SelectOption("Prefiks", "skatteetaten")
	petra.FillField("Subscope", "lonn/innrapportering.les")
	petra.FillField("Beskrivelse", "Lønnsopplysninger: oppslag")
	petra.FillField("Utfyllende beskrivelse", "Til lønnssystemer som henter innrapporterte opplysninger.")
	petra.Check("Offentlig – vises for alle virksomheter")
	petra.FillField("Maks levetid for tilgangstoken (sekunder)", "300")
	petra.ClickButton("Opprett")
	require.Equal(t, http.StatusOK, petra.Status())
	page := petra.Text()
	require.Contains(t, page, "Scopet er opprettet.")
	require.Contains(t, page, scope)
	scopePage := petra.Path()

	test := petra.Within("Tilgang i TEST")
	require.Contains(t, test.Text(), "Ingen virksomheter har tilgang i TEST.")
	test.FillField("Legg til tilgang i TEST", "310000019")
	test.ClickButton("Legg til tilgang i TEST")
	require.Contains(t, petra.Text(), "Tilgangen er lagt til.")
	require.Contains(t, petra.Within("Tilgang i TEST").Text(), "Eksempel Konsument AS")
	require.Contains(t, petra.Within("Tilgang i PROD").Text(), "Ingen virksomheter har tilgang i PROD.")

	// Kari finds it in TEST and makes an integration with it.
	kari := petra.SecondBrowser()
	browserInnlogging(t, kari, demo.Kari, "TEST")
	picker := browserStartCreate(t, kari, "TEST", "Lønnssystem")
	require.Contains(t, picker.Text(), scope)
	testClient := browserFinishCreate(t, kari, picker, demo.Kari, "Lønnssystem", scope)

	// Not in PROD, where the picker says it is shared in TEST only.
	kari.Within("Hovedmeny").ClickLink("Integrasjoner (PROD)")
	picker = browserStartCreate(t, kari, "PROD", "Lønnssystem PROD")
	require.Zero(t, picker.Count(`//input[@type='checkbox'][@value='`+scope+`']`), "not offered in PROD")
	picker.FillField("Søk etter scope", "innrapportering")
	picker.ClickButton("Søk")
	require.Contains(t, picker.Text(), "Scopet "+scope+" er delt med dere i TEST, ikke i PROD.")

	// Kari asks for access in PROD.
	picker.ClickLink("Be om tilgang til " + scope + " i PROD")
	require.Contains(t, kari.Text(), "Be om tilgang til "+scope+" i PROD")
	kari.FillField("Begrunnelse (valgfritt)", "Lønnssystemet skal i produksjon.")
	kari.ClickButton("Send forespørsel")
	require.Equal(t, "/tilgangsforesporsler", kari.Path())
	page = kari.Text()
	require.Contains(t, page, "Forespørselen er sendt til API-tilbyderen.")
	require.Regexp(t, scope+`\s+PROD\s+Skatteetaten\s+.*Kari Konsument\s+Venter på svar`, page)

	// Petra approves.
	browserMineAPI(t, petra, "PROD")
	requests := petra.Within("Forespørsler om tilgang i PROD (1)")
	require.Contains(t, requests.Text(), "Eksempel Konsument AS (310000019) ber om "+scope)
	require.Contains(t, requests.Text(), "Lønnssystemet skal i produksjon.")
	requests.ClickButton("Godkjenn Eksempel Konsument AS " + scope)
	require.Contains(t, petra.Text(), "Forespørselen er godkjent, og virksomheten har fått tilgang.")
	require.Contains(t, petra.Text(), "Forespørsler om tilgang i PROD (0)")

	kari.Within("Hovedmeny").ClickLink("Tilgangsforespørsler")
	require.Regexp(t, scope+`\s+PROD\s+Skatteetaten\s+.*Godkjent\s+.*Petra Tilbyder`, kari.Text())

	// Kari can now pick it in PROD.
	kari.Within("Hovedmeny").ClickLink("Integrasjoner (PROD)")
	picker = browserStartCreate(t, kari, "PROD", "Lønnssystem PROD")
	browserFinishCreate(t, kari, picker, demo.Kari, "Lønnssystem PROD", scope)

	// Petra withdraws the TEST access; Kari's integration shows the scope flagged.
	petra.Open(scopePage)
	require.Contains(t, petra.Within("Tilgang i PROD").Text(), "Eksempel Konsument AS")
	test = petra.Within("Tilgang i TEST")
	require.Regexp(t, `310000019\s+Eksempel Konsument AS\s+.*Petra Tilbyder\s+1`, test.Text(), "one integration uses it")
	test.ClickLink("Fjern tilgang for 310000019 i TEST")
	require.Contains(t, petra.Text(), "Fjern tilgang til "+scope+" for 310000019 i TEST")
	petra.ClickButton("Bekreft fjerning")
	require.Contains(t, petra.Text(), "Tilgangen er fjernet.")
	require.Contains(t, petra.Within("Tilgang i TEST").Text(), "Ingen virksomheter har tilgang i TEST.")

	kari.Open("/integrasjoner/" + testClient)
	scopes := textBetween(kari.Text(), "Scopes", "Nøkler")
	require.Contains(t, scopes, scope)
	require.Contains(t, scopes, "Tilgangen er trukket tilbake av API-tilbyder")

	// Deactivating the scope flags it on the PROD integration too; it can be reactivated.
	petra.Open(scopePage)
	petra.ClickLink("Deaktiver")
	petra.ClickButton("Bekreft deaktivering")
	require.Contains(t, petra.Text(), "Scopet er deaktivert.")
	kari.Within("Hovedmeny").ClickLink("Integrasjoner (PROD)")
	kari.ClickLink("Lønnssystem PROD")
	require.Contains(t, textBetween(kari.Text(), "Scopes", "Nøkler"), "Scopet er deaktivert av API-tilbyder")
	petra.ClickButton("Aktiver igjen")
	require.Contains(t, petra.Text(), "Scopet er aktivert igjen.")
}
