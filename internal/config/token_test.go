package config_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/config"
)

func TestTokenDefaults(t *testing.T) {
	t.Parallel()
	c, err := config.Load(env(map[string]string{"DATABASE_URL": "postgres://x/y"}))
	require.NoError(t, err)
	require.Equal(t, "http://127.0.0.1:8080/maskinporten/test/", c.Token.TestIssuer, "under the portal, with Maskinporten's trailing slash")
	require.Empty(t, c.Token.ProdIssuer, "PROD only when configured")
	require.Equal(t, config.DevTokenKeyEncryptionKey, c.Token.KeyEncryptionKey)
	require.Equal(t, 600, c.Token.ClientLimit)
	require.Equal(t, 6000, c.Token.AddressLimit)

	c, err = config.Load(env(map[string]string{"DATABASE_URL": "postgres://x/y",
		"MASKINPORTEN_TEST_ISSUER": "http://token.test/mp", "MASKINPORTEN_PROD_ISSUER": "http://token.test/prod/",
		"TOKEN_KEY_ENCRYPTION_KEY": "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA", "TOKEN_RATE_LIMIT_CLIENT": "0"}))
	require.NoError(t, err)
	require.Equal(t, "http://token.test/mp/", c.Token.TestIssuer)
	require.Equal(t, "http://token.test/prod/", c.Token.ProdIssuer)
	require.Len(t, c.Token.KeyEncryptionKey, 32)
	require.Zero(t, c.Token.ClientLimit)
}

func TestTokenRefuses(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		env  map[string]string
		want string
	}{
		"ShortKey":      {map[string]string{"TOKEN_KEY_ENCRYPTION_KEY": "a29ydA=="}, "TOKEN_KEY_ENCRYPTION_KEY: must be 32 bytes in base64 (openssl rand -base64 32), got 4 bytes"},
		"KeyNotBase64":  {map[string]string{"TOKEN_KEY_ENCRYPTION_KEY": "ikke base64!"}, "TOKEN_KEY_ENCRYPTION_KEY: must be 32 bytes in base64"},
		"BadIssuer":     {map[string]string{"MASKINPORTEN_TEST_ISSUER": "test.maskinporten.no"}, "MASKINPORTEN_TEST_ISSUER must be an http(s) URL"},
		"IssuerQuery":   {map[string]string{"MASKINPORTEN_PROD_ISSUER": "http://x.example/?a=b"}, "MASKINPORTEN_PROD_ISSUER must be an http(s) URL without query"},
		"SamePath":      {map[string]string{"MASKINPORTEN_TEST_ISSUER": "http://a.example/mp/", "MASKINPORTEN_PROD_ISSUER": "http://b.example/mp"}, "must have different paths"},
		"BadLimit":      {map[string]string{"TOKEN_RATE_LIMIT_ADDRESS": "mange"}, "TOKEN_RATE_LIMIT_ADDRESS must be a whole number"},
		"NegativeLimit": {map[string]string{"TOKEN_RATE_LIMIT_CLIENT": "-1"}, "TOKEN_RATE_LIMIT_CLIENT must be a whole number"},
		"IssuerHTTPOverTLS": {production(map[string]string{"MASKINPORTEN_PROD_ISSUER": "http://mp.example/"}),
			`MASKINPORTEN_PROD_ISSUER must be an https URL when PORTAL_BASE_URL is https, got "http://mp.example/"`},
		"DevKeyOverTLS": {production(map[string]string{"TOKEN_KEY_ENCRYPTION_KEY": ""}), "TOKEN_KEY_ENCRYPTION_KEY must be set when PORTAL_BASE_URL is https"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := map[string]string{"DATABASE_URL": "postgres://x/y"}
			for k, v := range tc.env {
				m[k] = v
			}
			_, err := config.Load(env(m))
			require.Error(t, err)
			require.True(t, strings.Contains(err.Error(), tc.want), err.Error())
		})
	}
}
