package web_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/keyexpiry"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// TestBrowserMerchantData follows "Vedlikehald av merkantile data" of
// Digdir's "Selvbetjening som API-konsument" to the letter: "Virksomhetens
// tjenester" in the left menu, the service in the list, "Rediger
// integrasjon", the information, "Lagre". Kari adds a notification point,
// the warning goes away, and the point is where the reminder before a key
// expires arrives.
func TestBrowserMerchantData(t *testing.T) {
	t.Parallel()
	site := webtest.StartWith(t, webtest.Options{Mail: true})
	b := site.Browser(t)
	b.LoginAs(demo.Kari.Name)
	require.Contains(t, b.Text(), "Virksomheten mangler varslingspunkter", "the integration list warns")

	b.Within("Hovedmeny").ClickLink("Virksomhetens tjenester")
	require.Equal(t, "/tjenester", b.Path())
	require.Contains(t, b.Text(), "Mangler fakturainformasjon og varslingspunkt")
	b.ClickLink("Maskinporten (API-konsument)")
	require.Equal(t, "/tjenester/maskinporten-konsument", b.Path())
	require.Contains(t, b.Text(), "Ingen varslingspunkter er registrert.")
	b.ClickLink("Rediger integrasjon")
	require.Equal(t, "/tjenester/maskinporten-konsument/rediger", b.Path())

	b.FillField("Fakturaadresse (e-post)", "faktura@konsument.example")
	b.FillField("Postadresse", "Postboks 12\n0101 Oslo")
	b.FillField("Deres referanse", "MP-2026")
	b.FillField("Kontaktperson", "Kari Konsument")
	b.ClickButton("Legg til varslingspunkt")
	first := b.Within("Varslingspunkt 1")
	first.FillField("Navn", "Driftsvakt")
	first.FillField("E-post", "vakt@konsument")
	first.FillField("Telefon (valgfritt)", "912 34 567")

	// A second one, removed again: both without JavaScript, keeping the rest.
	b.ClickButton("Legg til varslingspunkt")
	b.Within("Varslingspunkt 2").FillField("Navn", "Feil rad")
	b.ClickButton("Fjern varslingspunkt 2")
	require.NotContains(t, b.Text(), "Varslingspunkt 2")
	require.Equal(t, "Driftsvakt", first.Value("Navn"))
	require.Equal(t, "Kari Konsument", b.Value("Kontaktperson"))

	b.ClickButton("Lagre")
	require.Equal(t, 422, b.Status())
	require.Contains(t, b.Text(), "Skriv inn en gyldig e-postadresse")
	require.Equal(t, "MP-2026", b.Value("Deres referanse"), "the other input is kept")
	first.FillField("E-post", "vakt@konsument.example")
	// Enter in a field saves, as "Lagre" does; it does not remove a point.
	first.PressEnterIn("E-post")
	require.Equal(t, "/tjenester/maskinporten-konsument", b.Path())
	require.Contains(t, b.Text(), "Endringene er lagret.")
	require.Contains(t, b.Text(), "vakt@konsument.example")
	require.Contains(t, b.Text(), "+47 912 34 567")
	require.NotContains(t, b.Text(), "Virksomheten mangler varslingspunkter")

	b.Within("Hovedmeny").ClickLink("Virksomhetens tjenester")
	require.Contains(t, b.Text(), "Komplett")
	require.NotContains(t, b.Text(), "Virksomheten mangler varslingspunkter")
	b.Open("/integrasjoner?miljo=TEST")
	require.NotContains(t, b.Text(), "Virksomheten mangler varslingspunkter", "the warning is gone from the list too")

	// The notification point is where a key's reminder goes.
	ctx := context.Background()
	private, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	jwk, _ := browserPublicJWK(t, private, "testklient-nokkel")
	key, err := integration.AddKey(ctx, site.Pool, browserKari, uuid.MustParse(demo.TestklientID), jwk)
	require.NoError(t, err)
	n, err := keyexpiry.Remind(ctx, site.Pool, key.ExpiresAt.Add(-7*24*time.Hour+time.Hour), site.URL)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	got := site.Mail.WaitFor(t, 1, 20*time.Second)
	require.Equal(t, []string{"vakt@konsument.example"}, got[0].To)
	require.Equal(t, "Nøkkel til «Testklient» i Maskinporten TEST utløper om 7 dager", got[0].Subject())
	require.Contains(t, got[0].Text(), "Nøkkel-ID (kid): testklient-nokkel")
	require.Contains(t, got[0].Text(), site.URL+"/integrasjoner/"+demo.TestklientID+"#nokler")

	b.Open("/integrasjoner/" + demo.TestklientID)
	require.Contains(t, b.Text(), "testklient-nokkel")
	require.Contains(t, b.Text(), key.ExpiresAt.In(time.Local).Format("2006"), "the key row shows its expiry")
}

// TestBrowserMerchantDataWithoutJavaScript: "Legg til varslingspunkt" and
// "Fjern" are buttons of the form, so they work with scripts turned off.
func TestBrowserMerchantDataWithoutJavaScript(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	b := site.Browser(t)
	b.DisableJavaScript()
	b.LoginAs(demo.Ola.Name)
	b.Open("/tjenester/maskinporten-konsument/rediger")
	b.FillField("Kontaktperson", "Ola Uregistrert")
	b.ClickButton("Legg til varslingspunkt")
	b.ClickButton("Legg til varslingspunkt")
	require.Equal(t, 200, b.Status())
	b.Within("Varslingspunkt 1").FillField("Navn", "Første")
	b.Within("Varslingspunkt 2").FillField("Navn", "Andre")
	b.ClickButton("Fjern varslingspunkt 1")
	require.Equal(t, "Andre", b.Within("Varslingspunkt 1").Value("Navn"), "the right one was removed")
	require.Equal(t, "Ola Uregistrert", b.Value("Kontaktperson"))
	var n int
	require.NoError(t, site.Pool.QueryRow(context.Background(), `SELECT count(*) FROM merchant_data`).Scan(&n))
	require.Equal(t, 2, n, "only the demo data's: adding and removing save nothing")
}
