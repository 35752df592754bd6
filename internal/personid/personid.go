// Package personid validates Norwegian person numbers (fødselsnummer), including
// D-numbers and the synthetic test numbers used in ID-porten's test environment.
package personid

import "errors"

// Reasons a person number is refused; the caller maps them to user-facing text.
var (
	ErrLength     = errors.New("person number must be 11 digits")
	ErrDigits     = errors.New("person number may only contain digits")
	ErrDate       = errors.New("person number has no valid birth date")
	ErrCheckDigit = errors.New("person number has wrong check digits")
)

// maxDay is the longest each month can be. 29 February is always allowed: the
// century, and so the leap year, is not known without the individual number.
var maxDay = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

var (
	weights1 = [9]int{3, 7, 6, 1, 8, 9, 4, 5, 2}
	weights2 = [10]int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
)

// Validate reports why s is not a valid person number, or nil.
//
// Accepted: ordinary numbers, D-numbers (day + 40), H-numbers (month + 40) and
// synthetic test numbers (month + 80), all with both mod-11 check digits.
func Validate(s string) error {
	if len(s) != 11 {
		return ErrLength
	}
	var d [11]int
	for i := range len(s) {
		c := s[i]
		if c < '0' || c > '9' {
			return ErrDigits
		}
		d[i] = int(c - '0')
	}
	day := d[0]*10 + d[1]
	month := d[2]*10 + d[3]
	if day > 40 {
		day -= 40 // D-number
	}
	switch {
	case month > 80:
		month -= 80 // synthetic (Tenor)
	case month > 40:
		month -= 40 // H-number
	}
	if month < 1 || month > 12 || day < 1 || day > maxDay[month] {
		return ErrDate
	}
	k1 := checkDigit(d[:9], weights1[:])
	if k1 < 0 || k1 != d[9] {
		return ErrCheckDigit
	}
	k2 := checkDigit(d[:10], weights2[:])
	if k2 < 0 || k2 != d[10] {
		return ErrCheckDigit
	}
	return nil
}

// checkDigit returns the mod-11 check digit, or -1 when none exists (remainder 1).
func checkDigit(digits, weights []int) int {
	sum := 0
	for i, w := range weights {
		sum += digits[i] * w
	}
	k := 11 - sum%11
	switch k {
	case 11:
		return 0
	case 10:
		return -1
	}
	return k
}

// Synthetic reports whether s, a valid person number, is a synthetic test
// number (month + 80, as Skatteetaten's Tenor makes them): such a person
// exists only in test environments, never in production.
func Synthetic(s string) bool {
	return len(s) == 11 && s[2] >= '8' && s[2] <= '9'
}

// Masked shows a person number as "150385 *****": the birth date, and
// nothing that tells two people born the same day apart.
func Masked(s string) string {
	if len(s) != 11 {
		return "*****"
	}
	return s[:6] + " *****"
}
