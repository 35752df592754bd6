package orgno

import (
	"testing"

	"github.com/stretchr/testify/require"
)

var validateCases = []struct {
	name string
	in   string
	err  error
}{
	{"Digdir", "991825827", nil},
	{"Skatteetaten", "974761076", nil},
	{"synthetic 310000019", "310000019", nil},
	{"synthetic 310000027", "310000027", nil},
	{"synthetic 310000035", "310000035", nil},
	{"check digit 0 (remainder 0)", "910000020", nil},

	{"empty", "", ErrLength},
	{"too short", "99182582", ErrLength},
	{"too long", "9918258270", ErrLength},
	{"with spaces", "991 825 827", ErrLength},
	{"non-ASCII digit", "99182582٧", ErrLength}, // Arabic-Indic seven is two bytes
	{"letter", "99182582a", ErrDigits},
	{"letter inside", "9918X5827", ErrDigits},
	{"sign", "+91825827", ErrDigits},

	{"wrong check digit", "991825828", ErrCheckDigit},
	{"digits swapped", "919825827", ErrCheckDigit},
	{"no check digit possible (remainder 1)", "910000080", ErrCheckDigit},
	{"no check digit possible, 9", "910000089", ErrCheckDigit},
}

func TestValidate(t *testing.T) {
	t.Parallel()
	for _, c := range validateCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			err := Validate(c.in)
			if c.err == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, c.err)
		})
	}
}

func FuzzValidate(f *testing.F) {
	for _, c := range validateCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		t.Parallel()
		err := Validate(s)
		if err != nil {
			require.Contains(t, []error{ErrLength, ErrDigits, ErrCheckDigit}, err)
			return
		}
		require.Len(t, s, 9)
		for i := range len(s) {
			require.True(t, s[i] >= '0' && s[i] <= '9', "byte %d is not an ASCII digit", i)
		}
		// The check digit is fully determined by the first eight digits.
		for d := byte('0'); d <= '9'; d++ {
			if d != s[8] {
				changed := s[:8] + string(d)
				require.ErrorIs(t, Validate(changed), ErrCheckDigit, changed)
			}
		}
	})
}
