package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/idportenstub"
)

// TestDatabaseRestartUnderLoad stops and starts the portal's PostgreSQL, a
// cluster of its own, while logged-in visitors keep loading the list page.
// Every answer must be the page or a 503 with Retry-After, never a 500 nor
// a lost session, and the page must come back once the database does.
func TestDatabaseRestartUnderLoad(t *testing.T) {
	t.Parallel()
	db := startOwnCluster(t)
	portalAddr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	issuer := startStandIn(t, portalAddr)
	portal := startPortal(t, portalAddr, db, issuer)
	client := loginAs(t, portal, demo.Kari)
	list := portal + "/integrasjoner?miljo=TEST"

	h := newHammer(client, list)
	h.start(6)
	t.Cleanup(h.stop)

	h.waitFor(t, "the page while the database runs", func(s snapshot) bool { return s.ok >= 30 })
	db.pgdev(t, "stop", "-dir", db.dir)
	stopped := h.snapshot()
	h.waitFor(t, "answers while the database is down", func(s snapshot) bool { return s.unavailable >= stopped.unavailable+20 })
	db.pgdev(t, "start", "-dir", db.dir, "-port", db.port, "-fast")
	back := time.Now()
	h.markBack(back)
	h.waitFor(t, "the page again after the database is back", func(s snapshot) bool { return !s.firstOKAfterBack.IsZero() })
	recovered := h.snapshot()
	h.waitFor(t, "more pages after recovery", func(s snapshot) bool { return s.ok >= recovered.ok+30 })
	h.stop()

	final := h.snapshot()
	t.Logf("answers: %d × 200, %d × 503 (%d of them after the first 200 again); first 200 %s after PostgreSQL was back (the start command returned)",
		final.ok, final.unavailable, final.unavailable-recovered.unavailable, final.firstOKAfterBack.Sub(back).Round(time.Millisecond))
	require.Empty(t, final.wrong, "every answer is the page or a 503 with Retry-After")
	require.Positive(t, stopped.ok, "the page was served before the restart")
	require.Positive(t, final.unavailable, "the outage was seen")
	require.Less(t, final.firstOKAfterBack.Sub(back), 30*time.Second, "the portal recovers soon after the database")
}

// cluster is a PostgreSQL of the test's own, run by cmd/pgdev.
type cluster struct {
	bin, dir, port  string
	url, migrateURL string // the serving role's and the owner's, as pgdev createdb prints them
}

func startOwnCluster(t *testing.T) *cluster {
	t.Helper()
	base := t.TempDir()
	if os.Geteuid() == 0 {
		// As root the server runs as the postgres user, which must be able to
		// enter the test's private temporary directories.
		require.NoError(t, os.Chmod(filepath.Dir(base), 0o711))
		require.NoError(t, os.Chmod(base, 0o711))
	}
	c := &cluster{bin: filepath.Join(base, "pgdev"), dir: filepath.Join(base, "pg"), port: strconv.Itoa(freePort(t))}
	goTool, err := exec.LookPath("go")
	require.NoError(t, err, "the go command builds cmd/pgdev")
	out, err := exec.CommandContext(t.Context(), goTool, "build", "-o", c.bin, "github.com/digdir/selvbetjening/cmd/pgdev").CombinedOutput()
	require.NoError(t, err, "build pgdev: %s", out)

	admin := c.pgdev(t, "start", "-dir", c.dir, "-port", c.port, "-fast")
	t.Cleanup(func() {
		cmd := exec.Command(c.bin, "destroy", "-dir", c.dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("pgdev destroy: %v\n%s", err, out)
		}
	})
	for _, line := range strings.Split(c.pgdev(t, "createdb", "-url", admin, "-name", "selvbetjening"), "\n") {
		if v, ok := strings.CutPrefix(line, "DATABASE_URL="); ok {
			c.url = v
		} else if v, ok := strings.CutPrefix(line, "MIGRATE_DATABASE_URL="); ok {
			c.migrateURL = v
		}
	}
	require.NotEmpty(t, c.url, "pgdev createdb prints DATABASE_URL=")
	return c
}

// pgdev runs a pgdev command and returns what it printed on stdout.
func (c *cluster) pgdev(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, c.bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "pgdev %s\n%s", strings.Join(args, " "), stderr.String())
	return strings.TrimSpace(stdout.String())
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

const standInSecret = "omstart-hemmelighet"

// startStandIn serves the stand-in ID-porten for a portal at portalAddr.
func startStandIn(t *testing.T, portalAddr string) (issuer string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	issuer = "http://" + ln.Addr().String()
	provider, err := idportenstub.New(idportenstub.Config{
		Issuer: issuer,
		Clients: []idportenstub.Client{{
			ID: "selvbetjening", Secret: standInSecret,
			RedirectURIs:           []string{"http://" + portalAddr + "/auth/callback"},
			PostLogoutRedirectURIs: []string{"http://" + portalAddr + "/logget-ut"},
		}},
		Persons: demo.Persons(),
		Logger:  slog.New(slog.DiscardHandler),
	})
	require.NoError(t, err)
	srv := &http.Server{Handler: provider, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return issuer
}

// startPortal seeds the database and serves the real program on it.
func startPortal(t *testing.T, addr string, db *cluster, issuer string) string {
	t.Helper()
	env := map[string]string{"DATABASE_URL": db.url, "MIGRATE_DATABASE_URL": db.migrateURL, "PORTAL_ADDR": addr, "OIDC_ISSUER": issuer,
		"OIDC_CLIENT_SECRET": standInSecret, "LOG_LEVEL": "warn"}
	getenv := func(k string) string { return env[k] }
	require.NoError(t, run(t.Context(), []string{"seed"}, getenv, io.Discard, nil))

	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	logs := &lockedBuffer{}
	go func() { done <- run(ctx, []string{"serve"}, getenv, logs, ready) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			require.NoError(t, err, "the portal stops cleanly")
		case <-time.After(30 * time.Second):
			t.Error("the portal did not stop")
		}
		if t.Failed() {
			t.Logf("the portal's log:\n%s", logs.String())
		}
	})
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("the portal stopped: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("the portal did not start")
	}
	return "http://" + addr
}

// loginAs logs a person in at the stand-in and returns their browser, which
// stays on the page it is answered (no redirects followed).
func loginAs(t *testing.T, portal string, p demo.Person) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	resp, err := c.Get(portal + "/logg-inn")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, "the stand-in's login page")
	resp, err = idportenstub.SubmitLogin(c, resp.Request.URL, url.Values{"testperson": {p.PID}})
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, "logged in: %s", body)
	require.True(t, strings.HasPrefix(resp.Request.URL.String(), portal), "back on the portal: %s", resp.Request.URL)
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c.Transport = &http.Transport{MaxIdleConnsPerHost: 16}
	return c
}

// hammer loads one page from several goroutines and tallies the answers.
type hammer struct {
	client *http.Client
	url    string
	quit   chan struct{}
	wg     sync.WaitGroup
	once   sync.Once
	back   atomic.Int64 // UnixNano when the database was back; 0 before

	mu sync.Mutex
	s  snapshot
}

type snapshot struct {
	ok, unavailable  int
	wrong            []string // anything but 200, or 503 with Retry-After
	firstOKAfterBack time.Time
}

// hammerLimit bounds the run, whatever happens to the test.
const hammerLimit = 3 * time.Minute

func newHammer(c *http.Client, url string) *hammer {
	return &hammer{client: c, url: url, quit: make(chan struct{})}
}

func (h *hammer) start(workers int) {
	deadline := time.Now().Add(hammerLimit)
	for range workers {
		h.wg.Add(1)
		go func() {
			defer h.wg.Done()
			for time.Now().Before(deadline) {
				select {
				case <-h.quit:
					return
				default:
				}
				h.one()
			}
		}()
	}
}

func (h *hammer) one() {
	sent := time.Now()
	resp, err := h.client.Get(h.url)
	if err != nil {
		h.record(sent, 0, fmt.Sprintf("request failed: %v", err))
		return
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusOK:
		h.record(sent, http.StatusOK, "")
	case resp.StatusCode == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") != "":
		h.record(sent, http.StatusServiceUnavailable, "")
	default:
		title := "(no title)"
		if m := titleRe.FindSubmatch(body); m != nil {
			title = string(m[1])
		}
		h.record(sent, resp.StatusCode, fmt.Sprintf("HTTP %d (Retry-After %q, Location %q): %s",
			resp.StatusCode, resp.Header.Get("Retry-After"), resp.Header.Get("Location"), title))
	}
}

var titleRe = regexp.MustCompile(`<title>([^<]*)</title>`)

func (h *hammer) record(sent time.Time, status int, wrong string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case wrong != "":
		if len(h.s.wrong) < 5 {
			h.s.wrong = append(h.s.wrong, wrong)
		}
	case status == http.StatusOK:
		h.s.ok++
		if back := h.back.Load(); back != 0 && sent.UnixNano() >= back && h.s.firstOKAfterBack.IsZero() {
			h.s.firstOKAfterBack = time.Now()
		}
	default:
		h.s.unavailable++
	}
}

func (h *hammer) markBack(t time.Time) { h.back.Store(t.UnixNano()) }

func (h *hammer) snapshot() snapshot {
	h.mu.Lock()
	defer h.mu.Unlock()
	s := h.s
	s.wrong = append([]string(nil), h.s.wrong...)
	return s
}

// waitFor polls the tally until cond holds, failing after a generous bound
// (the machine may be busy with other tests) or on a wrong answer.
func (h *hammer) waitFor(t *testing.T, what string, cond func(snapshot) bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		s := h.snapshot()
		require.Empty(t, s.wrong, "while waiting for %s", what)
		if cond(s) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s within a minute (%d × 200, %d × 503 so far)", what, s.ok, s.unavailable)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (h *hammer) stop() {
	h.once.Do(func() { close(h.quit) })
	h.wg.Wait()
}

// lockedBuffer collects the portal's log lines from its goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
