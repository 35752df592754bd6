package merchant_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/merchant"
)

func TestParseEmail(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, want string // want "" means refused
	}{
		{"kari@konsument.example", "kari@konsument.example"},
		{"  Kari.Nordmann@Konsument.Example ", "kari.nordmann@konsument.example"},
		{"drift+varsel@skatteetaten.no", "drift+varsel@skatteetaten.no"},
		{"post@sub.domene-med-bindestrek.no", "post@sub.domene-med-bindestrek.no"},
		{"ola@xn--blbr-qoa5a.no", "ola@xn--blbr-qoa5a.no"},
		{"ola@blåbær.no", ""},
		{"øle@konsument.example", ""},
		{"", ""},
		{"kari", ""},
		{"kari@", ""},
		{"@konsument.example", ""},
		{"kari@localhost", ""},
		{"kari@konsument..example", ""},
		{"kari@-konsument.example", ""},
		{"kari@konsument-.example", ""},
		{"kari@@konsument.example", ""},
		{"kari@a@konsument.example", ""},
		{"Kari <kari@konsument.example>", ""},
		{"kari@konsument.example, ola@konsument.example", ""},
		{"kari @konsument.example", ""},
		{"kari@konsument.example\nBcc: x@y.no", ""},
		{"kari@konsument_x.example", ""},
		{"\"kari\"@konsument.example", ""},
		{"kari@konsument.example (jobb)", ""},
		{strings.Repeat("a", 250) + "@x.no", ""},
	} {
		got, err := merchant.ParseEmail(tc.in)
		if tc.want == "" {
			require.ErrorIs(t, err, merchant.ErrEmailSyntax, "%q", tc.in)
			continue
		}
		require.NoError(t, err, "%q", tc.in)
		require.Equal(t, tc.want, got, "%q", tc.in)
	}
}

func TestParsePhone(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, want string // want "" means refused
	}{
		{"91234567", "+4791234567"},
		{"+47 912 34 567", "+4791234567"},
		{"0047 91234567", "+4791234567"},
		{"22 12 34 56", "+4722123456"},
		{"22-12-34-56", "+4722123456"},
		{"22.12.34.56", "+4722123456"},
		{" 41234567 ", "+4741234567"},
		{"", ""},
		{"1234567", ""},
		{"912345678", ""},
		{"01234567", ""},
		{"11234567", ""},
		{"+46 70 123 45 67", ""},
		{"+4791234567x", ""},
		{"9123456a", ""},
		{"+47+4791234567", ""},
		{"(+47) 91234567", ""},
		{"٩١٢٣٤٥٦٧", ""}, // Arabic-Indic digits are digits to Unicode, not to a phone
		{strings.Repeat(" ", 40) + "91234567", "+4791234567"},
		{"9" + strings.Repeat(" ", 40) + "1234567", ""},
	} {
		got, err := merchant.ParsePhone(tc.in)
		if tc.want == "" {
			require.ErrorIs(t, err, merchant.ErrPhoneSyntax, "%q", tc.in)
			continue
		}
		require.NoError(t, err, "%q", tc.in)
		require.Equal(t, tc.want, got, "%q", tc.in)
	}
}

func TestFormatPhone(t *testing.T) {
	t.Parallel()
	require.Equal(t, "+47 912 34 567", merchant.FormatPhone("+4791234567"))
	require.Equal(t, "", merchant.FormatPhone(""))
	require.Equal(t, "123", merchant.FormatPhone("123"))
}

func FuzzParseEmail(f *testing.F) {
	for _, s := range []string{"kari@konsument.example", "A@B.no", "x@y", "\"a\"@b.no", "a@b.c@d.no", "ø@æ.no", "a@b..no"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := merchant.ParseEmail(s)
		if err != nil {
			require.ErrorIs(t, err, merchant.ErrEmailSyntax)
			require.Empty(t, got)
			return
		}
		// What it accepts is one lower-case address that reads the same again.
		require.Equal(t, strings.ToLower(got), got)
		require.Equal(t, 1, strings.Count(got, "@"))
		require.LessOrEqual(t, len(got), merchant.MaxEmailLength)
		require.False(t, strings.ContainsAny(got, " \r\n\t<>,;"), "%q", got)
		again, err := merchant.ParseEmail(got)
		require.NoError(t, err, "%q", got)
		require.Equal(t, got, again)
	})
}

func FuzzParsePhone(f *testing.F) {
	for _, s := range []string{"91234567", "+47 912 34 567", "0047-22-12-34-56", "+4", "٩", "9 1 2 3 4 5 6 7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := merchant.ParsePhone(s)
		if err != nil {
			require.ErrorIs(t, err, merchant.ErrPhoneSyntax)
			require.Empty(t, got)
			return
		}
		require.Regexp(t, `^\+47[2-9][0-9]{7}$`, got) // the database's CHECK
		again, err := merchant.ParsePhone(merchant.FormatPhone(got))
		require.NoError(t, err)
		require.Equal(t, got, again)
	})
}
