package webtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/require"
)

// BrowserTimeout is how long one test may use its browser, from the moment
// the browser has started.
const BrowserTimeout = 60 * time.Second

// stepTimeout bounds one step (a click, a field, a page load), so a missing
// label fails with the page it was missing from instead of at the deadline.
const stepTimeout = 15 * time.Second

// browserSlots caps how many Chromium processes run at once: the test
// machines have two CPUs, and a third browser only makes all of them slower.
var browserSlots = make(chan struct{}, 2)

// Browser is a headless Chromium driven the way a person uses the portal:
// by the visible text of links and buttons and by the labels of fields,
// never by CSS classes or ids.
type Browser struct {
	t     testing.TB
	site  *Site
	root  context.Context // the tab, without deadline (its first Run owns the tab)
	ctx   context.Context // the tab, with the test's deadline
	scope string          // XPath that limits the search; "" is the whole page
	// status of the last navigation, shared with the Within views
	status *atomic.Int64
	// scriptsOff: the page's JavaScript is turned off (DisableJavaScript)
	scriptsOff *atomic.Bool
}

// XPath patterns of what a person clicks, by text or accessible name.
const (
	linkXPath   = `//a[normalize-space()=%[1]s or @aria-label=%[1]s]`
	buttonXPath = `//*[self::button or self::input[@type='submit']][normalize-space()=%[1]s or @value=%[1]s or @aria-label=%[1]s]`
)

// Browser starts a headless Chromium for the test, closed when it ends.
func (s *Site) Browser(t testing.TB) *Browser {
	t.Helper()
	path := os.Getenv("CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("browser tests need Chromium at $CHROMIUM (default /usr/bin/chromium): %v", err)
	}
	browserSlots <- struct{}{}
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(path), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900)}
	for _, flag := range []string{"headless", "no-sandbox", "disable-gpu", "disable-dev-shm-usage", "disable-background-networking",
		"disable-component-update", "disable-sync", "no-first-run"} {
		opts = append(opts, chromedp.Flag(flag, true))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	root, cancelRoot := chromedp.NewContext(allocCtx)
	// The first Run starts the browser and ties its life to this context, so
	// it gets no deadline; the steps below run with one.
	if err := chromedp.Do(root); err != nil {
		cancelRoot()
		cancelAlloc()
		<-browserSlots
		t.Fatalf("start Chromium: %v", err)
	}
	ctx, cancel := context.WithTimeout(root, BrowserTimeout)
	b := &Browser{t: t, site: s, root: root, ctx: ctx, status: new(atomic.Int64), scriptsOff: new(atomic.Bool)}
	t.Cleanup(func() {
		b.logIfFailed()
		cancel()
		cancelRoot()
		cancelAlloc()
		<-browserSlots
	})
	return b
}

// SecondBrowser is another person's browser in the same Chromium process:
// its own cookies and tab, sharing this browser's deadline.
func (b *Browser) SecondBrowser() *Browser {
	b.t.Helper()
	root, cancelRoot := chromedp.NewContext(b.root, chromedp.WithNewBrowserContext())
	if err := chromedp.Do(root); err != nil {
		cancelRoot()
		b.t.Fatalf("open a second browser: %v", err)
	}
	deadline, _ := b.ctx.Deadline()
	ctx, cancel := context.WithDeadline(root, deadline)
	other := &Browser{t: b.t, site: b.site, root: root, ctx: ctx, status: new(atomic.Int64), scriptsOff: new(atomic.Bool)}
	b.t.Cleanup(func() {
		other.logIfFailed()
		cancel()
		cancelRoot()
	})
	return other
}

// DisableJavaScript turns scripts off in this tab, for the pages that follow.
func (b *Browser) DisableJavaScript() {
	b.t.Helper()
	b.do("disable JavaScript", setScriptsOff(true))
	b.scriptsOff.Store(true)
}

// setScriptsOff turns the tab's JavaScript off or on again.
func setScriptsOff(off bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off})
		return err
	})
}

// Within returns a view of the page limited to one part of it: a landmark
// or element with that aria-label, or a section or fieldset whose heading
// or legend says it. Within("Hovedmeny").ClickLink(...) clicks in the menu.
func (b *Browser) Within(heading string) *Browser {
	h := xq(heading)
	c := *b
	c.scope = fmt.Sprintf(`(%s//*[@aria-label=%s or ((self::section or self::fieldset or self::form) and ./*[self::h1 or self::h2 or self::h3 or self::legend][normalize-space()=%s])])[1]`,
		b.scope, h, h)
	return &c
}

// WithinRow returns a view of the page limited to the first table row
// (in the Within part) whose text holds every one of texts, hidden parts
// (a closed details) included: a row picked by what it says, not by its
// place, where rows that others add may come first.
func (b *Browser) WithinRow(texts ...string) *Browser {
	var holds []string
	for _, s := range texts {
		holds = append(holds, "contains(normalize-space(), "+xq(s)+")")
	}
	c := *b
	c.scope = fmt.Sprintf(`(%s//tr[%s])[1]`, b.scope, strings.Join(holds, " and "))
	return &c
}

// LoginAs logs in by clicking the person's name on the stand-in ID-porten's
// page, and waits for the portal's page.
func (b *Browser) LoginAs(name string) {
	b.t.Helper()
	b.Open("/logg-inn")
	portal := strings.TrimPrefix(b.site.URL, "http://")
	require.NotEqual(b.t, portal, b.location().Host, "/logg-inn should lead to the stand-in ID-porten")
	b.ClickButton(name)
	require.Equal(b.t, portal, b.location().Host, "after logging in as %s the browser should be back on the portal", name)
}

// Open loads a path of the portal (or a full URL).
func (b *Browser) Open(path string) {
	b.t.Helper()
	if strings.HasPrefix(path, "/") {
		path = b.site.URL + path
	}
	navigate(b, "open "+path, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		res, err := cdp.Call(ctx, t, page.Navigate, page.NavigateParams{URL: path})
		if err == nil && res.ErrorText != "" {
			err = fmt.Errorf("load %s: %s", path, res.ErrorText)
		}
		return err
	}))
}

// ClickLink follows the link with this visible text (or aria-label).
func (b *Browser) ClickLink(label string) {
	b.t.Helper()
	navigate(b, "click link "+label, chromedp.Click(b.xpath(linkXPath, label), chromedp.NodeVisible))
}

// ClickButton presses the button with this visible text (or aria-label) and
// waits for the page it leads to.
func (b *Browser) ClickButton(label string) {
	b.t.Helper()
	navigate(b, "click button "+label, chromedp.Click(b.xpath(buttonXPath, label), chromedp.NodeVisible))
}

// Expand opens the disclosure (details) whose summary says label, as a
// person clicks it, and checks the page's accessibility with it open.
func (b *Browser) Expand(label string) {
	b.t.Helper()
	summary := b.xpath(`//summary[normalize-space()=%[1]s]`, label)
	b.do("expand "+label, chromedp.Click(summary, chromedp.NodeVisible))
	require.True(b.t, property[bool](b, summary+"/parent::details", "open"), "%q should be open", label)
	b.checkAccessibility("expand " + label)
}

// SubmitForm posts fields to a path of the portal with the form token of
// the page shown now, as a form left open in another tab would be posted
// after the rules changed, and waits for the page it leads to. It is for
// what a POST meets that no button on the page offers (a refusal); a
// person's own steps use ClickButton.
func (b *Browser) SubmitForm(path string, fields url.Values) {
	b.t.Helper()
	target, err := json.Marshal(path)
	require.NoError(b.t, err)
	values, err := json.Marshal(fields)
	require.NoError(b.t, err)
	script := fmt.Sprintf(`(() => {
		const form = document.createElement("form");
		form.method = "post";
		form.action = %s;
		const add = (name, value) => {
			const input = document.createElement("input");
			input.type = "hidden";
			input.name = name;
			input.value = value;
			form.appendChild(input);
		};
		const token = document.querySelector('input[name="csrf"]');
		if (token) add("csrf", token.value);
		for (const [name, values] of Object.entries(%s)) for (const v of values) add(name, v);
		document.body.appendChild(form);
		form.submit();
	})()`, target, values)
	navigate(b, "submit a form to "+path, chromedp.Evaluate[chromedp.Void](script))
}

// navigate runs a step that loads a page, waits for it, keeps its status
// and checks the page's accessibility.
func navigate(b *Browser, what string, step chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	resp := run(b, what, func(ctx context.Context) (*network.Response, error) {
		return chromedp.RunResponse(ctx, step)
	})
	if resp != nil {
		b.status.Store(resp.Status)
	}
	b.checkAccessibility(what)
}

// FillField replaces what is in the field whose <label> says label, by
// selecting all and typing, as a person does.
func (b *Browser) FillField(label, value string) {
	b.t.Helper()
	field := b.field(label)
	b.do("fill "+label, chromedp.Steps(
		chromedp.Focus(field, chromedp.NodeVisible),
		keyCommand("selectAll"),
		keyCommand("deleteBackward"),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			if value == "" {
				return nil
			}
			_, err := cdp.Call(ctx, t, input.InsertText, input.InsertTextParams{Text: value})
			return err
		}),
	))
}

// PressEnterIn presses Enter in the field whose <label> says label, as a
// person does when done typing, and waits for the page the form leads to.
func (b *Browser) PressEnterIn(label string) {
	b.t.Helper()
	field := b.field(label)
	b.do("focus "+label, chromedp.Focus(field, chromedp.NodeVisible))
	navigate(b, "press Enter in "+label, chromedp.KeyEvent(kb.Enter))
}

// keyCommand sends an editing command (selectAll, deleteBackward) with a key
// press to the focused field.
func keyCommand(command string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, input.DispatchKeyEventParams{
			Type: input.DispatchKeyEventTypeRawKeyDown, Commands: []string{command}})
		if err != nil {
			return err
		}
		_, err = cdp.Call(ctx, t, input.DispatchKeyEvent, input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp})
		return err
	})
}

// SelectOption chooses the option with this text in the select whose label
// says label. It sets the option's selected attribute, which works also when
// the page's scripts are turned off.
func (b *Browser) SelectOption(label, option string) {
	b.t.Helper()
	sel := b.field(label)
	opt := fmt.Sprintf(`(%s/option[normalize-space()=%s])[1]`, sel, xq(option))
	b.do("select "+option+" in "+label, chromedp.Steps(
		chromedp.Focus(sel, chromedp.NodeVisible),
		chromedp.SetAttributes(opt, map[string]string{"selected": "selected"}),
	))
	require.Equal(b.t, property[string](b, opt, "value"), property[string](b, sel, "value"),
		"the select %q should have %q chosen", label, option)
}

// Check ticks the checkbox (or radio) labelled label; Uncheck clears it. A
// label matches when it says label, or starts with label and a space (the
// scope picker's labels go on with the scope's description).
func (b *Browser) Check(label string) { b.t.Helper(); b.setChecked(label, true) }

// Uncheck clears the checkbox labelled label.
func (b *Browser) Uncheck(label string) { b.t.Helper(); b.setChecked(label, false) }

func (b *Browser) setChecked(label string, want bool) {
	b.t.Helper()
	box := b.xpath(`//input[@type='checkbox' or @type='radio'][@id=//label[normalize-space()=%[1]s]/@for or `+
		`ancestor::label[normalize-space()=%[1]s or starts-with(normalize-space(), concat(%[1]s, ' '))]]`, label)
	if property[bool](b, box, "checked") != want {
		b.do("click "+label, chromedp.Click(box, chromedp.NodeVisible))
	}
	require.Equal(b.t, want, property[bool](b, box, "checked"), "checkbox %q", label)
}

// Value is what the field labelled label holds now.
func (b *Browser) Value(label string) string {
	b.t.Helper()
	return property[string](b, b.field(label), "value")
}

// FieldAttr returns an attribute of the field labelled label.
func (b *Browser) FieldAttr(label, name string) (string, bool) {
	b.t.Helper()
	v, ok := b.attrs(b.field(label))[name]
	return v, ok
}

// Disabled says whether the button or link with this text is greyed out:
// disabled, or aria-disabled="true" for a link shown as a button.
func (b *Browser) Disabled(label string) bool {
	b.t.Helper()
	attrs := b.Attrs(label)
	_, disabled := attrs["disabled"]
	return disabled || attrs["aria-disabled"] == "true"
}

// Attrs returns the attributes of the button or link with this text.
func (b *Browser) Attrs(label string) map[string]string {
	b.t.Helper()
	return b.attrs(b.xpath(`//*[self::a or self::button][normalize-space()=%[1]s or @aria-label=%[1]s]`, label))
}

func (b *Browser) attrs(xpath string) map[string]string {
	b.t.Helper()
	return run(b, "attributes of "+xpath, func(ctx context.Context) (map[string]string, error) {
		return chromedp.Run(ctx, chromedp.Attributes(xpath))
	})
}

// property reads a JavaScript property of the element xpath finds.
func property[T any](b *Browser, xpath, name string) T {
	b.t.Helper()
	return run(b, "read "+name+" of "+xpath, func(ctx context.Context) (T, error) {
		return chromedp.Run(ctx, chromedp.JavascriptAttribute[T](xpath, name))
	})
}

// Press sends keys to whatever has focus, as from a keyboard (see
// chromedp/kb for Tab and Enter).
func (b *Browser) Press(keys string) {
	b.t.Helper()
	b.do("press keys", chromedp.KeyEvent(keys))
}

// Focused says which element has the keyboard focus: its tag and its text
// (or aria-label).
func (b *Browser) Focused() (tag, text string) {
	b.t.Helper()
	got := Eval[[]string](b, `(() => { const e = document.activeElement || document.body;
		return [e.tagName.toLowerCase(), (e.getAttribute("aria-label") || e.innerText || "").trim()]; })()`)
	return got[0], got[1]
}

// HasLink says, without waiting, whether the page has a link with this text.
func (b *Browser) HasLink(label string) bool {
	b.t.Helper()
	return b.count(b.xpath(linkXPath, label)) > 0
}

// HasButton says, without waiting, whether the page has a button with this text.
func (b *Browser) HasButton(label string) bool {
	b.t.Helper()
	return b.count(b.xpath(buttonXPath, label)) > 0
}

// Count is how many elements match an XPath (in the Within part), without waiting.
func (b *Browser) Count(xpath string) int { b.t.Helper(); return b.count(b.scope + xpath) }

func (b *Browser) count(xpath string) int {
	b.t.Helper()
	nodes := run(b, "count "+xpath, func(ctx context.Context) ([]*chromedp.Node, error) {
		return chromedp.Run(ctx, chromedp.Nodes(xpath, chromedp.AtLeast(0)))
	})
	return len(nodes)
}

// Text is the visible text of the page (or of the Within part).
func (b *Browser) Text() string {
	b.t.Helper()
	if b.scope == "" {
		return Eval[string](b, `document.body.innerText`)
	}
	return property[string](b, b.scope, "innerText")
}

// Eval runs a JavaScript expression in the page and returns its result.
func Eval[T any](b *Browser, expression string) T {
	b.t.Helper()
	return run(b, "evaluate", func(ctx context.Context) (T, error) {
		return chromedp.Run(ctx, chromedp.Evaluate[T](expression))
	})
}

// URL is the address the tab shows.
func (b *Browser) URL() string { b.t.Helper(); return b.location().String() }

// Path is the path of the page the tab shows.
func (b *Browser) Path() string { b.t.Helper(); return b.location().Path }

func (b *Browser) location() *url.URL {
	b.t.Helper()
	u, err := url.Parse(Eval[string](b, `document.location.href`))
	require.NoError(b.t, err)
	return u
}

// Status is the HTTP status of the page the last navigation ended on.
func (b *Browser) Status() int { return int(b.status.Load()) }

// Screenshot saves a PNG of the whole page, for debugging.
func (b *Browser) Screenshot(path string) {
	b.t.Helper()
	png := run(b, "screenshot", func(ctx context.Context) ([]byte, error) {
		return chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100 gives PNG
	})
	require.NoError(b.t, os.WriteFile(path, png, 0o600))
}

// field is the XPath of the input, textarea or select a <label for> names.
func (b *Browser) field(label string) string {
	return fmt.Sprintf(`(%s//*[self::input or self::textarea or self::select][@id=//label[normalize-space()=%s]/@for])[1]`,
		b.scope, xq(label))
}

// xpath fills the label into the pattern as an XPath string and limits it
// to the Within part.
func (b *Browser) xpath(pattern, label string) string {
	return "(" + b.scope + fmt.Sprintf(pattern, xq(label)) + ")[1]"
}

// Viewport sets the window's size in CSS pixels, e.g. 320 wide for reflow.
func (b *Browser) Viewport(width, height int64) {
	b.t.Helper()
	b.do("set the viewport", chromedp.EmulateViewport(width, height))
}

func (b *Browser) do(what string, a chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	run(b, what, func(ctx context.Context) (chromedp.Void, error) { return chromedp.Run(ctx, a) })
}

// run does one step with its own time limit, and fails the test with the
// page it failed on.
func run[T any](b *Browser, what string, f func(ctx context.Context) (T, error)) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := f(ctx)
	if err != nil {
		b.t.Fatalf("browser: %s: %v", what, err) // the cleanup logs the page
	}
	return v
}

// logIfFailed puts the page the browser ended on in a failed test's log.
func (b *Browser) logIfFailed() {
	if !b.t.Failed() {
		return
	}
	ctx, cancel := context.WithTimeout(b.root, 5*time.Second)
	defer cancel()
	page, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.location.href + "\n" + (document.body ? document.body.innerText : "")`))
	if err != nil {
		page = "(could not read the page: " + err.Error() + ")"
	}
	b.t.Logf("browser at the end of the failed test (HTTP %d): %s", b.Status(), page)
}

// xq writes s as an XPath string literal, whatever quotes it contains.
func xq(s string) string {
	switch {
	case !strings.Contains(s, `"`):
		return `"` + s + `"`
	case !strings.Contains(s, "'"):
		return "'" + s + "'"
	}
	return `concat("` + strings.ReplaceAll(s, `"`, `", '"', "`) + `")`
}
