package config_test

import (
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
	c, err := config.Load(env(map[string]string{"DATABASE_URL": "postgres://x/y",
		"PORTAL_BASE_URL": "https://portal.example", "SESSION_KEY": "hemmelig"}))
	require.NoError(t, err)
	require.True(t, c.Secure())
	require.Equal(t, "https://portal.example/logget-ut", c.PostLogoutURL())
}
