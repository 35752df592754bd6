package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/mail/mailtest"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestTwoReplicasAndAWorker runs the deployment of docs/operations.md in
// miniature: two `portal serve` processes without workers and one
// `portal worker`, on one database, behind a round-robin load balancer
// without sticky sessions. Kari's whole flow (log in, open the list, create
// an integration, change it, deactivate it) alternates between the two
// portals request by request, and an e-mail queued meanwhile is sent once,
// by the worker.
func TestTwoReplicasAndAWorker(t *testing.T) {
	t.Parallel()
	bin := buildPortal(t)
	ownerURL := storetest.EmptyURL(t)
	servingURL := storetest.ServingURL(t, ownerURL)
	smtp := mailtest.Start(t, mailtest.Options{})

	lb := newRoundRobin(t)
	issuer := startStandIn(t, strings.TrimPrefix(lb.url, "http://"))
	common := []string{
		"DATABASE_URL=" + servingURL, "MIGRATE_DATABASE_URL=" + ownerURL,
		"PORTAL_BASE_URL=" + lb.url, "OIDC_ISSUER=" + issuer, "OIDC_CLIENT_SECRET=" + standInSecret,
		"SESSION_KEY=delt-mellom-replikaene", "LOG_LEVEL=warn",
	}
	runProcess(t, bin, common, "seed").wait(t)
	var backends []string
	for range 2 {
		addr := "127.0.0.1:" + strconv.Itoa(freePort(t))
		runProcess(t, bin, append(common, "PORTAL_ADDR="+addr, "WORKER=0"), "serve")
		backends = append(backends, "http://"+addr)
	}
	runProcess(t, bin, append(common, "SMTP_URL="+smtp.URL(), "MAIL_FROM=Selvbetjening <ikke-svar@portal.example>"), "worker")
	for _, b := range backends {
		waitReady(t, b)
	}
	lb.route(backends)

	kari := loginAs(t, lb.url, demo.Kari)
	get := func(path string) string {
		t.Helper()
		resp, err := kari.Get(lb.url + path)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		require.Equal(t, http.StatusOK, resp.StatusCode, "GET %s:\n%s", path, body)
		return string(body)
	}
	post := func(path string, form url.Values) *http.Response {
		t.Helper()
		resp, err := kari.PostForm(lb.url+path, form)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusSeeOther, resp.StatusCode, "POST %s", path)
		return resp
	}

	get("/integrasjoner?miljo=TEST")
	form := get("/integrasjoner/ny?miljo=TEST")
	create := url.Values{"csrf": {field(t, form, "csrf")}, "miljo": {"TEST"},
		"opprettingsnokkel": {field(t, form, "opprettingsnokkel")}, "tjeneste": {"maskinporten"},
		"navn": {"Replikatest"}, "beskrivelse": {"Laget over to portaler"}, "levetid": {"120"},
		"scope": {"skatteetaten:testapi"}, "handling": {"opprett"}}
	resp := post("/integrasjoner/ny", create)
	post("/integrasjoner/ny", create) // the double click lands on the other portal
	page := resp.Header.Get("Location")
	clientID := regexp.MustCompile(`/integrasjoner/([0-9a-f-]{36})`).FindStringSubmatch(page)
	require.NotNil(t, clientID, "redirected to the new integration: %s", page)
	require.Contains(t, get(page), "Replikatest")

	edit := get("/integrasjoner/" + clientID[1] + "/endre")
	post("/integrasjoner/"+clientID[1]+"/endre", url.Values{"csrf": {field(t, edit, "csrf")},
		"versjon": {field(t, edit, "versjon")}, "navn": {"Replikatest endret"},
		"beskrivelse": {"Laget over to portaler"}, "levetid": {"120"},
		"scope": {"skatteetaten:testapi"}, "handling": {"lagre"}})
	confirm := get("/integrasjoner/" + clientID[1] + "/deaktiver")
	post("/integrasjoner/"+clientID[1]+"/deaktiver", url.Values{"csrf": {field(t, confirm, "csrf")},
		"versjon": {field(t, confirm, "versjon")}})
	require.Contains(t, get("/integrasjoner/"+clientID[1]), "Replikatest endret")

	owner := storetest.ServingPool(t, ownerURL)
	var created, active int
	require.NoError(t, owner.QueryRow(t.Context(), `
		SELECT count(*), count(*) FILTER (WHERE active) FROM integrations WHERE name LIKE 'Replikatest%'`).
		Scan(&created, &active))
	require.Equal(t, 1, created, "one integration for two submissions on two portals")
	require.Zero(t, active, "deactivated")
	var audited int
	require.NoError(t, owner.QueryRow(t.Context(), `
		SELECT count(*) FROM audit_log WHERE entity_id = $1`, clientID[1]).Scan(&audited))
	require.Equal(t, 3, audited, "created, changed and deactivated, each audited once")

	cause := mail.IncidentCause(7)
	enqueueOne(t, servingURL, mail.Message{Cause: cause, To: "kari@konsument.example", Subject: "Hendelse", Text: "Tekst"})
	got := smtp.WaitFor(t, 1, time.Minute)
	require.Equal(t, []string{"kari@konsument.example"}, got[0].To)
	waitForStatus(t, ownerURL, cause, mail.StatusSent)

	t.Logf("requests per portal: %v", lb.served())
	for i, n := range lb.served() {
		require.Greater(t, n, int64(3), "portal %d served its share of the flow", i+1)
	}
}

// roundRobin is a load balancer without sticky sessions: each request goes
// to the next portal. It listens before the portals exist, so their
// PORTAL_BASE_URL (and the stand-in's redirect URIs) can name it.
type roundRobin struct {
	url      string
	backends atomic.Pointer[[]*url.URL]
	next     atomic.Uint64
	counts   [2]atomic.Int64
}

func newRoundRobin(t *testing.T) *roundRobin {
	t.Helper()
	lb := &roundRobin{}
	proxy := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		backends := *lb.backends.Load()
		i := lb.next.Add(1) % uint64(len(backends))
		lb.counts[i].Add(1)
		r.SetURL(backends[i])
		r.Out.Host = r.In.Host // the portals see the address the browser used
	}}
	addr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	srv := &http.Server{Addr: addr, Handler: proxy, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.ListenAndServe() }()
	t.Cleanup(func() { _ = srv.Close() })
	lb.url = "http://" + addr
	return lb
}

func (lb *roundRobin) route(backends []string) {
	var us []*url.URL
	for _, b := range backends {
		u, _ := url.Parse(b)
		us = append(us, u)
	}
	lb.backends.Store(&us)
}

func (lb *roundRobin) served() []int64 {
	return []int64{lb.counts[0].Load(), lb.counts[1].Load()}
}

// process is a portal command running as its own process.
type process struct {
	cmd  *exec.Cmd
	logs *lockedBuffer
	done chan error
}

func runProcess(t *testing.T, bin string, env []string, args ...string) *process {
	t.Helper()
	p := &process{cmd: exec.Command(bin, args...), logs: &lockedBuffer{}, done: make(chan error, 1)}
	p.cmd.Env = env
	p.cmd.Stdout, p.cmd.Stderr = p.logs, p.logs
	require.NoError(t, p.cmd.Start())
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() {
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.done:
		case <-time.After(30 * time.Second):
			_ = p.cmd.Process.Kill()
			t.Errorf("portal %s did not stop on SIGTERM", args[0])
		}
		if t.Failed() {
			t.Logf("portal %s's log:\n%s", args[0], p.logs.String())
		}
	})
	return p
}

// wait waits for a command that ends by itself (seed) and requires success.
func (p *process) wait(t *testing.T) {
	t.Helper()
	select {
	case err := <-p.done:
		p.done <- err // for the clean-up
		require.NoError(t, err, "portal %s:\n%s", p.cmd.Args[1], p.logs.String())
	case <-time.After(2 * time.Minute):
		t.Fatalf("portal %s did not finish", p.cmd.Args[1])
	}
}

func waitReady(t *testing.T, base string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	for ctx.Err() == nil {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s did not become ready", base)
}

// field is the value of a form's hidden field.
func field(t *testing.T, page, name string) string {
	t.Helper()
	m := regexp.MustCompile(fmt.Sprintf(`name="%s" value="([^"]*)"`, regexp.QuoteMeta(name))).FindStringSubmatch(page)
	require.NotNil(t, m, "the page has a field %s", name)
	return m[1]
}
