package web_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// TestBrowserAPIPage: "API for selvbetjening" is reached from
// "Administrasjon av tjenester", says how to get an admin integration, and
// lists every operation of the OpenAPI document without loading anything
// from outside the portal (axe-core checks the page as it opens).
func TestBrowserAPIPage(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	b := site.Browser(t)
	b.LoginAs(demo.Kari.Name)
	b.Within("Hovedmeny").ClickLink("Virksomhetens tjenester")
	b.Within("Hovedmeny").ClickLink("Administrasjon av tjenester")
	b.ClickLink("API for selvbetjening")
	require.Equal(t, paths.APIDocs, b.Path())
	require.Contains(t, b.Within("Slik får dere en admin-integrasjon").Text(), "idporten:dcr.write")
	require.Contains(t, b.Within("Miljø").Text(), "PROD-tokenet")
	ops := b.Within("Operasjoner")
	for _, op := range []string{"GET /api/v1/clients", "POST /api/v1/clients/{id}/jwks", "PUT /api/v1/scopes/access/{consumer_orgno}"} {
		require.Contains(t, ops.Text(), op)
	}
	require.Equal(t, 17, b.Count(`//main//tbody/tr`), "one row per operation")
	require.True(t, b.HasLink("Last ned OpenAPI-dokumentet (JSON)"))
	require.Zero(t, b.Count(`//script[starts-with(@src, "http")] | //link[starts-with(@href, "http")]`), "nothing from outside the portal")
}
