package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/config"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoadDefaults(t *testing.T) {
	t.Parallel()
	c, err := config.Load(env(map[string]string{"DATABASE_URL": "postgres://x/y"}))
	require.NoError(t, err)
	require.Equal(t, "127.0.0.1:8080", c.Addr)
	require.Equal(t, "http://127.0.0.1:8080", c.BaseURL)
	require.Equal(t, "http://127.0.0.1:8080/auth/callback", c.RedirectURL())
	require.Equal(t, "http://127.0.0.1:8081", c.OIDCIssuer)
	require.Equal(t, []string{"openid", "profile"}, c.OIDCScopes)
	require.Equal(t, 8*time.Hour, c.SessionTTL)
	require.Equal(t, 30*time.Minute, c.SessionIdle)
	require.Equal(t, 15*time.Minute, c.ProdLoginMaxAge)
	require.False(t, c.Secure())
	require.Len(t, c.SessionKey, 32)
	require.True(t, c.TestDeployment, "a portal on http is a test deployment unless told otherwise")
	require.Equal(t, "postgres://x/y", c.MigrateDatabaseURL, "migrations run with DATABASE_URL unless told otherwise")
}

func TestLoadMigrateDatabaseURL(t *testing.T) {
	t.Parallel()
	c, err := config.Load(env(map[string]string{"DATABASE_URL": "postgres://portal@db/x", "MIGRATE_DATABASE_URL": "postgres://owner@db/x"}))
	require.NoError(t, err)
	require.Equal(t, "postgres://portal@db/x", c.DatabaseURL)
	require.Equal(t, "postgres://owner@db/x", c.MigrateDatabaseURL)
}

func TestLoadRefuses(t *testing.T) {
	t.Parallel()
	tests := map[string]map[string]string{
		"NoDatabase":           {},
		"BadIssuer":            {"DATABASE_URL": "postgres://x/y", "OIDC_ISSUER": "idporten.no"},
		"BadBaseURL":           {"DATABASE_URL": "postgres://x/y", "PORTAL_BASE_URL": "ftp://portal"},
		"BadTTL":               {"DATABASE_URL": "postgres://x/y", "SESSION_TTL": "lenge"},
		"ShortTTL":             {"DATABASE_URL": "postgres://x/y", "SESSION_TTL": "10s"},
		"BadIdle":              {"DATABASE_URL": "postgres://x/y", "SESSION_IDLE_TIMEOUT": "snart"},
		"ShortIdle":            {"DATABASE_URL": "postgres://x/y", "SESSION_IDLE_TIMEOUT": "30s"},
		"IdleBeyondTTL":        {"DATABASE_URL": "postgres://x/y", "SESSION_TTL": "1h", "SESSION_IDLE_TIMEOUT": "2h"},
		"BadLoginMaxAge":       {"DATABASE_URL": "postgres://x/y", "PROD_LOGIN_MAX_AGE": "-"},
		"ZeroLoginMaxAge":      {"DATABASE_URL": "postgres://x/y", "PROD_LOGIN_MAX_AGE": "0s"},
		"DevKeyOverTLS":        {"DATABASE_URL": "postgres://x/y", "PORTAL_BASE_URL": "https://portal.example"},
		"BadTestDeployment":    {"DATABASE_URL": "postgres://x/y", "TEST_DEPLOYMENT": "ja"},
		"MissingClientKeyFile": {"DATABASE_URL": "postgres://x/y", "OIDC_CLIENT_KEY_FILE": "/finnes/ikke.pem"},
	}
	for name, m := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := config.Load(env(m))
			require.Error(t, err)
		})
	}
}

func TestSecureOverTLS(t *testing.T) {
	t.Parallel()
	c, err := config.Load(env(production(nil)))
	require.NoError(t, err)
	require.True(t, c.Secure())
	require.Equal(t, "https://portal.example/logget-ut", c.PostLogoutURL())
	require.False(t, c.TestDeployment, "a portal on https is no test deployment unless told so")
}

const metricsProblem = "METRICS_ADDR must be set when PORTAL_BASE_URL is https: without it /metrics is served on the public port (set it to an address the load balancer does not expose, say :9090)"

// production is a complete set-up served over https, changed by with
// (an empty value unsets the variable).
func production(with map[string]string) map[string]string {
	m := map[string]string{
		"DATABASE_URL":             "postgres://x/y",
		"PORTAL_BASE_URL":          "https://portal.example",
		"SESSION_KEY":              "en-lang-tilfeldig-nokkel",
		"OIDC_ISSUER":              "https://test.idporten.no",
		"OIDC_CLIENT_SECRET":       "registrert-hos-id-porten",
		"SMTP_URL":                 "smtp://portal:hemmelig@smtp.example:587",
		"MAIL_FROM":                "Selvbetjening <ikke-svar@portal.example>",
		"TOKEN_KEY_ENCRYPTION_KEY": "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=",
		"METRICS_ADDR":             "127.0.0.1:9090",
	}
	for k, v := range with {
		m[k] = v
	}
	return m
}

func TestLoadOverHTTPSRefusesDevelopmentDefaults(t *testing.T) {
	t.Parallel()
	keyFile := filepath.Join(t.TempDir(), "client.pem")
	require.NoError(t, os.WriteFile(keyFile, []byte("-----BEGIN PRIVATE KEY-----\n"), 0o600))
	tests := map[string]struct {
		env  map[string]string
		want []string // the lines of the error, in order; none: it starts
	}{
		"Complete": {env: production(nil)},
		"ClientKeyInsteadOfSecret": {env: production(map[string]string{
			"OIDC_CLIENT_SECRET": "", "OIDC_CLIENT_KEY_FILE": keyFile, "OIDC_CLIENT_KEY_ID": "k1"})},
		"NothingSet": {env: map[string]string{"DATABASE_URL": "postgres://x/y", "PORTAL_BASE_URL": "https://portal.example"},
			want: []string{
				"OIDC_ISSUER must be set when PORTAL_BASE_URL is https: the default http://127.0.0.1:8081 is the development stand-in",
				"OIDC_CLIENT_SECRET (or OIDC_CLIENT_KEY_FILE with OIDC_CLIENT_KEY_ID) must be set when PORTAL_BASE_URL is https: the default secret is the development one",
				"SESSION_KEY must be set when PORTAL_BASE_URL is https: the default key is the development one",
				"SMTP_URL must be set when PORTAL_BASE_URL is https: without it e-mail stays in the development outbox (MAIL_OUTBOX=1 keeps it there anyway)",
				metricsProblem,
				"TOKEN_KEY_ENCRYPTION_KEY must be set when PORTAL_BASE_URL is https: the default key is the development one (make one with: openssl rand -base64 32)",
			}},
		"SMTPUnset": {env: production(map[string]string{"SMTP_URL": "", "MAIL_FROM": ""}),
			want: []string{"SMTP_URL must be set when PORTAL_BASE_URL is https: without it e-mail stays in the development outbox (MAIL_OUTBOX=1 keeps it there anyway)"}},
		"MetricsOnThePublicPort": {env: production(map[string]string{"METRICS_ADDR": ""}), want: []string{metricsProblem}},
		"OutboxAskedFor":         {env: production(map[string]string{"SMTP_URL": "", "MAIL_FROM": "", "MAIL_OUTBOX": "1"})},
		"IssuerUnset": {env: production(map[string]string{"OIDC_ISSUER": ""}),
			want: []string{"OIDC_ISSUER must be set when PORTAL_BASE_URL is https: the default http://127.0.0.1:8081 is the development stand-in"}},
		"IssuerOverHTTP": {env: production(map[string]string{"OIDC_ISSUER": "http://idporten.example"}),
			want: []string{`OIDC_ISSUER must be an https URL when PORTAL_BASE_URL is https, got "http://idporten.example"`}},
		"SecretUnset": {env: production(map[string]string{"OIDC_CLIENT_SECRET": ""}),
			want: []string{"OIDC_CLIENT_SECRET (or OIDC_CLIENT_KEY_FILE with OIDC_CLIENT_KEY_ID) must be set when PORTAL_BASE_URL is https: the default secret is the development one"}},
		"DevelopmentSecretSetByHand": {env: production(map[string]string{"OIDC_CLIENT_SECRET": config.DevClientSecret}),
			want: []string{"OIDC_CLIENT_SECRET (or OIDC_CLIENT_KEY_FILE with OIDC_CLIENT_KEY_ID) must be set when PORTAL_BASE_URL is https: the default secret is the development one"}},
		"SessionKeyUnset": {env: production(map[string]string{"SESSION_KEY": ""}),
			want: []string{"SESSION_KEY must be set when PORTAL_BASE_URL is https: the default key is the development one"}},
		"DevelopmentSessionKeySetByHand": {env: production(map[string]string{"SESSION_KEY": config.DevSessionKey}),
			want: []string{"SESSION_KEY must be set when PORTAL_BASE_URL is https: the default key is the development one"}},
		"OtherProblemsToo": {env: production(map[string]string{"OIDC_ISSUER": "", "SESSION_TTL": "lenge", "TEST_DEPLOYMENT": "ja"}),
			want: []string{
				`SESSION_TTL: time: invalid duration "lenge"`,
				`TEST_DEPLOYMENT: must be 1 or 0, got "ja"`,
				"OIDC_ISSUER must be set when PORTAL_BASE_URL is https: the default http://127.0.0.1:8081 is the development stand-in",
			}},
		"TestDeploymentStillNeedsThem": {env: production(map[string]string{"TEST_DEPLOYMENT": "1", "OIDC_CLIENT_SECRET": ""}),
			want: []string{"OIDC_CLIENT_SECRET (or OIDC_CLIENT_KEY_FILE with OIDC_CLIENT_KEY_ID) must be set when PORTAL_BASE_URL is https: the default secret is the development one"}},
		"HTTPKeepsTheDefaults": {env: map[string]string{"DATABASE_URL": "postgres://x/y", "PORTAL_BASE_URL": "http://portal.example"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := config.Load(env(tc.env))
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			require.Equal(t, tc.want, strings.Split(err.Error(), "\n"))
		})
	}
}

func TestLoadTestDeployment(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		env  map[string]string
		want bool
	}{
		"DefaultOnOverHTTP":  {env: map[string]string{"DATABASE_URL": "postgres://x/y"}, want: true},
		"OffOverHTTP":        {env: map[string]string{"DATABASE_URL": "postgres://x/y", "TEST_DEPLOYMENT": "0"}, want: false},
		"DefaultOffOverTLS":  {env: production(nil), want: false},
		"OnOverTLS":          {env: production(map[string]string{"TEST_DEPLOYMENT": "1"}), want: true},
		"ExplicitOffOverTLS": {env: production(map[string]string{"TEST_DEPLOYMENT": "0"}), want: false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, err := config.Load(env(tc.env))
			require.NoError(t, err)
			require.Equal(t, tc.want, c.TestDeployment)
		})
	}
	for _, v := range []string{"ja", "true", "on", " 1", "2"} {
		_, err := config.Load(env(map[string]string{"DATABASE_URL": "postgres://x/y", "TEST_DEPLOYMENT": v}))
		require.EqualError(t, err, `TEST_DEPLOYMENT: must be 1 or 0, got "`+v+`"`, v)
	}
}
