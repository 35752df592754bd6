package web_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// TestBrowserWithoutJavaScript: every flow is plain links and forms, so it
// works with scripts turned off; and the keyboard reaches the content.
func TestBrowserWithoutJavaScript(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)

	t.Run("CreateIntegrationInTEST", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		b.DisableJavaScript()
		browserInnlogging(t, b, demo.Kari, "TEST")
		require.True(t, b.HasLink("Hopp til hovedinnhold"))
		picker := browserStartCreate(t, b, "TEST", "Uten JavaScript")
		browserFinishCreate(t, b, picker, demo.Kari, "Uten JavaScript", "skatteetaten:mva")
		_, hidden := b.Attrs("Kopier")["hidden"]
		require.True(t, hidden, "the copy script did not run: scripts really are off")
	})

	t.Run("EnterInTheSearchFieldSearches", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		b.DisableJavaScript()
		browserInnlogging(t, b, demo.Kari, "TEST")
		picker := browserStartCreate(t, b, "TEST", "Søk med Enter")
		require.Contains(t, picker.Text(), "skatteetaten:mva")
		picker.FillField("Søk etter scope", "testapi")
		picker.PressEnterIn("Søk etter scope")
		require.Equal(t, 200, b.Status())
		offered := b.Within("Scopes delt med Eksempel Konsument AS i TEST").Text()
		require.Contains(t, offered, "skatteetaten:testapi")
		require.NotContains(t, offered, "skatteetaten:mva", "Enter searched, as «Søk» does")
		require.Equal(t, "Søk med Enter", b.Value("Navn på integrasjonen"), "the form keeps what was typed")
		var n int
		require.NoError(t, site.Pool.QueryRow(context.Background(),
			`SELECT count(*) FROM integrations WHERE name = 'Søk med Enter'`).Scan(&n))
		require.Zero(t, n, "Enter never creates")
	})

	t.Run("CopyButtonStaysHidden", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		b.DisableJavaScript()
		b.LoginAs(demo.Kari.Name)
		b.ClickLink("Testklient")
		// copy.js: "Without JavaScript the button stays hidden and the field
		// can be selected by hand." A button that does nothing must not show.
		require.NotContains(t, textBetween(b.Text(), "Klient-ID", "Type"), "Kopier")
	})

	t.Run("CopyButtonShowsWithJavaScript", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		b.LoginAs(demo.Kari.Name)
		b.ClickLink("Testklient")
		_, hidden := b.Attrs("Kopier")["hidden"]
		require.False(t, hidden)
		require.Contains(t, textBetween(b.Text(), "Klient-ID", "Type"), "Kopier")
	})

	t.Run("SkipLinkIsFirstAndMovesFocusToMain", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		b.LoginAs(demo.Kari.Name)
		b.Press(kb.Tab)
		tag, text := b.Focused()
		require.Equal(t, "a", tag)
		require.Equal(t, "Hopp til hovedinnhold", text, "the first Tab reaches the skip link")
		b.Press(kb.Enter)
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if tag, _ = b.Focused(); tag == "main" {
				break
			}
		}
		require.Equal(t, "main", tag, "Enter on the skip link moves focus to the main content")
		require.Contains(t, b.URL(), "#hovedinnhold")
	})
}
