// Package orgno validates Norwegian organisation numbers (organisasjonsnummer).
package orgno

import "errors"

var (
	ErrLength     = errors.New("organisation number must be 9 digits")
	ErrDigits     = errors.New("organisation number may only contain digits")
	ErrCheckDigit = errors.New("organisation number has a wrong check digit")
)

var weights = [8]int{3, 2, 7, 6, 5, 4, 3, 2}

// Validate reports why s is not a valid organisation number (mod-11 with the
// Brønnøysund weights), or nil.
func Validate(s string) error {
	if len(s) != 9 {
		return ErrLength
	}
	sum := 0
	for i := range 9 {
		c := s[i]
		if c < '0' || c > '9' {
			return ErrDigits
		}
		if i < 8 {
			sum += int(c-'0') * weights[i]
		}
	}
	k := 11 - sum%11
	if k == 11 {
		k = 0
	}
	if k == 10 || k != int(s[8]-'0') {
		return ErrCheckDigit
	}
	return nil
}
