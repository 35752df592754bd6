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

func TestBrowserLogin(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)

	for _, p := range []demo.Person{demo.Kari, demo.Ola} {
		t.Run(strings.Fields(p.Name)[0]+"LandsOnTheListInTEST", func(t *testing.T) {
			t.Parallel()
			b := site.Browser(t)
			b.LoginAs(p.Name)
			require.Equal(t, http.StatusOK, b.Status())
			require.Equal(t, "/integrasjoner", b.Path())
			page := b.Text()
			require.Contains(t, page, "Integrasjoner i TEST")
			require.Contains(t, page, "Du representerer: Eksempel Konsument AS (310000019)")
			require.Contains(t, page, "Innlogget som "+p.Name)
			require.True(t, b.HasLink("Regnskapssystem"))
			require.True(t, b.HasLink("Testklient"))
		})
	}

	t.Run("DinaChoosesOrganisationAndSwitches", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		b.LoginAs(demo.Dina.Name)
		require.Equal(t, "/velg-virksomhet", b.Path())
		page := b.Text()
		require.Contains(t, page, "Velg virksomhet")
		require.Contains(t, page, "Delt Domene AS (310000027)")
		require.Contains(t, page, "Delt Domene Holding AS (310000035)")

		b.Check("Delt Domene Holding AS")
		b.ClickButton("Fortsett")
		require.Equal(t, "/integrasjoner", b.Path())
		page = b.Text()
		require.Contains(t, page, "Integrasjoner i TEST")
		require.Contains(t, page, "Du representerer: Delt Domene Holding AS (310000035)")

		b.ClickLink("Bytt virksomhet")
		require.Equal(t, "/velg-virksomhet", b.Path())
		b.Check("Delt Domene AS")
		b.ClickButton("Fortsett")
		require.Equal(t, "/integrasjoner", b.Path())
		page = b.Text()
		require.Contains(t, page, "Du representerer: Delt Domene AS (310000027)")
		require.NotContains(t, page, "Delt Domene Holding AS")
	})

	t.Run("UlfIsToldTheDomainIsNotLinked", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		b.LoginAs(demo.Ulf.Name)
		require.Equal(t, http.StatusForbidden, b.Status())
		require.Equal(t, "/ingen-virksomhet", b.Path())
		page := b.Text()
		require.Contains(t, page, "E-postdomenet ditt er ikke koblet til en virksomhet")
		require.Contains(t, page, "ukjent.example")
		require.True(t, b.HasLink("servicedesk@digdir.no"))
		require.Equal(t, "mailto:servicedesk@digdir.no", b.Attrs("servicedesk@digdir.no")["href"])
		require.False(t, b.HasLink("Virksomhetens tjenester"), "no menu without an organisation")
	})

	t.Run("PetraSeesSkatteetaten", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		b.LoginAs(demo.Petra.Name)
		require.Equal(t, "/integrasjoner", b.Path())
		page := b.Text()
		require.Contains(t, page, "Du representerer: Skatteetaten (974761076)")
		require.Contains(t, page, "Integrasjoner i TEST")
		require.Contains(t, page, "Virksomheten har ingen aktive integrasjoner i dette miljøet.")
		require.False(t, b.HasLink("Regnskapssystem"), "another organisation's integrations are not shown")
	})

	t.Run("LogoutSaysLoggedOut", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		b.LoginAs(demo.Kari.Name)
		b.ClickButton("Logg ut")
		require.Equal(t, "/logget-ut", b.Path())
		require.Contains(t, b.Text(), "Du er logget ut")
		require.False(t, b.HasButton("Logg ut"))

		b.Open("/integrasjoner?miljo=TEST")
		u, err := url.Parse(b.URL())
		require.NoError(t, err)
		require.NotEqual(t, strings.TrimPrefix(site.URL, "http://"), u.Host, "the list asks for a new login")
	})

	t.Run("WithoutPersonNumberProductionNeedsIDporten", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		b.Open("/logg-inn")
		b.FillField("E-post", "kari2@konsument.example")
		require.Empty(t, b.Value("Fødselsnummer"))
		b.ClickButton("Logg inn")
		require.Equal(t, "/integrasjoner", b.Path())
		require.Contains(t, b.Text(), "Du representerer: Eksempel Konsument AS (310000019)")

		b.Within("Hovedmeny").ClickLink("Integrasjoner (PROD)")
		page := b.Text()
		require.Contains(t, page, "Integrasjoner i PROD")
		require.Contains(t, page, "for å administrere i produksjonsmiljøet må du logge inn med ID-porten")
		require.True(t, b.Disabled("Ny integrasjon"))
	})
}

// TestBrowserInnlogging follows "Innlogging (Integrasjoner)" of
// Digdir's "Selvbetjening som API-konsument".
func TestBrowserInnlogging(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)

	for _, env := range []string{"TEST", "PROD"} {
		t.Run("KariIn"+env, func(t *testing.T) {
			t.Parallel()
			b := site.Browser(t)
			browserInnlogging(t, b, demo.Kari, env)
			require.Contains(t, b.URL(), "miljo="+env)
			require.Equal(t, "page", b.Within("Hovedmeny").Attrs("Integrasjoner (" + env + ")")["aria-current"],
				"the menu marks where the person is")
			require.False(t, b.Disabled("Ny integrasjon"), "Kari is registered for production")
		})
	}

	t.Run("AdministrationHasASectionPerEnvironment", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		b.LoginAs(demo.Kari.Name)
		b.Within("Hovedmeny").ClickLink("Virksomhetens tjenester")
		b.Within("Hovedmeny").ClickLink("Administrasjon av tjenester")
		require.Contains(t, b.Within("Miljø TEST").Text(), "eksperimentere")
		require.Contains(t, b.Within("Miljø PROD").Text(), "ID-porten")
		require.Equal(t, 2, b.Count(`//main//a[normalize-space()="Integrasjoner"]`))
	})
}
