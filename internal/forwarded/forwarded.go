// Package forwarded finds a request's client address behind trusted load
// balancers: the unit of the token endpoint's rate limit per address.
package forwarded

import (
	"iter"
	"net/http"
	"net/netip"
	"slices"
	"strings"
)

// maxHops bounds how many X-Forwarded-For entries are read from the right:
// more proxies than this in front of one portal is a loop or an attack, and
// the walk stops at the hop it has reached.
const maxHops = 32

// ClientAddr is the address of the client behind the trusted proxies: the
// TCP peer, unless the peer is a trusted proxy; then the rightmost
// X-Forwarded-For entry that is not a trusted proxy. Each trusted proxy
// appends the address of its own peer, so the entries right of the first
// untrusted one were written by proxies we trust, and everything left of
// it may be the client's own invention; a client cannot move its limit by
// sending the header itself.
//
// Where the chain runs out (every entry trusted, or no header) or an entry
// is not an address, the answer is the nearest trusted hop reached: the
// limit falls back to that proxy's address, never to a spoofable one.
// A RemoteAddr that is not ip:port (a test's or a unix socket's) is
// returned as it is, as before this package.
func ClientAddr(r *http.Request, trusted []netip.Prefix) string {
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		a, err := netip.ParseAddr(r.RemoteAddr)
		if err != nil {
			return r.RemoteAddr
		}
		peer = netip.AddrPortFrom(a, 0)
	}
	addr := peer.Addr().Unmap()
	if !isTrusted(addr, trusted) {
		return addr.String()
	}
	n := 0
	for hop := range Hops(r.Header.Values("X-Forwarded-For")) {
		if n++; n > maxHops {
			break
		}
		a, ok := ParseHop(hop)
		if !ok {
			break
		}
		addr = a
		if !isTrusted(addr, trusted) {
			break
		}
	}
	return addr.String()
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	return slices.ContainsFunc(trusted, func(p netip.Prefix) bool { return p.Contains(a) })
}

// Hops yields the X-Forwarded-For entries from the right (the nearest
// proxy's) to the left, trimmed of spaces, over every line of the header
// in order (RFC 9110: several lines are one comma-separated list). It
// reads backwards without splitting the whole header, so a long header
// from a client costs only the hops actually looked at.
func Hops(values []string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for i := len(values) - 1; i >= 0; i-- {
			v := values[i]
			for {
				j := strings.LastIndexByte(v, ',')
				if !yield(strings.TrimSpace(v[j+1:])) {
					return
				}
				if j < 0 {
					break
				}
				v = v[:j]
			}
		}
	}
}

// ParseHop reads one X-Forwarded-For entry: an IPv4 or IPv6 address,
// optionally with a port (some balancers add one: 192.0.2.1:443,
// [2001:db8::1]:443) and IPv6 optionally in brackets. An IPv4-mapped IPv6
// address is the IPv4 one, so both spellings share a limit; a zone is
// refused (it never names a host beyond the link).
func ParseHop(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil {
		ap, perr := netip.ParseAddrPort(s)
		switch {
		case perr == nil:
			a = ap.Addr()
		case len(s) > 2 && s[0] == '[' && s[len(s)-1] == ']':
			if a, err = netip.ParseAddr(s[1 : len(s)-1]); err != nil {
				return netip.Addr{}, false
			}
		default:
			return netip.Addr{}, false
		}
	}
	if a.Zone() != "" {
		return netip.Addr{}, false
	}
	return a.Unmap(), true
}
