package provider_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/provider"
)

func TestCheckSubscope(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		sub  string
		code string // "" for valid
	}{
		{"mva", ""},
		{"global/kontaktinformasjon.read", ""}, // krr:global/kontaktinformasjon.read
		{"dcr/onbehalfof:write", ""},           // idporten:dcr/onbehalfof:write
		{"a_b-c.d/e:f", ""},
		{"v1", ""},
		{strings.Repeat("a", provider.MaxSubscopeLength), ""},
		{"", provider.CodeSubscopeMissing},
		{strings.Repeat("a", provider.MaxSubscopeLength+1), provider.CodeSubscopeTooLong},
		{"Mva", provider.CodeSubscopeCharacter},
		{"mva read", provider.CodeSubscopeCharacter},
		{"mva\"", provider.CodeSubscopeCharacter},
		{"mvå", provider.CodeSubscopeCharacter},
		{"mva\x00", provider.CodeSubscopeCharacter},
		{"a\\b", provider.CodeSubscopeCharacter},
		{"/mva", provider.CodeSubscopeSeparator},
		{"mva/", provider.CodeSubscopeSeparator},
		{":mva", provider.CodeSubscopeSeparator},
		{"mva:", provider.CodeSubscopeSeparator},
		{".mva", provider.CodeSubscopeSeparator},
		{"mva.", provider.CodeSubscopeSeparator},
		{"a//b", provider.CodeSubscopeSeparator},
		{"a::b", provider.CodeSubscopeSeparator},
		{"a/:b", provider.CodeSubscopeSeparator},
		{"a..b", provider.CodeSubscopeSeparator},
		{"/", provider.CodeSubscopeSeparator},
	} {
		err := provider.CheckSubscope(tc.sub)
		if tc.code == "" {
			require.NoError(t, err, tc.sub)
			continue
		}
		var ne *provider.NameError
		require.True(t, errors.As(err, &ne), "%q: %v", tc.sub, err)
		require.Equal(t, tc.code, ne.Code, tc.sub)
	}
}

func TestCheckSubscopeNamesTheCharacter(t *testing.T) {
	t.Parallel()
	var ne *provider.NameError
	require.True(t, errors.As(provider.CheckSubscope("mva?x"), &ne))
	require.Equal(t, '?', ne.Char)
}

func TestParseName(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, prefix, sub, code string
	}{
		{"krr:global/kontaktinformasjon.read", "krr", "global/kontaktinformasjon.read", ""},
		{"idporten:dcr/onbehalfof:write", "idporten", "dcr/onbehalfof:write", ""}, // split on the first colon only
		{"skatteetaten:mva", "skatteetaten", "mva", ""},
		{"mva", "", "", provider.CodePrefixMissing},
		{":mva", "", "", provider.CodePrefixMissing},
		{"a:mva", "", "", provider.CodePrefixMissing}, // a prefix has two characters at least
		{"Skatt:mva", "", "", provider.CodePrefixMissing},
		{"skatt:", "", "", provider.CodeSubscopeMissing},
		{"skatt::mva", "", "", provider.CodeSubscopeSeparator},
		{"skatt:" + strings.Repeat("a", 200), "", "", provider.CodeSubscopeTooLong},
	} {
		prefix, sub, err := provider.ParseName(tc.name)
		if tc.code == "" {
			require.NoError(t, err, tc.name)
			require.Equal(t, tc.prefix, prefix)
			require.Equal(t, tc.sub, sub)
			continue
		}
		var ne *provider.NameError
		require.True(t, errors.As(err, &ne), "%q: %v", tc.name, err)
		require.Equal(t, tc.code, ne.Code, tc.name)
	}
}

// FuzzParseName: whatever is typed, a name that passes is a single RFC 6749
// scope token of bounded length that joins back to itself, and the parser
// never panics.
func FuzzParseName(f *testing.F) {
	for _, s := range []string{"krr:global/kontaktinformasjon.read", "idporten:dcr/onbehalfof:write", "a::b", "x:y/", "skatteetaten:mva", "\xff:\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		prefix, sub, err := provider.ParseName(name)
		if err != nil {
			var ne *provider.NameError
			require.True(t, errors.As(err, &ne))
			return
		}
		require.Equal(t, name, provider.Name(prefix, sub))
		require.True(t, provider.IsScopeToken(name), "%q", name)
		require.LessOrEqual(t, len(name), provider.MaxNameLength)
		require.True(t, provider.ValidPrefix(prefix))
		require.NoError(t, provider.CheckSubscope(sub))
		require.NotContains(t, prefix, ":")
	})
}
