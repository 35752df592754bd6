package auth

import (
	"net/url"
	"strings"

	"github.com/digdir/selvbetjening/internal/paths"
)

// SafeNext returns p if it is a path on this site, and paths.Home otherwise, so a
// crafted ?neste= can never send the user to another host (no open redirect).
func SafeNext(p string) string {
	if p == "" || p[0] != '/' || len(p) > 2000 {
		return paths.Home
	}
	// "//host" and "/\host" are read by browsers as another host.
	if len(p) > 1 && (p[1] == '/' || p[1] == '\\') {
		return paths.Home
	}
	if strings.ContainsAny(p, "\\\r\n\t\x00") {
		return paths.Home
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return paths.Home
	}
	return p
}
