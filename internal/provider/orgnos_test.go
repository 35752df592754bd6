package provider_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/orgno"
	"github.com/digdir/selvbetjening/internal/provider"
)

func TestParseOrgNumbers(t *testing.T) {
	t.Parallel()
	many := strings.Repeat("310000019 ", 3)
	var tooMany []string
	for n := 400000000; len(tooMany) <= provider.MaxOrgNumbers; n++ {
		if s := itoa9(n); orgno.Validate(s) == nil {
			tooMany = append(tooMany, s)
		}
	}
	for _, tc := range []struct {
		name, input string
		want        []string
		err         error
		bad         string // the number an OrgNumberError names
	}{
		{"One", "310000019", []string{"310000019"}, nil, ""},
		{"Spaces", "310000019 974761076", []string{"310000019", "974761076"}, nil, ""},
		{"Commas", "310000019,974761076", []string{"310000019", "974761076"}, nil, ""},
		{"CommasAndSpaces", "310000019, 974761076 ,", []string{"310000019", "974761076"}, nil, ""},
		{"Lines", "310000019\n974761076\r\n991825827\n", []string{"310000019", "974761076", "991825827"}, nil, ""},
		{"Tabs", "\t310000019\t974761076", []string{"310000019", "974761076"}, nil, ""},
		{"RepeatsOnce", many, []string{"310000019"}, nil, ""},
		{"Empty", "", nil, provider.ErrNoOrgNumbers, ""},
		{"OnlySeparators", " ,\n, ", nil, provider.ErrNoOrgNumbers, ""},
		{"WrongCheckDigit", "310000019 310000018", nil, orgno.ErrCheckDigit, "310000018"},
		{"TooShort", "31000001", nil, orgno.ErrLength, "31000001"},
		{"Letters", "31000001X", nil, orgno.ErrDigits, "31000001X"},
		{"WithSpacesInside", "310 000 019", nil, orgno.ErrLength, "310"},
		{"TooMany", strings.Join(tooMany, " "), nil, provider.ErrTooManyOrgNumbers, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := provider.ParseOrgNumbers(tc.input)
			if tc.err == nil {
				require.NoError(t, err)
				require.Equal(t, tc.want, got)
				return
			}
			require.ErrorIs(t, err, tc.err)
			require.Nil(t, got, "one bad number saves none")
			if tc.bad != "" {
				var oe *provider.OrgNumberError
				require.True(t, errors.As(err, &oe))
				require.Equal(t, tc.bad, oe.Value)
			}
		})
	}
}

func itoa9(n int) string {
	b := make([]byte, 9)
	for i := 8; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b)
}

// FuzzParseOrgNumbers: the parser never panics; what it returns is a
// non-empty list of distinct, valid organisation numbers, each in the input.
func FuzzParseOrgNumbers(f *testing.F) {
	for _, s := range []string{"310000019", "310000019, 974761076\n991825827", "", ",,", "31000001X", "\xff310000019"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, input string) {
		got, err := provider.ParseOrgNumbers(input)
		if err != nil {
			require.Nil(t, got)
			var oe *provider.OrgNumberError
			if errors.As(err, &oe) {
				require.LessOrEqual(t, len([]rune(oe.Value)), 21)
			}
			return
		}
		require.NotEmpty(t, got)
		require.LessOrEqual(t, len(got), provider.MaxOrgNumbers)
		seen := map[string]bool{}
		for _, o := range got {
			require.NoError(t, orgno.Validate(o))
			require.False(t, seen[o], "repeat %s", o)
			seen[o] = true
			require.Contains(t, input, o)
		}
	})
}
