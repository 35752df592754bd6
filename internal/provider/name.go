package provider

import (
	"fmt"
	"strings"
)

// Limits of a scope's name.
const (
	MaxSubscopeLength = 100
	// MaxNameLength bounds prefix:subscope; a prefix has at most 50 characters.
	MaxNameLength = 151
)

// NameError says what is wrong with a subscope or a scope name, as one of
// the Code… constants, and which character when one is to blame.
type NameError struct {
	Code string
	Char rune // the offending character, for CodeSubscopeCharacter
}

func (e *NameError) Error() string {
	if e.Char != 0 {
		return fmt.Sprintf("invalid scope name: %s %q", e.Code, e.Char)
	}
	return "invalid scope name: " + e.Code
}

// isSeparator: the characters that split a subscope into parts, as in
// Maskinporten's krr:global/kontaktinformasjon.read and
// idporten:dcr/onbehalfof:write.
func isSeparator(c rune) bool { return c == '/' || c == ':' || c == '.' }

func isWordChar(c rune) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// CheckSubscope says why sub cannot follow a prefix, or nil: lower-case
// letters, digits, '_' and '-', parted by '.', '/' or ':', with no
// separator first, last or twice in a row, and at most MaxSubscopeLength
// characters. Every character allowed is a scope-token character of RFC 6749
// (section 3.3), so prefix:subscope is always a valid scope token.
func CheckSubscope(sub string) error {
	if sub == "" {
		return &NameError{Code: CodeSubscopeMissing}
	}
	if len(sub) > MaxSubscopeLength {
		return &NameError{Code: CodeSubscopeTooLong}
	}
	prev := rune(0)
	for i, c := range sub {
		switch {
		case isWordChar(c):
		case isSeparator(c):
			if i == 0 || i == len(sub)-1 || isSeparator(prev) {
				return &NameError{Code: CodeSubscopeSeparator}
			}
		default:
			return &NameError{Code: CodeSubscopeCharacter, Char: c}
		}
		prev = c
	}
	return nil
}

// ParseName splits a scope's full name on its first colon into prefix and
// subscope, and checks both.
func ParseName(name string) (prefix, sub string, err error) {
	if len(name) > MaxNameLength {
		return "", "", &NameError{Code: CodeSubscopeTooLong}
	}
	prefix, sub, found := strings.Cut(name, ":")
	if !found || !ValidPrefix(prefix) {
		return "", "", &NameError{Code: CodePrefixMissing}
	}
	if err := CheckSubscope(sub); err != nil {
		return "", "", err
	}
	return prefix, sub, nil
}

// ValidPrefix is the prefixes' rule of the database: 2 to 50 of a-z, 0-9, '_', '-'.
func ValidPrefix(p string) bool {
	if len(p) < 2 || len(p) > 50 {
		return false
	}
	for _, c := range p {
		if !isWordChar(c) {
			return false
		}
	}
	return true
}

// Name joins a prefix and a subscope.
func Name(prefix, sub string) string { return prefix + ":" + sub }

// scopeTokenChar is RFC 6749's NQCHAR without space: %x21 / %x23-5B / %x5D-7E.
func scopeTokenChar(c rune) bool {
	return c == 0x21 || c >= 0x23 && c <= 0x5B || c >= 0x5D && c <= 0x7E
}

// IsScopeToken reports whether s is one RFC 6749 scope-token.
func IsScopeToken(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !scopeTokenChar(c) {
			return false
		}
	}
	return true
}
