package web_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// TestBrowserCreateIntegration follows "Opprette klient for å konsumere API".
func TestBrowserCreateIntegration(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)

	t.Run("KariInTEST", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		browserInnlogging(t, b, demo.Kari, "TEST")
		picker := browserStartCreate(t, b, "TEST", "Lønnssystem TEST")
		offered := picker.Text()
		require.Contains(t, offered, "skatteetaten:testapi")
		require.Contains(t, offered, "skatteetaten:mva")
		require.NotContains(t, offered, "skatteetaten:intern", "a scope not shared is not offered")

		clientID := browserFinishCreate(t, b, picker, demo.Kari, "Lønnssystem TEST", "skatteetaten:testapi")
		b.ClickLink("Tilbake til integrasjonene")
		require.Contains(t, b.Text(), "Integrasjoner i TEST")
		require.True(t, b.HasLink("Lønnssystem TEST"))
		require.Contains(t, b.Text(), clientID)
	})

	t.Run("KariInPROD", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		browserInnlogging(t, b, demo.Kari, "PROD")
		picker := browserStartCreate(t, b, "PROD", "Lønnssystem PROD")
		offered := picker.Text()
		require.Contains(t, offered, "skatteetaten:mva")
		require.Zero(t, picker.Count(`//input[@type='checkbox'][@value='skatteetaten:testapi']`), "testapi is shared in TEST only")
		require.Contains(t, offered, "Scopet skatteetaten:testapi er delt med dere i TEST, ikke i PROD.", "and the picker says so")

		// The FAQ: the scope is missing because it is shared in another environment.
		picker.FillField("Søk etter scope", "testapi")
		picker.ClickButton("Søk")
		require.Contains(t, b.Text(), "Scopet skatteetaten:testapi er delt med dere i TEST, ikke i PROD.")
		require.Equal(t, "Lønnssystem PROD", b.Value("Navn på integrasjonen"), "searching keeps the form")

		picker.FillField("Søk etter scope", "")
		picker.ClickButton("Søk")
		browserFinishCreate(t, b, picker, demo.Kari, "Lønnssystem PROD", "skatteetaten:mva")
		require.Contains(t, b.Text(), "PROD")
		b.ClickLink("Tilbake til integrasjonene")
		require.Contains(t, b.Text(), "Integrasjoner i PROD")
		require.True(t, b.HasLink("Lønnssystem PROD"))
	})

	t.Run("OlaInTEST", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		browserInnlogging(t, b, demo.Ola, "TEST")
		require.False(t, b.Disabled("Ny integrasjon"), "TEST is for experimenting")
		picker := browserStartCreate(t, b, "TEST", "Olas eksperiment")
		browserFinishCreate(t, b, picker, demo.Ola, "Olas eksperiment", "skatteetaten:mva")
	})
}

// TestBrowserProductionGate is the FAQ's "«Ny integrasjon» er grået ut i
// produksjonsmiljøet".
func TestBrowserProductionGate(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)

	t.Run("OlaInPROD", func(t *testing.T) {
		t.Parallel()
		browserSeedIntegration(t, site, environment.Prod, "Karis produksjonsklient", "skatteetaten:mva")
		b := site.Browser(t)
		browserInnlogging(t, b, demo.Ola, "PROD")
		require.True(t, b.Disabled("Ny integrasjon"))
		require.Equal(t, "hvorfor-gratt-ut", b.Attrs("Ny integrasjon")["aria-describedby"], "the greyed-out button says why")
		page := b.Text()
		require.Contains(t, page, "personnummeret ditt er ikke registrert for produksjon hos Eksempel Konsument AS")
		require.Contains(t, page, "servicedesk@digdir.no")

		b.ClickLink("Karis produksjonsklient")
		require.True(t, b.Disabled("Endre"))
		require.Contains(t, b.Text(), "personnummeret ditt er ikke registrert for produksjon")
		require.True(t, b.Disabled("Legg til nøkkel"))
	})

	t.Run("KariLogsInAgainAfterAWhile", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		browserInnlogging(t, b, demo.Kari, "PROD")
		require.False(t, b.Disabled("Ny integrasjon"), "a login just now is recent enough")
		ageLoginsOf(t, site, demo.Kari.Name, 16*time.Minute)
		b.Open("/integrasjoner?miljo=PROD")
		require.True(t, b.Disabled("Ny integrasjon"))
		require.Contains(t, b.Text(), tooOld)
		b.ClickLink("Logg inn på nytt")
		require.NotContains(t, b.URL(), site.URL, "the stand-in ID-porten asks again")
		b.ClickButton(demo.Kari.Name)
		require.Equal(t, site.URL+"/integrasjoner?miljo=PROD", b.URL())
		require.False(t, b.Disabled("Ny integrasjon"))
		require.NotContains(t, b.Text(), tooOld)
	})

	t.Run("OlaInTESTCanChange", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		browserInnlogging(t, b, demo.Ola, "TEST")
		b.ClickLink("Testklient")
		require.False(t, b.Disabled("Endre"))
		require.NotContains(t, b.Text(), "grået ut")
	})
}

// TestBrowserDeactivateIntegration follows "Slette klient".
func TestBrowserDeactivateIntegration(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)

	for _, env := range []environment.Env{environment.Test, environment.Prod} {
		t.Run("KariIn"+string(env), func(t *testing.T) {
			t.Parallel()
			name := "Skal slettes " + string(env)
			browserSeedIntegration(t, site, env, name, "skatteetaten:mva")
			b := site.Browser(t)
			browserInnlogging(t, b, demo.Kari, string(env))
			b.ClickLink(name)
			b.ClickLink("Endre")
			require.Contains(t, b.Text(), "Endre "+name)
			b.ClickLink("Deaktiver")
			require.Contains(t, b.Text(), "Deaktiver "+name)
			b.ClickButton("Bekreft deaktivering")
			require.Equal(t, http.StatusOK, b.Status())
			page := b.Text()
			require.Contains(t, page, "Integrasjonen er deaktivert")
			require.Contains(t, page, "Inaktiv")
			require.False(t, b.HasLink("Endre"), "a deactivated integration cannot be changed")
			require.Regexp(t, `Kari Konsument\s+Deaktivert`, textAfter(page, "Historikk"))

			b.ClickLink("Tilbake til integrasjonene")
			require.False(t, b.HasLink(name), "the default list shows active integrations")
			b.ClickLink("Inaktive")
			require.True(t, b.HasLink(name))
		})
	}
}

// TestBrowserEditIntegration changes name and scopes with "Endre".
func TestBrowserEditIntegration(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)

	t.Run("NameAndScopesInTEST", func(t *testing.T) {
		t.Parallel()
		browserSeedIntegration(t, site, environment.Test, "Før endring", "skatteetaten:testapi")
		b := site.Browser(t)
		browserInnlogging(t, b, demo.Kari, "TEST")
		b.ClickLink("Før endring")
		b.ClickLink("Endre")
		require.Equal(t, "Før endring", b.Value("Navn på integrasjonen"))
		b.FillField("Navn på integrasjonen", "Etter endring")
		b.Within("Scopes").Uncheck("skatteetaten:testapi")
		b.ClickButton("Legg til scopes")
		picker := b.Within("Scopes delt med Eksempel Konsument AS i TEST")
		picker.Check("skatteetaten:mva")
		picker.ClickButton("Legg til valgte")
		chosen := textBetween(b.Within("Scopes").Text(), "Valgte scopes", "Scopes delt med")
		require.Contains(t, chosen, "skatteetaten:mva")
		require.NotContains(t, chosen, "skatteetaten:testapi")
		require.Equal(t, "Etter endring", b.Value("Navn på integrasjonen"))

		b.ClickButton("Lagre")
		page := b.Text()
		require.Contains(t, page, "Endringene er lagret")
		require.Contains(t, page, "Etter endring")
		scopes := textBetween(page, "Scopes", "Nøkler")
		require.Contains(t, scopes, "skatteetaten:mva")
		require.NotContains(t, scopes, "skatteetaten:testapi")
		require.Regexp(t, `Kari Konsument\s+Endret`, textAfter(page, "Historikk"))
	})
}

// TestBrowserBadInput checks what a person sees after a mistake in the form.
func TestBrowserBadInput(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)

	t.Run("EmptyNameAndNoService", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		browserInnlogging(t, b, demo.Kari, "TEST")
		b.ClickLink("Ny integrasjon")
		b.FillField("Beskrivelse", "Dette skal ikke forsvinne")
		b.ClickButton("Opprett")
		require.Equal(t, http.StatusUnprocessableEntity, b.Status())
		require.Contains(t, b.Text(), "Skjemaet har feil")
		for label, message := range map[string]string{
			"Difi-tjeneste":         "Velg hvilken Difi-tjeneste integrasjonen gjelder.",
			"Navn på integrasjonen": "Skriv inn et navn på integrasjonen.",
		} {
			invalid, _ := b.FieldAttr(label, "aria-invalid")
			require.Equal(t, "true", invalid, label)
			require.Contains(t, browserDescription(t, b, label), message, "the message is tied to %q", label)
		}
		require.Equal(t, "Dette skal ikke forsvinne", b.Value("Beskrivelse"))
	})

	t.Run("MarkupInName", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		browserInnlogging(t, b, demo.Kari, "TEST")
		b.ClickLink("Ny integrasjon")
		b.SelectOption("Difi-tjeneste", "Maskinporten")
		b.FillField("Navn på integrasjonen", "<b>Fet</b> klient")
		b.ClickButton("Opprett")
		require.Equal(t, http.StatusUnprocessableEntity, b.Status())
		require.Contains(t, browserDescription(t, b, "Navn på integrasjonen"), "Navnet kan ikke inneholde tegnene < og >.")
		require.Equal(t, "<b>Fet</b> klient", b.Value("Navn på integrasjonen"), "the input is kept, as text")
		require.Zero(t, b.Count(`//main//b`), "the name is never markup")
	})
}

// TestBrowserLostUpdate: two people edit the same integration; the second
// save is refused, and the second person's input is still there.
func TestBrowserLostUpdate(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)

	t.Run("KariSavesFirstOlaIsTold", func(t *testing.T) {
		t.Parallel()
		browserSeedIntegration(t, site, environment.Test, "Delt klient", "skatteetaten:testapi")
		kari := site.Browser(t)
		ola := kari.SecondBrowser()
		for _, s := range []struct {
			b *webtest.Browser
			p demo.Person
		}{{kari, demo.Kari}, {ola, demo.Ola}} {
			browserInnlogging(t, s.b, s.p, "TEST")
			s.b.ClickLink("Delt klient")
			s.b.ClickLink("Endre")
		}

		kari.FillField("Navn på integrasjonen", "Karis navn")
		kari.ClickButton("Lagre")
		require.Contains(t, kari.Text(), "Endringene er lagret")

		ola.FillField("Navn på integrasjonen", "Olas navn")
		ola.ClickButton("Lagre")
		require.Equal(t, http.StatusConflict, ola.Status())
		page := ola.Text()
		require.Contains(t, page, "ble endret av Kari Konsument")
		require.Contains(t, page, "Karis navn", "Ola sees what is stored now")
		require.Equal(t, "Olas navn", ola.Value("Navn på integrasjonen"), "Ola's input is kept")
	})
}
