package web_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// a11yCheck lists what a cheap automated check finds wrong with the page:
// no replacement for a person with a screen reader, but it catches the
// regressions that are easy to make in a template.
const a11yCheck = `(() => {
	const problems = [];
	const short = (el) => el.outerHTML.slice(0, 140);
	if (document.documentElement.getAttribute("lang") !== "nb") {
		problems.push("html lang is " + JSON.stringify(document.documentElement.getAttribute("lang")));
	}
	const h1 = document.querySelectorAll("h1").length;
	if (h1 !== 1) problems.push(h1 + " h1 elements, want exactly one");
	if (!document.title.trim()) problems.push("empty <title>");
	if (document.querySelectorAll("main").length !== 1) problems.push("want exactly one <main>");
	for (const el of document.querySelectorAll("input, select, textarea")) {
		if (el.type === "hidden") continue;
		const labelled = (el.labels && el.labels.length > 0 && [...el.labels].some((l) => l.textContent.trim())) ||
			(el.getAttribute("aria-label") || "").trim() || el.getAttribute("aria-labelledby");
		if (!labelled) problems.push("field without a label: " + short(el));
	}
	for (const el of document.querySelectorAll("button, a, [role=button]")) {
		const name = (el.getAttribute("aria-label") || el.textContent || "").trim();
		if (!name) problems.push("no accessible name: " + short(el));
		if (el.tagName === "A" && !el.hasAttribute("href") && el.getAttribute("aria-disabled") !== "true") {
			problems.push("link without href that is not marked disabled: " + short(el));
		}
	}
	for (const attr of ["aria-describedby", "aria-labelledby"]) {
		for (const el of document.querySelectorAll("[" + attr + "]")) {
			for (const id of el.getAttribute(attr).split(/\s+/).filter(Boolean)) {
				if (!document.getElementById(id)) problems.push(attr + " names a missing #" + id + ": " + short(el));
			}
		}
	}
	const seen = new Set();
	for (const el of document.querySelectorAll("[id]")) {
		if (seen.has(el.id)) problems.push("duplicate id " + el.id);
		seen.add(el.id);
	}
	for (const th of document.querySelectorAll("th")) {
		if (!th.textContent.trim()) problems.push("empty table header: " + short(th));
	}
	return problems;
})()`

func a11yProblems(t *testing.T, b *webtest.Browser) []string {
	t.Helper()
	return webtest.Eval[[]string](b, a11yCheck)
}

// TestBrowserAccessibility runs the check on every kind of page.
func TestBrowserAccessibility(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)

	t.Run("KariPages", func(t *testing.T) {
		t.Parallel()
		id := browserSeedIntegration(t, site, environment.Test, "Tilgjengelig klient", "skatteetaten:testapi").String()
		b := site.Browser(t)
		b.LoginAs(demo.Kari.Name)
		for _, path := range []string{
			"/integrasjoner?miljo=TEST",
			"/integrasjoner?miljo=PROD",
			"/integrasjoner?miljo=TEST&vis=inaktive",
			"/tjenester",
			"/tjenester/administrasjon",
			"/integrasjoner/" + id,
			"/integrasjoner/" + id + "/endre",
			"/integrasjoner/" + id + "/deaktiver",
			"/finnes-ikke",
		} {
			b.Open(path)
			require.Empty(t, a11yProblems(t, b), path)
		}

		b.Open("/integrasjoner/ny?miljo=TEST")
		require.Empty(t, a11yProblems(t, b), "new integration form")
		b.ClickButton("Legg til scopes")
		require.Empty(t, a11yProblems(t, b), "scope picker open")
		b.ClickButton("Opprett")
		require.Contains(t, b.Text(), "Skjemaet har feil")
		require.Empty(t, a11yProblems(t, b), "form with errors")

		b.Open("/integrasjoner/" + id)
		b.FillField("Offentlig nøkkel", "ikke en nøkkel")
		b.ClickButton("Legg til nøkkel")
		require.Empty(t, a11yProblems(t, b), "refused key")
	})

	t.Run("OlaInPROD", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		b.LoginAs(demo.Ola.Name)
		for _, path := range []string{"/integrasjoner?miljo=PROD", "/integrasjoner/ny?miljo=PROD"} {
			b.Open(path)
			require.Empty(t, a11yProblems(t, b), path)
		}
	})

	t.Run("WithoutOrganisationOrLogin", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		b.Open("/")
		require.Empty(t, a11yProblems(t, b), "front page")
		b.LoginAs(demo.Dina.Name)
		require.Empty(t, a11yProblems(t, b), "organisation chooser")
		b.ClickButton("Logg ut")
		require.Empty(t, a11yProblems(t, b), "logged out")
		b.LoginAs(demo.Ulf.Name)
		require.Empty(t, a11yProblems(t, b), "domain not linked")
	})
}
