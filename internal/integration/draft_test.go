package integration_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/integration"
)

func TestDraftValidate(t *testing.T) {
	t.Parallel()
	ok := integration.Draft{Service: "maskinporten", Name: "Lønnssystem", TokenLifetime: "120"}
	tests := []struct {
		name     string
		change   func(d *integration.Draft)
		field    string
		code     string
		lifetime int
	}{
		{name: "Valid", change: func(*integration.Draft) {}, lifetime: 120},
		{name: "EmptyLifetimeMeansDefault", change: func(d *integration.Draft) { d.TokenLifetime = "" }, lifetime: 120},
		{name: "NameOf100Runes", change: func(d *integration.Draft) { d.Name = strings.Repeat("æ", 100) }, lifetime: 120},
		{name: "NoService", change: func(d *integration.Draft) { d.Service = "" }, field: "service", code: integration.CodeServiceMissing},
		{name: "UnknownService", change: func(d *integration.Draft) { d.Service = "idporten" }, field: "service", code: integration.CodeServiceMissing},
		{name: "EmptyName", change: func(d *integration.Draft) { d.Name = "" }, field: "name", code: integration.CodeNameMissing},
		{name: "NameOf101Runes", change: func(d *integration.Draft) { d.Name = strings.Repeat("a", 101) }, field: "name", code: integration.CodeNameTooLong},
		{name: "NameOf200Characters", change: func(d *integration.Draft) { d.Name = strings.Repeat("x", 200) }, field: "name", code: integration.CodeNameTooLong},
		{name: "MarkupInName", change: func(d *integration.Draft) { d.Name = "<script>alert(1)</script>" }, field: "name", code: integration.CodeNameMarkup},
		{name: "ControlCharacterInName", change: func(d *integration.Draft) { d.Name = "a\x00b" }, field: "name", code: integration.CodeControlCharacter},
		{name: "RightToLeftOverrideInName", change: func(d *integration.Draft) { d.Name = "Regnskap\u202Emetsys" }, field: "name", code: integration.CodeFormatCharacter},
		{name: "ZeroWidthSpaceInName", change: func(d *integration.Draft) { d.Name = "Regn\u200Bskap" }, field: "name", code: integration.CodeFormatCharacter},
		{name: "ByteOrderMarkBeforeName", change: func(d *integration.Draft) { d.Name = "\uFEFFLønn" }, field: "name", code: integration.CodeFormatCharacter},
		{name: "NewlineInName", change: func(d *integration.Draft) { d.Name = "Lønn\nsystem" }, field: "name", code: integration.CodeControlCharacter},
		{name: "RightToLeftIsolateInDescription", change: func(d *integration.Draft) { d.Description = "Henter \u2067lønn\u2069" }, field: "description", code: integration.CodeFormatCharacter},
		{name: "ControlCharacterInDescription", change: func(d *integration.Draft) { d.Description = "a\x1bb" }, field: "description", code: integration.CodeControlCharacter},
		{name: "InvalidUTF8InName", change: func(d *integration.Draft) { d.Name = "a\xffb" }, field: "name", code: integration.CodeNameTooLong},
		{name: "LongDescription", change: func(d *integration.Draft) { d.Description = strings.Repeat("a", 1001) }, field: "description", code: integration.CodeDescTooLong},
		{name: "DescriptionMayHaveLines", change: func(d *integration.Draft) { d.Description = "linje 1\nlinje 2" }, lifetime: 120},
		{name: "LifetimeNotANumber", change: func(d *integration.Draft) { d.TokenLifetime = "to minutter" }, field: "token_lifetime", code: integration.CodeLifetimeInvalid},
		{name: "LifetimeZero", change: func(d *integration.Draft) { d.TokenLifetime = "0" }, field: "token_lifetime", code: integration.CodeLifetimeInvalid},
		{name: "LifetimeNegative", change: func(d *integration.Draft) { d.TokenLifetime = "-5" }, field: "token_lifetime", code: integration.CodeLifetimeInvalid},
		{name: "LifetimeHuge", change: func(d *integration.Draft) { d.TokenLifetime = "99999999999999999999" }, field: "token_lifetime", code: integration.CodeLifetimeInvalid},
		{name: "TooManyScopes", change: func(d *integration.Draft) {
			for i := range 51 {
				d.Scopes = append(d.Scopes, strings.Repeat("s", i+1))
			}
		}, field: "scopes", code: integration.CodeTooManyScopes},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := ok
			tc.change(&d)
			lifetime, errs := d.Normalize().Validate()
			if tc.field == "" {
				require.Nil(t, errs)
				require.Equal(t, tc.lifetime, lifetime)
				return
			}
			require.Equal(t, tc.code, errs[tc.field].Code, "errors: %v", errs)
		})
	}
}

func TestDraftValidateNamesTheInvisibleCharacter(t *testing.T) {
	t.Parallel()
	d := integration.Draft{Service: "maskinporten", Name: "Regnskap\u202Emetsys", Description: "a\u200Bb"}
	_, errs := d.Normalize().Validate()
	require.Equal(t, integration.FieldError{Code: integration.CodeFormatCharacter, Args: []any{"U+202E"}}, errs["name"])
	require.Equal(t, integration.FieldError{Code: integration.CodeFormatCharacter, Args: []any{"U+200B"}}, errs["description"])
}

func TestDraftNormalize(t *testing.T) {
	t.Parallel()
	d := integration.Draft{Name: "  navn  ", Scopes: []string{"a:b", " a:b ", "", "c:d"}}.Normalize()
	require.Equal(t, "navn", d.Name)
	require.Equal(t, []string{"a:b", "c:d"}, d.Scopes)
}
