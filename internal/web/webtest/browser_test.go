package webtest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
)

// formPage passes the accessibility check, and has a form token and a
// disclosure as the portal's pages do.
const formPage = `<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>Skjema</title></head>
<body><main>
<h1>Skjema</h1>
<form method="post" action="/annet"><input type="hidden" name="csrf" value="token-1"><button type="submit">Send</button></form>
<details><summary>Vis mer</summary><p>Det som var skjult</p></details>
</main></body></html>`

// TestExpandAndSubmitForm: Expand opens the disclosure; SubmitForm posts
// the fields with the page's form token and lands on the answer with its
// status, so a refused POST is seen as refused, not as the page before.
func TestExpandAndSubmitForm(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.Method != http.MethodPost {
			_, _ = w.Write([]byte(formPage))
			return
		}
		_ = r.ParseForm()
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Nei</title></head>` +
			`<body><main><h1>Nei</h1><p>` + r.URL.Path + " " + r.PostForm.Encode() + `</p></main></body></html>`))
	}))
	t.Cleanup(srv.Close)
	b := (&Site{URL: srv.URL}).Browser(t)

	b.Open("/")
	require.NotContains(t, b.Text(), "Det som var skjult")
	b.Expand("Vis mer")
	require.Contains(t, b.Text(), "Det som var skjult")

	b.SubmitForm("/mottak/1", url.Values{"virksomhet": {"310000019"}, "scope": {"a:b", "c:d"}})
	require.Equal(t, http.StatusForbidden, b.Status())
	require.Equal(t, "/mottak/1", b.Path())
	require.Contains(t, b.Text(), "/mottak/1 csrf=token-1&scope=a%3Ab&scope=c%3Ad&virksomhet=310000019")
}
