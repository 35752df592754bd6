package config

import (
	"fmt"
	"net/netip"
	"strings"
)

// loadTrustedProxies reads TRUSTED_PROXIES: comma-separated CIDRs (or
// single addresses) of the load balancers and proxies in front of the
// portal. Only a request whose TCP peer is one of them has its
// X-Forwarded-For read (internal/forwarded); empty, the default, reads
// none, so no client can choose its own address by a header.
func loadTrustedProxies(raw string) ([]netip.Prefix, []error) {
	var (
		prefixes []netip.Prefix
		errs     []error
	)
	for _, field := range strings.Split(raw, ",") {
		field = strings.TrimSpace(field)
		if field == "" {
			continue
		}
		p, err := parseProxy(field)
		if err != nil {
			errs = append(errs, fmt.Errorf("TRUSTED_PROXIES: %w", err))
			continue
		}
		prefixes = append(prefixes, p)
	}
	return prefixes, errs
}

// parseProxy reads a CIDR or a single address (a prefix of its full
// length). A CIDR with host bits set (10.1.2.3/8) is refused: it most
// likely means another network than the one written.
func parseProxy(s string) (netip.Prefix, error) {
	notCIDR := fmt.Errorf("%q is not a CIDR such as 10.0.0.0/8 or fd00::/8, or an IP address, separated by commas", s)
	if !strings.Contains(s, "/") {
		a, err := netip.ParseAddr(s)
		if err != nil || a.Zone() != "" {
			return netip.Prefix{}, notCIDR
		}
		a = a.Unmap()
		return netip.PrefixFrom(a, a.BitLen()), nil
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, notCIDR
	}
	if p.Masked() != p {
		return netip.Prefix{}, fmt.Errorf("%q has host bits set: write the network, %s", s, p.Masked())
	}
	return p, nil
}
