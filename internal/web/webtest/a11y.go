package webtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/chromedp/chromedp"
)

// Every page a Browser lands on is checked with axe-core, the standard
// engine, against WCAG 2.0 and 2.1 at levels A and AA; and with a few house
// rules that axe leaves to best practice or does not know. A violation fails
// the test with the rule, its impact, where on the page, and how to fix it.
//
// axe-core comes from npm: make test runs `npm ci` on the package.json beside
// this file, into node_modules (ignored by git). AXE_CORE may name another
// axe.min.js.

// axeTags are the rule sets run: WCAG 2.0 and 2.1, levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// axeScript reads axe.min.js once per test binary.
var axeScript = sync.OnceValues(func() (string, error) {
	path := os.Getenv("AXE_CORE")
	if path == "" {
		_, here, _, _ := runtime.Caller(0)
		path = filepath.Join(filepath.Dir(here), "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("browser tests need axe-core (make test installs it with npm ci --prefix internal/web/webtest): %w", err)
	}
	// The script's value would be sent back whole; end it with nothing.
	return string(b) + "\n;void 0", nil
})

// violation is one failed axe rule with the elements that fail it.
type violation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// axeRun runs the rules on the document and returns what fails, in a shape
// Go can read (axe's own results hold DOM references).
var axeRun = `axe.run(document, {runOnly: {type: "tag", values: ` + jsStrings(axeTags) + `}, resultTypes: ["violations"]})
	.then((r) => r.violations.map((v) => ({id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map((n) => ({target: n.target.map(String).join(" "), html: n.html, summary: n.failureSummary || ""}))})))`

// houseRules are what axe does not check against WCAG, or not as strictly as
// the portal wants: the page's language is bokmål, one h1 and one main, and
// references, ids and table headers that are never empty or dangling.
const houseRules = `(() => {
	const problems = [];
	const short = (el) => el.outerHTML.slice(0, 140);
	if (document.documentElement.getAttribute("lang") !== "nb") {
		problems.push("html lang is " + JSON.stringify(document.documentElement.getAttribute("lang")) + ", want \"nb\"");
	}
	const h1 = document.querySelectorAll("h1").length;
	if (h1 !== 1) problems.push(h1 + " h1 elements, want exactly one");
	if (document.querySelectorAll("main").length !== 1) problems.push("want exactly one <main>");
	for (const el of document.querySelectorAll("a:not([href])")) {
		if (el.getAttribute("aria-disabled") !== "true") problems.push("link without href that is not marked disabled: " + short(el));
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

// CheckAccessibility checks the page as it is now; every navigation does it
// by itself, so call it only after a change without one.
func (b *Browser) CheckAccessibility() {
	b.t.Helper()
	b.checkAccessibility("check the page")
}

func (b *Browser) checkAccessibility(after string) {
	b.t.Helper()
	if report := b.accessibilityReport(); report != "" {
		b.t.Errorf("accessibility of %s (after %s):\n%s", b.URL(), after, report)
	}
}

// accessibilityReport lists what axe and the house rules find, or "".
func (b *Browser) accessibilityReport() string {
	b.t.Helper()
	script, err := axeScript()
	if err != nil {
		b.t.Fatal(err)
	}
	found := run(b, "check accessibility", func(ctx context.Context) (_ []violation, err error) {
		if b.scriptsOff.Load() {
			// axe is a script. Turned on only for the check, the page's own
			// scripts stay unrun: they would have run as the page loaded.
			if _, err := chromedp.Run(ctx, setScriptsOff(false)); err != nil {
				return nil, err
			}
			defer func() {
				if _, offErr := chromedp.Run(ctx, setScriptsOff(true)); err == nil {
					err = offErr
				}
			}()
		}
		loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof axe !== "undefined"`))
		if err != nil {
			return nil, err
		}
		if !loaded {
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](script)); err != nil {
				return nil, fmt.Errorf("load axe-core: %w", err)
			}
		}
		return chromedp.Run(ctx, chromedp.Evaluate[[]violation](axeRun, chromedp.EvalAwaitPromise))
	})
	var out strings.Builder
	for _, v := range found {
		fmt.Fprintf(&out, "  %s (%s): %s\n    %s\n", v.ID, v.Impact, v.Help, v.HelpURL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&out, "    - %s\n      %s\n      %s\n", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n      "))
		}
	}
	for _, p := range Eval[[]string](b, houseRules) {
		fmt.Fprintf(&out, "  house rule: %s\n", p)
	}
	return out.String()
}

// jsStrings writes a JavaScript array of strings (plain ASCII names only).
func jsStrings(ss []string) string {
	return `["` + strings.Join(ss, `", "`) + `"]`
}
