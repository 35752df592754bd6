package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/idportenstub"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

var issuerLine = regexp.MustCompile(`issuer=(\S+)`)

func TestRunServesDiscoveryAndStops(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, envOf(map[string]string{"IDPORTEN_ADDR": "127.0.0.1:0"}), pw)
		_ = pw.Close()
	}()

	// Read the issuer from the start-up log, and keep draining so later
	// log lines never block run.
	issuers := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if m := issuerLine.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case issuers <- m[1]:
				default:
				}
			}
		}
	}()
	var issuer string
	select {
	case issuer = <-issuers:
	case err := <-done:
		t.Fatalf("run returned early: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("no issuer logged")
	}
	require.Regexp(t, `^http://127\.0\.0\.1:\d+$`, issuer)
	require.NotEqual(t, "http://127.0.0.1:0", issuer)

	resp, err := http.Get(issuer + "/.well-known/openid-configuration")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var d struct {
		Issuer string `json:"issuer"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&d))
	require.Equal(t, issuer, d.Issuer)

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop after cancel")
	}
	_, err = http.Get(issuer + "/.well-known/openid-configuration")
	require.Error(t, err, "server should be closed")
}

func TestRunFailsOnBadConfig(t *testing.T) {
	t.Parallel()
	for name, env := range map[string]map[string]string{
		"bad address":  {"IDPORTEN_ADDR": "127.0.0.1:not-a-port"},
		"bad issuer":   {"IDPORTEN_ADDR": "127.0.0.1:0", "IDPORTEN_ISSUER": "ftp://127.0.0.1"},
		"bad redirect": {"IDPORTEN_ADDR": "127.0.0.1:0", "IDPORTEN_REDIRECT_URIS": "/relative"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := run(t.Context(), envOf(env), io.Discard)
			require.Error(t, err)
		})
	}
}

func TestLoadConfig(t *testing.T) {
	t.Parallel()
	t.Run("defaults", func(t *testing.T) {
		t.Parallel()
		require.Equal(t, config{
			addr: "127.0.0.1:8081",
			client: idportenstub.Client{
				ID:                     "selvbetjening",
				Secret:                 "demo-hemmelighet",
				RedirectURIs:           []string{"http://127.0.0.1:8080/auth/callback", "http://localhost:8080/auth/callback"},
				PostLogoutRedirectURIs: []string{"http://127.0.0.1:8080/logget-ut", "http://localhost:8080/logget-ut"},
			},
		}, mustLoad(t, nil))
	})
	t.Run("overrides", func(t *testing.T) {
		t.Parallel()
		got := mustLoad(t, map[string]string{
			"IDPORTEN_ADDR":                      "127.0.0.1:9000",
			"IDPORTEN_ISSUER":                    "http://localhost:9000",
			"IDPORTEN_CLIENT_ID":                 "portal",
			"IDPORTEN_CLIENT_SECRET":             "s3",
			"IDPORTEN_REDIRECT_URIS":             " http://a.example/cb , ,http://b.example/cb",
			"IDPORTEN_POST_LOGOUT_REDIRECT_URIS": "http://a.example/",
		})
		require.Equal(t, "127.0.0.1:9000", got.addr)
		require.Equal(t, "http://localhost:9000", got.issuer)
		require.Equal(t, "portal", got.client.ID)
		require.Equal(t, "s3", got.client.Secret)
		require.Equal(t, []string{"http://a.example/cb", "http://b.example/cb"}, got.client.RedirectURIs)
		require.Equal(t, []string{"http://a.example/"}, got.client.PostLogoutRedirectURIs)
	})
}

func mustLoad(t *testing.T, env map[string]string) config {
	t.Helper()
	c, err := loadConfig(envOf(env))
	require.NoError(t, err)
	return c
}

func TestLoadConfigBeyondLoopback(t *testing.T) {
	t.Parallel()
	const allow, secret = "IDPORTEN_ALLOW_PUBLIC", "IDPORTEN_CLIENT_SECRET"
	tests := map[string]struct {
		env    map[string]string
		public bool
		err    string // empty: loads
	}{
		"LoopbackByDefault":    {env: nil},
		"IPv4Loopback":         {env: map[string]string{"IDPORTEN_ADDR": "127.0.0.2:8081"}},
		"IPv6Loopback":         {env: map[string]string{"IDPORTEN_ADDR": "[::1]:8081"}},
		"Localhost":            {env: map[string]string{"IDPORTEN_ADDR": "localhost:8081", "IDPORTEN_ISSUER": "http://localhost:8081"}},
		"AllowedButOnLoopback": {env: map[string]string{allow: "1"}},
		"AllInterfaces": {env: map[string]string{"IDPORTEN_ADDR": "0.0.0.0:8081"},
			err: "refusing to serve IDPORTEN_ADDR 0.0.0.0:8081 beyond loopback: this stand-in ID-porten logs anyone in as anyone. " +
				"Use a loopback address (127.0.0.1:8081), or set IDPORTEN_ALLOW_PUBLIC=1 and IDPORTEN_CLIENT_SECRET if it must be reached from elsewhere"},
		"NoHost":            {env: map[string]string{"IDPORTEN_ADDR": ":8081"}, err: "refusing to serve IDPORTEN_ADDR :8081 beyond loopback"},
		"AllIPv6Interfaces": {env: map[string]string{"IDPORTEN_ADDR": "[::]:8081"}, err: "refusing to serve IDPORTEN_ADDR [::]:8081 beyond loopback"},
		"OtherAddress":      {env: map[string]string{"IDPORTEN_ADDR": "192.0.2.10:8081"}, err: "refusing to serve IDPORTEN_ADDR 192.0.2.10:8081 beyond loopback"},
		"HostName":          {env: map[string]string{"IDPORTEN_ADDR": "idporten.example:8081"}, err: "refusing to serve IDPORTEN_ADDR idporten.example:8081 beyond loopback"},
		"IssuerBeyond": {env: map[string]string{"IDPORTEN_ISSUER": "https://idporten.example"},
			err: "refusing to serve IDPORTEN_ISSUER https://idporten.example beyond loopback"},
		"AllowedWithSecret": {env: map[string]string{"IDPORTEN_ADDR": "0.0.0.0:8081", allow: "1", secret: "eget"}, public: true},
		"AllowedIssuerWithSecret": {env: map[string]string{"IDPORTEN_ISSUER": "https://idporten.example", allow: "1", secret: "eget"},
			public: true},
		"AllowedWithoutSecret": {env: map[string]string{"IDPORTEN_ADDR": "0.0.0.0:8081", allow: "1"},
			err: "IDPORTEN_CLIENT_SECRET must be set when IDPORTEN_ADDR 0.0.0.0:8081 is beyond loopback: the default secret is in the source code for anyone to read"},
		"AllowedWithBlankSecret": {env: map[string]string{"IDPORTEN_ADDR": "0.0.0.0:8081", allow: "1", secret: "  "},
			err: "IDPORTEN_CLIENT_SECRET must be set when IDPORTEN_ADDR 0.0.0.0:8081 is beyond loopback"},
		"AllowedWithDevelopmentSecret": {env: map[string]string{"IDPORTEN_ADDR": "0.0.0.0:8081", allow: "1", secret: "demo-hemmelighet"},
			err: "IDPORTEN_CLIENT_SECRET must not be the development secret when IDPORTEN_ADDR 0.0.0.0:8081 is beyond loopback: choose one of your own"},
		"ExplicitlyNotAllowed": {env: map[string]string{"IDPORTEN_ADDR": "0.0.0.0:8081", allow: "0", secret: "eget"},
			err: "refusing to serve IDPORTEN_ADDR 0.0.0.0:8081 beyond loopback"},
		"BadAllowValue": {env: map[string]string{"IDPORTEN_ADDR": "0.0.0.0:8081", allow: "ja"},
			err: `IDPORTEN_ALLOW_PUBLIC must be 1 or 0, got "ja"`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, err := loadConfig(envOf(tc.env))
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.public, c.public)
		})
	}
}

func TestDefaultIssuer(t *testing.T) {
	t.Parallel()
	bound := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 43210}
	for addr, want := range map[string]string{
		"127.0.0.1:0":    "http://127.0.0.1:43210",
		"localhost:8081": "http://localhost:43210",
		":8081":          "http://127.0.0.1:43210",
		"0.0.0.0:8081":   "http://127.0.0.1:43210",
		"[::1]:8081":     "http://[::1]:43210",
	} {
		require.Equal(t, want, defaultIssuer(addr, bound), addr)
	}
}
