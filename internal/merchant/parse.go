package merchant

import (
	"errors"
	"net/mail"
	"strings"
)

// Why an e-mail address or a phone number is refused.
var (
	ErrEmailSyntax = errors.New("not an e-mail address")
	ErrPhoneSyntax = errors.New("not a Norwegian phone number")
)

// ParseEmail reads one e-mail address as a person types it (no display
// name, no comments) and returns it in lower case, the form in which the
// e-mail queue keeps recipients unique. The domain must have a dot: mail to
// a bare host name never leaves the building. Only ASCII: an address with
// æ, ø or å needs SMTPUTF8 all the way, which no sender can count on, so a
// domain like blåbær.no is written as its xn-- form.
func ParseEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > MaxEmailLength || strings.ContainsAny(s, " \t\r\n<>,;\"()[]\\") || !ascii(s) {
		return "", ErrEmailSyntax
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return "", ErrEmailSyntax
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || strings.Contains(domain, "@") || !validDomain(domain) {
		return "", ErrEmailSyntax
	}
	return strings.ToLower(s), nil
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] < 0x20 {
			return false
		}
	}
	return true
}

// validDomain: labels of letters, digits and hyphens, at least two of them,
// none empty or starting or ending with a hyphen.
func validDomain(d string) bool {
	labels := strings.Split(d, ".")
	if len(labels) < 2 || len(d) > 253 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if r != '-' && !(r >= 'a' && r <= 'z') && !(r >= 'A' && r <= 'Z') && !(r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}

// ParsePhone reads a Norwegian phone number, with or without +47 or 0047,
// with spaces, dots or hyphens between the digits ("+47 912 34 567",
// "91234567"), and returns it as +47 and eight digits. Norwegian numbers
// have eight digits and never begin with 0 or 1.
func ParsePhone(s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(s) > 30 {
		return "", ErrPhoneSyntax
	}
	switch {
	case strings.HasPrefix(s, "+47"):
		s = s[3:]
	case strings.HasPrefix(s, "0047"):
		s = s[4:]
	}
	digits := make([]byte, 0, 8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		case c == ' ' || c == '.' || c == '-':
			// Separators between groups of digits, as people write them.
		default:
			return "", ErrPhoneSyntax
		}
	}
	if len(digits) != 8 || digits[0] < '2' {
		return "", ErrPhoneSyntax
	}
	return "+47" + string(digits), nil
}

// FormatPhone writes a number from ParsePhone as people read it:
// "+47 912 34 567". Anything else is returned as it is.
func FormatPhone(p string) string {
	if len(p) != 11 || !strings.HasPrefix(p, "+47") {
		return p
	}
	return p[:3] + " " + p[3:6] + " " + p[6:8] + " " + p[8:]
}
