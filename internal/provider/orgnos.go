package provider

import (
	"errors"
	"strings"

	"github.com/digdir/selvbetjening/internal/orgno"
)

// MaxOrgNumbers is how many organisation numbers one "Legg til" may share with.
const MaxOrgNumbers = 100

// OrgNumberError names the first number of a pasted list that is not a
// valid organisation number, and why (one of orgno's errors).
type OrgNumberError struct {
	Value string
	Err   error
}

func (e *OrgNumberError) Error() string {
	return "organisation number " + e.Value + ": " + e.Err.Error()
}
func (e *OrgNumberError) Unwrap() error { return e.Err }

var (
	ErrNoOrgNumbers      = errors.New("no organisation numbers")
	ErrTooManyOrgNumbers = errors.New("too many organisation numbers")
)

// ParseOrgNumbers reads the "Legg til tilgang" field: organisation numbers
// separated by spaces, commas or lines, each mod-11 checked. Repeats count
// once, in the order first given. One bad number fails the whole list, so
// nothing is shared half-way.
func ParseOrgNumbers(input string) ([]string, error) {
	fields := strings.FieldsFunc(input, func(r rune) bool {
		return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == ';'
	})
	if len(fields) == 0 {
		return nil, ErrNoOrgNumbers
	}
	seen := make(map[string]bool, len(fields))
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		if err := orgno.Validate(f); err != nil {
			if len(f) > 20 {
				f = f[:20] + "…"
			}
			return nil, &OrgNumberError{Value: strings.ToValidUTF8(f, "?"), Err: err}
		}
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
		if len(out) > MaxOrgNumbers {
			return nil, ErrTooManyOrgNumbers
		}
	}
	return out, nil
}
