package personid

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Check digits below are real: a date case fails on its date, not its digits.
var validateCases = []struct {
	name string
	in   string
	err  error
}{
	{"ordinary", "01019012480", nil},
	{"31 December", "31129912319", nil},
	{"29 February", "29028812343", nil},
	{"first check digit 0 (remainder 0)", "01010000706", nil},
	{"second check digit 0 (remainder 0)", "01010000110", nil},
	{"D-number", "41019012393", nil},
	{"D-number on the 31st", "71019012306", nil},
	{"H-number", "01509012330", nil},
	{"synthetic", "01819012365", nil},
	{"synthetic D-number", "41819012359", nil},
	{"synthetic demo person", "15838510075", nil},
	{"synthetic on the 30th", "30899210057", nil},

	{"empty", "", ErrLength},
	{"too short", "0101901248", ErrLength},
	{"too long", "010190124800", ErrLength},
	{"spaces around", " 01019012480 ", ErrLength},
	{"non-ASCII digit", "0101901248٠", ErrLength}, // Arabic-Indic zero is two bytes
	{"letter", "0101901248a", ErrDigits},
	{"letter O for zero", "O1019012480", ErrDigits},
	{"sign", "-1019012480", ErrDigits},
	{"space inside", "010190 2480", ErrDigits},

	{"day 00", "00019012480", ErrDate},
	{"day 32", "32019012480", ErrDate},
	{"D-number day 72", "72019012480", ErrDate},
	{"day 40", "40019012480", ErrDate},
	{"month 00", "01009012480", ErrDate},
	{"month 13", "01139012480", ErrDate},
	{"H-number month 53", "01539012480", ErrDate},
	{"month 80", "01809012375", ErrDate}, // check digits fit
	{"synthetic month 93", "01939012480", ErrDate},
	{"31 April", "31040012349", ErrDate},
	{"30 February", "30020012400", ErrDate},

	{"wrong first check digit", "01019012490", ErrCheckDigit},
	{"wrong second check digit", "01019012481", ErrCheckDigit},
	{"swapped check digits", "01019012408", ErrCheckDigit},
	{"first check digit impossible (remainder 1)", "01019012300", ErrCheckDigit},
	{"H-number, first check digit impossible", "01509012500", ErrCheckDigit},
	{"second check digit impossible (remainder 1)", "01010000030", ErrCheckDigit},
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
			require.Contains(t, []error{ErrLength, ErrDigits, ErrDate, ErrCheckDigit}, err)
			return
		}
		require.Len(t, s, 11)
		for i := range len(s) {
			require.True(t, s[i] >= '0' && s[i] <= '9', "byte %d is not an ASCII digit", i)
		}
		// Each check digit is fully determined by the digits before it.
		for _, pos := range []int{9, 10} {
			for d := byte('0'); d <= '9'; d++ {
				if d == s[pos] {
					continue
				}
				changed := s[:pos] + string(d) + s[pos+1:]
				require.ErrorIs(t, Validate(changed), ErrCheckDigit, changed)
			}
		}
	})
}

func TestSyntheticAndMasked(t *testing.T) {
	t.Parallel()
	for pid, synthetic := range map[string]bool{"15838510075": true, "02879010090": true, "24816810023": true, "15038512345": false, "41010112345": false} {
		if got := Synthetic(pid); got != synthetic {
			t.Errorf("Synthetic(%s) = %v", pid, got)
		}
	}
	for in, want := range map[string]string{"15038512345": "150385 *****", "": "*****", "123": "*****"} {
		if got := Masked(in); got != want {
			t.Errorf("Masked(%q) = %q, want %q", in, got, want)
		}
	}
}
