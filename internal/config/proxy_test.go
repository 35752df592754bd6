package config_test

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/config"
)

func TestTrustedProxies(t *testing.T) {
	t.Parallel()
	c, err := config.Load(env(map[string]string{"DATABASE_URL": "postgres://x/y"}))
	require.NoError(t, err)
	require.Empty(t, c.TrustedProxies, "none by default: X-Forwarded-For is read from nobody")

	c, err = config.Load(env(map[string]string{"DATABASE_URL": "postgres://x/y",
		"TRUSTED_PROXIES": " 10.0.0.0/8, fd00::/8,192.0.2.10,::ffff:192.0.2.11 ,, 2001:db8::1"}))
	require.NoError(t, err)
	require.Equal(t, []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8"),
		netip.MustParsePrefix("192.0.2.10/32"), netip.MustParsePrefix("192.0.2.11/32"),
		netip.MustParsePrefix("2001:db8::1/128"),
	}, c.TrustedProxies)
}

func TestTrustedProxiesRefused(t *testing.T) {
	t.Parallel()
	for name, raw := range map[string]string{
		"NotAnAddress": "lastbalanse",
		"BadLength":    "10.0.0.0/33",
		"Zone":         "fe80::1%eth0",
		"Hostname":     "lb.example.no",
		"Semicolons":   "10.0.0.0/8; 172.16.0.0/12",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := config.Load(env(map[string]string{"DATABASE_URL": "postgres://x/y", "TRUSTED_PROXIES": raw}))
			require.ErrorContains(t, err, "TRUSTED_PROXIES: ")
			require.ErrorContains(t, err, "is not a CIDR such as 10.0.0.0/8")
		})
	}
	_, err := config.Load(env(map[string]string{"DATABASE_URL": "postgres://x/y", "TRUSTED_PROXIES": "10.0.0.0/8,10.1.2.3/8"}))
	require.EqualError(t, err, `TRUSTED_PROXIES: "10.1.2.3/8" has host bits set: write the network, 10.0.0.0/8`)
}
