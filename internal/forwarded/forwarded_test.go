package forwarded_test

import (
	"net/http/httptest"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/forwarded"
)

func TestClientAddr(t *testing.T) {
	t.Parallel()
	lb := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8")}
	for name, tc := range map[string]struct {
		remote  string
		xff     []string
		trusted []netip.Prefix
		want    string
	}{
		"NoProxiesConfigured":       {"10.0.0.5:4000", []string{"198.51.100.7"}, nil, "10.0.0.5"},
		"DirectClient":              {"203.0.113.9:4000", nil, lb, "203.0.113.9"},
		"SpoofFromUntrustedPeer":    {"203.0.113.9:4000", []string{"198.51.100.7"}, lb, "203.0.113.9"},
		"SpoofFromUntrustedPeerLB":  {"203.0.113.9:4000", []string{"10.0.0.1"}, lb, "203.0.113.9"},
		"BehindBalancer":            {"10.0.0.5:4000", []string{"198.51.100.7"}, lb, "198.51.100.7"},
		"ClientPrependsSpoof":       {"10.0.0.5:4000", []string{"1.1.1.1, 198.51.100.7"}, lb, "198.51.100.7"},
		"TwoTrustedHops":            {"10.0.0.5:4000", []string{"1.1.1.1, 198.51.100.7, 10.1.1.1"}, lb, "198.51.100.7"},
		"SeveralHeaderLines":        {"10.0.0.5:4000", []string{"1.1.1.1", "198.51.100.7, 10.1.1.1"}, lb, "198.51.100.7"},
		"AllTrusted":                {"10.0.0.5:4000", []string{"10.9.9.9, 10.1.1.1"}, lb, "10.9.9.9"},
		"NoHeaderFromBalancer":      {"10.0.0.5:4000", nil, lb, "10.0.0.5"},
		"EmptyHeader":               {"10.0.0.5:4000", []string{""}, lb, "10.0.0.5"},
		"GarbageNearest":            {"10.0.0.5:4000", []string{"198.51.100.7, nonsense"}, lb, "10.0.0.5"},
		"GarbageBehindTrustedHop":   {"10.0.0.5:4000", []string{"198.51.100.7, <script>, 10.1.1.1"}, lb, "10.1.1.1"},
		"GarbageLeftOfClient":       {"10.0.0.5:4000", []string{"nonsense, 198.51.100.7"}, lb, "198.51.100.7"},
		"TrailingComma":             {"10.0.0.5:4000", []string{"198.51.100.7,"}, lb, "10.0.0.5"},
		"Spaces":                    {"10.0.0.5:4000", []string{"  198.51.100.7  ,10.1.1.1 "}, lb, "198.51.100.7"},
		"HopWithPort":               {"10.0.0.5:4000", []string{"198.51.100.7:5555"}, lb, "198.51.100.7"},
		"IPv6Peer":                  {"[2001:db8::1]:4000", []string{"198.51.100.7"}, lb, "2001:db8::1"},
		"IPv6Balancer":              {"[fd00::5]:4000", []string{"2001:db8::7"}, lb, "2001:db8::7"},
		"IPv6HopBracketsAndPort":    {"[fd00::5]:4000", []string{"[2001:db8::7]:443"}, lb, "2001:db8::7"},
		"IPv6HopBrackets":           {"[fd00::5]:4000", []string{"[2001:db8::7]"}, lb, "2001:db8::7"},
		"IPv4MappedPeerTrusted":     {"[::ffff:10.0.0.5]:4000", []string{"198.51.100.7"}, lb, "198.51.100.7"},
		"IPv4MappedHopIsIPv4":       {"10.0.0.5:4000", []string{"::ffff:198.51.100.7"}, lb, "198.51.100.7"},
		"ZoneRefused":               {"[fd00::5]:4000", []string{"fe80::1%eth0"}, lb, "fd00::5"},
		"RemoteAddrWithoutPort":     {"10.0.0.5", []string{"198.51.100.7"}, lb, "198.51.100.7"},
		"RemoteAddrNotAnAddress":    {"pipe", []string{"198.51.100.7"}, lb, "pipe"},
		"SingleAddressProxy":        {"192.0.2.10:1", []string{"198.51.100.7"}, []netip.Prefix{netip.MustParsePrefix("192.0.2.10/32")}, "198.51.100.7"},
		"NeighbourOfSingleProxy":    {"192.0.2.11:1", []string{"198.51.100.7"}, []netip.Prefix{netip.MustParsePrefix("192.0.2.10/32")}, "192.0.2.11"},
		"LongChainOfTrustedStopsAt": {"10.0.0.5:4000", []string{"198.51.100.7," + strings.Repeat("10.1.1.1,", 40) + "10.1.1.2"}, lb, "10.1.1.1"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest("POST", "/token", nil)
			r.RemoteAddr = tc.remote
			for _, v := range tc.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			require.Equal(t, tc.want, forwarded.ClientAddr(r, tc.trusted))
		})
	}
}

func TestHops(t *testing.T) {
	t.Parallel()
	require.Equal(t, []string{"c", "b", "a"}, slices.Collect(forwarded.Hops([]string{"a", " b ,c"})))
	require.Equal(t, []string{"", "a"}, slices.Collect(forwarded.Hops([]string{"a,"})))
	require.Empty(t, slices.Collect(forwarded.Hops(nil)))
	for range forwarded.Hops([]string{"a,b,c"}) {
		break // stopping early must not panic
	}
}

// FuzzHops: whatever the header, Hops is the header's comma-separated list
// read from the right, and every hop ParseHop accepts is an address that
// reads back as itself, without zone, never an IPv4-mapped spelling.
func FuzzHops(f *testing.F) {
	for _, s := range []string{"", ",", "198.51.100.7", "1.1.1.1, 10.0.0.1", "[2001:db8::1]:443", "::ffff:1.2.3.4",
		"fe80::1%eth0", "1.2.3.4:99999", "[1.2.3.4]", " , ,, ", "\x00,\xff", "[::1"} {
		f.Add(s, "10.0.0.1")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		values := []string{a, b}
		var want []string
		for _, v := range values {
			for _, h := range strings.Split(v, ",") {
				want = append(want, strings.TrimSpace(h))
			}
		}
		slices.Reverse(want)
		got := slices.Collect(forwarded.Hops(values))
		require.Equal(t, want, got)
		for _, h := range got {
			addr, ok := forwarded.ParseHop(h)
			if !ok {
				continue
			}
			require.True(t, addr.IsValid())
			require.Empty(t, addr.Zone())
			require.False(t, addr.Is4In6())
			again, ok := forwarded.ParseHop(addr.String())
			require.True(t, ok)
			require.Equal(t, addr, again)
		}
		r := httptest.NewRequest("POST", "/token", nil)
		r.RemoteAddr = "10.0.0.5:1"
		r.Header["X-Forwarded-For"] = values
		out := forwarded.ClientAddr(r, []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")})
		_, err := netip.ParseAddr(out)
		require.NoError(t, err, "always an address when the peer is one")
	})
}
