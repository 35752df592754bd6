package auth

import (
	"net/url"
	"strings"
)

// SafeNext returns p if it is a path on this site, and "/" otherwise, so a
// crafted ?neste= can never send the user to another host (no open redirect).
func SafeNext(p string) string {
	if p == "" || p[0] != '/' || len(p) > 2000 {
		return "/"
	}
	// "//host" and "/\host" are read by browsers as another host.
	if len(p) > 1 && (p[1] == '/' || p[1] == '\\') {
		return "/"
	}
	if strings.ContainsAny(p, "\\\r\n\t\x00") {
		return "/"
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "/"
	}
	return p
}
