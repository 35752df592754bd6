package idportenstub_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
)

func parse(t *testing.T, html string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	require.NoError(t, err)
	return doc
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(b)
}

func TestLoginPageStructure(t *testing.T) {
	t.Parallel()
	e := start(t)
	doc := parse(t, e.begin(t).page)

	require.Equal(t, "nb", doc.Find("html").AttrOr("lang", ""))
	require.Equal(t, "ID-porten (testmiljø)", doc.Find("title").Text())
	require.Equal(t, 1, doc.Find("h1").Length())
	var h2 []string
	doc.Find("h2").Each(func(_ int, s *goquery.Selection) { h2 = append(h2, s.Text()) })
	require.Equal(t, []string{"Velg testperson", "Annen person"}, h2)

	// One visible button per test person, labelled with the name only.
	for _, p := range demo.Persons() {
		b := doc.Find(`button[name="testperson"][value="` + p.PID + `"]`)
		require.Equal(t, 1, b.Length(), p.Name)
		require.Equal(t, p.Name, b.Text())
	}
	require.Equal(t, "Logg inn", doc.Find(`button:not([hidden])[name="handling"]`).Text())

	// Every input has a label, and the forms post.
	for _, id := range []string{"pid", "email", "acr-betydelig", "acr-hoyt"} {
		require.Equal(t, 1, doc.Find(`label[for="`+id+`"]`).Length(), id)
		require.Equal(t, 1, doc.Find("#"+id).Length(), id)
	}
	require.Equal(t, "Fødselsnummer", doc.Find(`label[for="pid"]`).Text())
	require.Equal(t, "E-post", doc.Find(`label[for="email"]`).Text())
	require.Equal(t, "Sikkerhetsnivå", doc.Find("fieldset legend").Text())
	require.Equal(t, "Betydelig (idporten-loa-substantial)", doc.Find(`label[for="acr-betydelig"]`).Text())
	require.Equal(t, "Høyt (idporten-loa-high)", doc.Find(`label[for="acr-hoyt"]`).Text())
	_, checked := doc.Find("#acr-betydelig").Attr("checked")
	require.True(t, checked, "substantial is the default")
	require.Equal(t, "post", doc.Find("form").AttrOr("method", ""))
	require.Equal(t, "pid-hint", doc.Find("#pid").AttrOr("aria-describedby", ""))
	_, invalid := doc.Find("#pid").Attr("aria-invalid")
	require.False(t, invalid)
}

func TestLoginFormInvalidInput(t *testing.T) {
	t.Parallel()
	e := start(t)
	for _, tc := range []struct {
		name, pid, email string
		field, message   string
	}{
		{"wrong check digit", "15838510076", "kari@example.com", "pid", "Fødselsnummeret har feil kontrollsiffer."},
		{"letters", "1583851007a", "kari@example.com", "pid", "Fødselsnummeret kan bare inneholde siffer."},
		{"too short", "1583851", "kari@example.com", "pid", "Fødselsnummeret må ha 11 siffer."},
		{"no e-mail", "", "", "email", "Skriv inn e-postadressen din."},
		{"bad e-mail", "", "kari@localhost", "email", "Skriv inn en gyldig e-postadresse."},
		{"two @", "", "a@b@example.com", "email", "Skriv inn en gyldig e-postadresse."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			l := e.begin(t)
			resp := e.submit(t, l, url.Values{"pid": {tc.pid}, "email": {tc.email}, "acr": {"idporten-loa-high"}})
			require.Equal(t, http.StatusBadRequest, resp.StatusCode)
			doc := parse(t, readBody(t, resp))

			require.Contains(t, doc.Find("#"+tc.field+"-error").Text(), tc.message)
			require.Equal(t, "true", doc.Find("#"+tc.field).AttrOr("aria-invalid", ""))
			require.Equal(t, tc.field+"-hint "+tc.field+"-error", doc.Find("#"+tc.field).AttrOr("aria-describedby", ""))
			// What the user typed and chose is kept.
			require.Equal(t, tc.pid, doc.Find("#pid").AttrOr("value", ""))
			require.Equal(t, tc.email, doc.Find("#email").AttrOr("value", ""))
			_, high := doc.Find("#acr-hoyt").Attr("checked")
			require.True(t, high)
			require.Equal(t, l.authRequestID, doc.Find(`input[name="authRequestID"]`).AttrOr("value", ""))
			require.True(t, strings.HasPrefix(doc.Find("title").Text(), "Feil: "))
		})
	}
}

func TestLoginFormRefusals(t *testing.T) {
	t.Parallel()
	e := start(t)

	t.Run("unknown auth request", func(t *testing.T) {
		t.Parallel()
		status, body, _ := e.get(t, e.issuer+"/login?authRequestID=finnes-ikke")
		require.Equal(t, http.StatusBadRequest, status)
		require.Contains(t, body, "Innloggingen er utløpt eller finnes ikke.")

		resp, err := e.browser.PostForm(e.issuer+"/login", url.Values{"authRequestID": {"finnes-ikke"}, "testperson": {demo.Kari.PID}})
		require.NoError(t, err)
		defer resp.Body.Close()
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)
	})
	t.Run("unknown test person", func(t *testing.T) {
		t.Parallel()
		resp := e.submit(t, e.begin(t), url.Values{"testperson": {"01010112345"}})
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)
		require.Contains(t, readBody(t, resp), "Ukjent testperson.")
	})
	t.Run("unknown level", func(t *testing.T) {
		t.Parallel()
		resp := e.submit(t, e.begin(t), url.Values{"testperson": {demo.Kari.PID}, "acr": {"idporten-loa-low"}})
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)
	})
	t.Run("replayed form", func(t *testing.T) {
		t.Parallel()
		l := e.begin(t)
		l.code(t, e.submit(t, l, url.Values{"testperson": {demo.Kari.PID}}))
		resp := e.submit(t, l, url.Values{"testperson": {demo.Ulf.PID}})
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)
		require.Contains(t, readBody(t, resp), "allerede fullført")
	})
	t.Run("cross-origin post", func(t *testing.T) {
		t.Parallel()
		l := e.begin(t)
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, e.issuer+"/login",
			strings.NewReader(url.Values{"authRequestID": {l.authRequestID}, "testperson": {demo.Kari.PID}}.Encode()))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		resp, err := e.browser.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
	})
}

func TestLoginPageHeaders(t *testing.T) {
	t.Parallel()
	e := start(t)
	l := e.begin(t)
	resp, err := e.browser.Get(e.issuer + "/login?authRequestID=" + url.QueryEscape(l.authRequestID))
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
	require.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
	require.Contains(t, resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'")
}
