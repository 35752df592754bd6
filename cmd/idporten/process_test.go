package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/idportenstub"
)

// TestProcessOnAllInterfaces runs the real idporten binary the way an
// operator would, on 0.0.0.0.
func TestProcessOnAllInterfaces(t *testing.T) {
	t.Parallel()
	goBin, err := exec.LookPath("go")
	require.NoError(t, err, "the go command builds the binary under test")
	bin := filepath.Join(t.TempDir(), "idporten")
	out, err := exec.CommandContext(t.Context(), goBin, "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	t.Run("RefusedWithoutTheSetting", func(t *testing.T) {
		t.Parallel()
		// Bounded, so that a stand-in that does start fails the test instead of hanging it.
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin)
		cmd.Env = []string{"IDPORTEN_ADDR=0.0.0.0:0", "IDPORTEN_CLIENT_SECRET=eget-for-testen"}
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, "it must stop, not serve")
		require.Equal(t, 1, exit.ExitCode())
		require.Equal(t, "idporten: refusing to serve IDPORTEN_ADDR 0.0.0.0:0 beyond loopback: this stand-in ID-porten logs anyone in as anyone. "+
			"Use a loopback address (127.0.0.1:8081), or set IDPORTEN_ALLOW_PUBLIC=1 and IDPORTEN_CLIENT_SECRET if it must be reached from elsewhere\n",
			stderr.String())
		require.Empty(t, stdout.String(), "nothing started")
	})

	t.Run("RefusedWithTheSettingButNoSecret", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin)
		cmd.Env = []string{"IDPORTEN_ADDR=0.0.0.0:0", "IDPORTEN_ALLOW_PUBLIC=1"}
		out, err := cmd.CombinedOutput()
		require.Error(t, err)
		require.Contains(t, string(out), "IDPORTEN_CLIENT_SECRET must be set when IDPORTEN_ADDR 0.0.0.0:0 is beyond loopback")
	})

	t.Run("WithTheSettingWarnsAndShowsTheBanner", func(t *testing.T) {
		t.Parallel()
		cmd := exec.Command(bin)
		cmd.Env = []string{"IDPORTEN_ADDR=0.0.0.0:0", "IDPORTEN_ALLOW_PUBLIC=1", "IDPORTEN_CLIENT_SECRET=eget-for-testen"}
		stdout, err := cmd.StdoutPipe()
		require.NoError(t, err)
		cmd.Stderr = os.Stderr
		require.NoError(t, cmd.Start())
		exited := make(chan error, 1)
		log := &processLog{lines: make(chan string, 100)}
		go func() {
			log.read(stdout)
			exited <- cmd.Wait()
		}()
		t.Cleanup(func() {
			_ = cmd.Process.Kill() // only if the test failed before stopping it
		})

		start := log.await(t, "stand-in ID-porten started")
		m := issuerLine.FindStringSubmatch(start)
		require.NotNil(t, m, start)
		issuer := m[1]
		log.await(t, `level=WARN msg="stand-in ID-porten reachable beyond loopback (IDPORTEN_ALLOW_PUBLIC=1)"`)

		browser := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(req *http.Request, _ []*http.Request) error {
			if !strings.HasPrefix(req.URL.String(), issuer+"/") {
				return http.ErrUseLastResponse // the portal is not running here
			}
			return nil
		}}
		oauth := oauth2.Config{ClientID: "selvbetjening", RedirectURL: "http://127.0.0.1:8080/auth/callback",
			Endpoint: oauth2.Endpoint{AuthURL: issuer + "/authorize"}, Scopes: []string{"openid", "profile"}}
		resp, err := browser.Get(oauth.AuthCodeURL(rand.Text(), oauth2.S256ChallengeOption(oauth2.GenerateVerifier()),
			oauth2.SetAuthURLParam("nonce", rand.Text())))
		require.NoError(t, err)
		doc, err := goquery.NewDocumentFromReader(resp.Body)
		resp.Body.Close()
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Equal(t, "/login", resp.Request.URL.Path)
		require.Contains(t, doc.Find(".banner-public").Text(),
			"Advarsel: Denne test-ID-porten kan nås fra andre maskiner, og her kan hvem som helst logge inn som hvem som helst")

		resp, err = idportenstub.SubmitLogin(browser, resp.Request.URL, url.Values{"testperson": {demo.Kari.PID}})
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusFound, resp.StatusCode)
		require.True(t, strings.HasPrefix(resp.Header.Get("Location"), oauth.RedirectURL+"?"), "back to the portal with a code")
		loginLine := log.await(t, `level=WARN msg="test login on a stand-in reachable beyond loopback"`)
		require.NotContains(t, loginLine, demo.Kari.PID)

		require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
		select {
		case err := <-exited:
			require.NoError(t, err, "graceful stop")
		case <-time.After(10 * time.Second):
			t.Fatal("the stand-in did not stop on SIGTERM")
		}
	})
}

// processLog hands a process's log lines to a test, and keeps reading so
// the process never blocks on a full pipe.
type processLog struct {
	mu    sync.Mutex
	seen  []string
	lines chan string
}

func (l *processLog) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		l.mu.Lock()
		l.seen = append(l.seen, sc.Text())
		l.mu.Unlock()
		select {
		case l.lines <- sc.Text():
		default:
		}
	}
	close(l.lines)
}

// await returns the first line, seen or coming, that contains want.
func (l *processLog) await(t *testing.T, want string) string {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		l.mu.Lock()
		for _, line := range l.seen {
			if strings.Contains(line, want) {
				l.mu.Unlock()
				return line
			}
		}
		l.mu.Unlock()
		select {
		case _, ok := <-l.lines:
			if !ok {
				l.check(t, want, errors.New("the process closed its output"))
			}
		case <-deadline:
			l.check(t, want, errors.New("timed out"))
		}
	}
}

func (l *processLog) check(t *testing.T, want string, err error) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	t.Fatalf("no log line with %q (%v); the log:\n%s", want, err, strings.Join(l.seen, "\n"))
}
