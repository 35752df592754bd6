// Package freetext holds the rules that every field a person types and
// another person reads must follow (an integration's name and description
// today; scope descriptions, contact details and incident texts as they
// come), so that each domain's validator asks the same question. It knows
// nothing of any domain and depends on nothing but Unicode.
package freetext

import (
	"errors"
	"fmt"
	"unicode"
)

// What a text may not contain.
var (
	// ErrControl: a control character (category Cc, such as NUL, ESC or DEL),
	// which Postgres may refuse to store and a terminal may obey.
	ErrControl = errors.New("control character")
	// ErrFormat: an invisible format character (category Cf): bidirectional
	// overrides and isolates, zero-width spaces and joiners, the byte order
	// mark, the soft hyphen. They make a text look other than it is:
	// "Regnskap\u202Emetsys" shows as "Regnskapsystem" (Trojan Source,
	// CVE-2021-42574). The price is that emoji joined with U+200D and
	// Persian words with U+200C are refused too.
	ErrFormat = errors.New("invisible format character")
)

// Layout says whether a field holds one line or several.
type Layout int

const (
	// OneLine fields (names) take no line breaks or tabs.
	OneLine Layout = iota
	// MultiLine fields (descriptions) take \n, \r and \t.
	MultiLine
)

// CharacterError names the first character that made a text unfit.
type CharacterError struct {
	Rune   rune
	Offset int   // in bytes
	Err    error // ErrControl or ErrFormat
}

func (e *CharacterError) Error() string {
	return fmt.Sprintf("%v %U at byte %d", e.Err, e.Rune, e.Offset)
}

func (e *CharacterError) Unwrap() error { return e.Err }

// CodePoint is the character as a person can look it up: "U+202E".
func (e *CharacterError) CodePoint() string { return fmt.Sprintf("%U", e.Rune) }

// Check returns a *CharacterError for the first character of s that a
// person reading it could not see for what it is, or nil.
func Check(s string, layout Layout) error {
	for i, r := range s {
		switch {
		case layout == MultiLine && (r == '\n' || r == '\r' || r == '\t'):
		case unicode.IsControl(r):
			return &CharacterError{Rune: r, Offset: i, Err: ErrControl}
		case unicode.Is(unicode.Cf, r):
			return &CharacterError{Rune: r, Offset: i, Err: ErrFormat}
		}
	}
	return nil
}
