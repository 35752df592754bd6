package web_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// TestBrowserReflow: at 320 CSS pixels (a 1280 px screen zoomed to 400 %)
// no page scrolls sideways (WCAG 2.1, 1.4.10). Wide tables scroll in their
// own box, which the criterion allows for data tables.
func TestBrowserReflow(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	b := site.Browser(t)
	b.LoginAs(demo.Kari.Name)
	b.Viewport(320, 640)
	for _, path := range []string{
		"/integrasjoner?miljo=TEST",
		"/integrasjoner/ny?miljo=TEST",
		"/integrasjoner/" + demo.RegnskapClientID,
		"/integrasjoner/" + demo.RegnskapClientID + "/endre",
		"/tjenester/administrasjon",
		"/tjenester",
		"/tjenester/maskinporten-konsument",
		"/tjenester/maskinporten-konsument/rediger",
	} {
		b.Open(path)
		width := webtest.Eval[int](b, `document.documentElement.scrollWidth`)
		require.LessOrEqual(t, width, 320, "%s scrolls sideways", path)
	}
}
