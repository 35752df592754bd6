package webtest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// badPage breaks a rule of each kind the check must catch.
const badPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dårlig side</title>
<style>.faint { color: #bbb; background: #fff; }</style></head>
<body><main>
<h1>Én</h1><h1>To</h1>
<img src="/bilde.png">
<form><input type="text" name="navn"></form>
<p class="faint">Nesten usynlig tekst</p>
<div id="dobbel"></div><div id="dobbel"></div>
</main></body></html>`

// TestAccessibilityReport makes sure the check finds what it should: a check
// that quietly found nothing would let every page pass.
func TestAccessibilityReport(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'")
		_, _ = w.Write([]byte(badPage))
	}))
	t.Cleanup(srv.Close)
	b := (&Site{URL: srv.URL}).Browser(t)

	// Loaded without the automatic check, which would fail this test.
	run(b, "open the bad page", func(ctx context.Context) (*network.Response, error) {
		return chromedp.RunResponse(ctx, chromedp.Navigate(srv.URL))
	})
	report := b.accessibilityReport()
	for _, want := range []string{
		"image-alt (critical)", "label (critical)", "color-contrast (serious)", // axe, WCAG 2.0/2.1 A and AA
		"https://dequeuniversity.com/rules/axe/", "- img", "Fix any of the following", // readable: rule, help, target, how
		`house rule: html lang is "en"`, "house rule: 2 h1 elements", "house rule: duplicate id dobbel",
	} {
		require.Contains(t, report, want)
	}
	t.Logf("what the check reports:\n%s", report)
}
