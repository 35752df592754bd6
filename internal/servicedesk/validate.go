package servicedesk

import (
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/publicsuffix"

	"github.com/digdir/selvbetjening/internal/freetext"
	"github.com/digdir/selvbetjening/internal/orgno"
	"github.com/digdir/selvbetjening/internal/personid"
)

// MaxNameLength is the longest name of an organisation or a person.
const MaxNameLength = 200

// checkOrgNo says what is wrong with an organisation number, or "".
func checkOrgNo(s string) Code {
	switch err := orgno.Validate(s); {
	case err == nil:
		return ""
	case errors.Is(err, orgno.ErrCheckDigit):
		return CodeOrgNoCheckDigit
	default:
		return CodeOrgNoFormat
	}
}

// checkName says what is wrong with a name, or "".
func checkName(s string) Code {
	switch {
	case s == "":
		return CodeNameMissing
	case !utf8.ValidString(s) || freetext.Check(s, freetext.OneLine) != nil:
		return CodeNameCharacter
	case utf8.RuneCountInString(s) > MaxNameLength:
		return CodeNameTooLong
	}
	return ""
}

// checkPID says what is wrong with a person number, or "". Synthetic test
// numbers are for test deployments only: in production they would register
// a person who cannot exist.
func checkPID(s string, testDeployment bool) Code {
	switch err := personid.Validate(s); {
	case errors.Is(err, personid.ErrCheckDigit):
		return CodePIDCheckDigit
	case errors.Is(err, personid.ErrDate):
		return CodePIDDate
	case err != nil:
		return CodePIDFormat
	case personid.Synthetic(s) && !testDeployment:
		return CodePIDSynthetic
	}
	return ""
}

// NormalizeDomain returns an e-mail domain as stored (lower case, without
// a leading "@" or trailing dot), or false when it is no domain: two or
// more labels of letters, digits and inner hyphens, each at most 63
// characters, 253 in all. Internationalised domains are typed in their
// ASCII form (xn--…), as e-mail addresses carry them.
func NormalizeDomain(s string) (string, bool) {
	d := strings.ToLower(strings.TrimSpace(s))
	d = strings.TrimPrefix(d, "@")
	d = strings.TrimSuffix(d, ".")
	if d == "" || len(d) > 253 {
		return "", false
	}
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return "", false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return "", false
		}
		for i := range len(l) {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return "", false
			}
		}
	}
	if tld := labels[len(labels)-1]; tld[0] >= '0' && tld[0] <= '9' {
		return "", false // an IP address, not a domain
	}
	return d, true
}

// checkLinkable says why an e-mail domain may not lead to an organisation,
// or "". Everyone with an address at the domain gets in (the guide
// «Selvbetjening som API-konsument»: access is given on the e-mail domain),
// so it must be a domain one organisation controls: not a public suffix
// ("no", "co.uk", "github.io": anyone may register names under it) and not
// a free e-mail service, where anyone may get an address.
func checkLinkable(d string) Code {
	if suffix, _ := publicsuffix.PublicSuffix(d); suffix == d {
		return CodeDomainPublic
	}
	if slices.Contains(freemailDomains, d) {
		return CodeDomainFreemail
	}
	return ""
}

// freemailDomains are the free e-mail services Norwegian employees most
// often log in with by mistake. A list can never be complete: it stops the
// common slip, and servicedesk checks the rest by looking.
var freemailDomains = []string{
	"gmail.com", "googlemail.com", "hotmail.com", "hotmail.no", "outlook.com", "outlook.no", "live.com", "live.no",
	"msn.com", "yahoo.com", "yahoo.no", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com",
	"gmx.com", "gmx.net", "mail.com", "online.no", "frisurf.no", "start.no", "sol.no", "c2i.net", "getmail.no",
}

// Prefix lengths: the database allows 2 to 50 characters.
const (
	MinPrefixLength = 2
	MaxPrefixLength = 50
)

// ValidPrefix reports whether s is a scope prefix: lower-case letters,
// digits and inner hyphens, 2 to 50 characters (the part of a scope's name
// before the colon, "skatteetaten" in "skatteetaten:mva").
func ValidPrefix(s string) bool {
	if len(s) < MinPrefixLength || len(s) > MaxPrefixLength || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// digitsOnly drops the spaces and dots people type into numbers
// ("150385 12345", "974 761 076").
func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' || r == '\u00a0' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}
