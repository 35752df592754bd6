package servicedesk

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/consttest"
)

func TestCodesListsEveryCode(t *testing.T) {
	t.Parallel()
	var listed []string
	for _, c := range Codes() {
		listed = append(listed, string(c))
	}
	require.ElementsMatch(t, consttest.Values(consttest.StringConstants(t, ".", "Code")), listed)
}

func TestCheckOrgNo(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Code{
		"974761076": "", "310000019": "", "991825827": "",
		"974761077": CodeOrgNoCheckDigit, "97476107": CodeOrgNoFormat, "9747610760": CodeOrgNoFormat,
		"97476107a": CodeOrgNoFormat, "": CodeOrgNoFormat, "974 761 076": CodeOrgNoFormat,
	} {
		require.Equal(t, want, checkOrgNo(in), in)
	}
}

func TestCheckName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Code{
		"Eksempel Konsument AS": "", "Ærlig Øl & Å": "", "": CodeNameMissing,
		strings.Repeat("a", MaxNameLength): "", strings.Repeat("å", MaxNameLength+1): CodeNameTooLong,
		"Navn\u202e": CodeNameCharacter, "Navn\x00": CodeNameCharacter, "To\nlinjer": CodeNameCharacter,
		"\xff": CodeNameCharacter,
	} {
		require.Equal(t, want, checkName(in), in)
	}
}

func TestCheckPID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pid  string
		test bool
		want Code
	}{
		{"02879010090", true, ""},                 // synthetic, in a test deployment
		{"02879010090", false, CodePIDSynthetic},  // synthetic, in production
		{"15838510075", false, CodePIDSynthetic},  // Kari
		{"15838510076", true, CodePIDCheckDigit},  // one digit off
		{"01010112345", false, CodePIDCheckDigit}, // a date, made-up digits
		{"0287901009", true, CodePIDFormat},
		{"0287901009x", true, CodePIDFormat},
		{"", true, CodePIDFormat},
		{"32019010090", true, CodePIDDate},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, checkPID(tt.pid, tt.test), tt.pid)
	}
}

func TestNormalizeDomain(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"konsument.example": "konsument.example", " Konsument.Example. ": "konsument.example",
		"@digdir.no": "digdir.no", "a-b.c-d.no": "a-b.c-d.no", "xn--brnnysund-n8a.no": "xn--brnnysund-n8a.no",
		"": "", "no": "", ".no": "", "a..no": "", "-a.no": "", "a-.no": "", "a_b.no": "", "ø.no": "",
		"a b.no": "", "10.0.0.1": "", "kari@konsument.example": "", strings.Repeat("a", 64) + ".no": "",
		strings.Repeat("a.", 127) + "no": "",
	} {
		got, ok := NormalizeDomain(in)
		require.Equal(t, want != "", ok, in)
		require.Equal(t, want, got, in)
	}
}

func TestCheckLinkable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		domain string
		want   Code
	}{
		{"digdir.no", ""},
		{"skatteetaten.no", ""},
		{"konsument.example", ""}, // an unlisted top-level domain: its second level is the organisation's
		{"kommune.oslo.no", ""},
		{"nav.co.uk", ""},
		{"co.uk", CodeDomainPublic},
		{"oslo.no", CodeDomainPublic}, // a Norwegian geographic suffix
		{"priv.no", CodeDomainPublic},
		{"github.io", CodeDomainPublic}, // the list's private part: anyone may have a name under it
		{"blogspot.com", CodeDomainPublic},
		{"gmail.com", CodeDomainFreemail},
		{"hotmail.no", CodeDomainFreemail},
		{"online.no", CodeDomainFreemail},
		{"mail.gmail.com", ""}, // not the service's own domain: no address ends in it
	}
	for _, tt := range tests {
		t.Run(tt.domain, func(t *testing.T) {
			t.Parallel()
			d, ok := NormalizeDomain(tt.domain)
			require.True(t, ok)
			require.Equal(t, tt.want, checkLinkable(d))
		})
	}
}

func FuzzNormalizeDomain(f *testing.F) {
	for _, s := range []string{"konsument.example", "@A.B.", "a..b", "-x.no", "xn--a.no", "ø.no"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := NormalizeDomain(s)
		if !ok {
			require.Empty(t, d)
			return
		}
		again, ok := NormalizeDomain(d)
		require.True(t, ok, "a normalised domain is a domain")
		require.Equal(t, d, again, "normalising is idempotent")
		require.Equal(t, strings.ToLower(d), d)
		require.LessOrEqual(t, len(d), 253)
		require.Contains(t, d, ".")
	})
}

func TestValidPrefix(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]bool{
		"skatteetaten": true, "nav": true, "a1": true, "brreg-test": true, strings.Repeat("a", 50): true,
		"a": false, strings.Repeat("a", 51): false, "Skatt": false, "skatt_etaten": false, "-a": false,
		"a-": false, "skatt:mva": false, "æøå": false, "": false, "a b": false,
	} {
		require.Equal(t, want, ValidPrefix(in), in)
	}
}
