package incident

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/consttest"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/orgno"
)

func TestCodesListsEveryCode(t *testing.T) {
	t.Parallel()
	var listed []string
	for _, c := range Codes() {
		listed = append(listed, string(c))
	}
	require.ElementsMatch(t, consttest.Values(consttest.StringConstants(t, ".", "Code")), listed)
}

// valid is a draft that passes, for each case to spoil one field of.
func valid() Draft {
	return Draft{Title: "Maskinporten TEST svarer ikke", Text: "Tokenendepunktet svarer 503.",
		Service: string(merchant.Consumer), Envs: []string{"TEST"}, Severity: string(Critical), Audience: string(Users)}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		change func(d *Draft)
		want   FieldErrors
	}{
		"Valid":           {func(*Draft) {}, nil},
		"TitleMissing":    {func(d *Draft) { d.Title = "  " }, FieldErrors{FieldTitle: CodeTitleMissing}},
		"TitleTooLong":    {func(d *Draft) { d.Title = strings.Repeat("å", MaxTitleLength+1) }, FieldErrors{FieldTitle: CodeTitleTooLong}},
		"TitleAtLimit":    {func(d *Draft) { d.Title = strings.Repeat("å", MaxTitleLength) }, nil},
		"TitleTwoLines":   {func(d *Draft) { d.Title = "To\nlinjer" }, FieldErrors{FieldTitle: CodeTitleCharacter}},
		"TitleInvisible":  {func(d *Draft) { d.Title = "Nede\u202e" }, FieldErrors{FieldTitle: CodeTitleCharacter}},
		"TitleNotUTF8":    {func(d *Draft) { d.Title = "\xff" }, FieldErrors{FieldTitle: CodeTitleCharacter}},
		"TextMissing":     {func(d *Draft) { d.Text = "\r\n" }, FieldErrors{FieldText: CodeTextMissing}},
		"TextTooLong":     {func(d *Draft) { d.Text = strings.Repeat("a", MaxTextLength+1) }, FieldErrors{FieldText: CodeTextTooLong}},
		"TextLines":       {func(d *Draft) { d.Text = "Første linje.\r\n\r\nAndre\tlinje." }, nil},
		"TextControl":     {func(d *Draft) { d.Text = "Nede\x00" }, FieldErrors{FieldText: CodeTextCharacter}},
		"ServiceUnknown":  {func(d *Draft) { d.Service = "id-porten" }, FieldErrors{FieldService: CodeServiceUnknown}},
		"ServiceMissing":  {func(d *Draft) { d.Service = "" }, FieldErrors{FieldService: CodeServiceUnknown}},
		"Provider":        {func(d *Draft) { d.Service = string(merchant.Provider) }, nil},
		"NoEnvironment":   {func(d *Draft) { d.Envs = nil }, FieldErrors{FieldEnv: CodeEnvMissing}},
		"UnknownEnv":      {func(d *Draft) { d.Envs = []string{"TEST", "VER2"} }, FieldErrors{FieldEnv: CodeEnvUnknown}},
		"BothEnvs":        {func(d *Draft) { d.Envs = []string{"PROD", "TEST", "PROD"} }, nil},
		"SeverityUnknown": {func(d *Draft) { d.Severity = "katastrofe" }, FieldErrors{FieldSeverity: CodeSeverityUnknown}},
		"AudienceMissing": {func(d *Draft) { d.Audience = "" }, FieldErrors{FieldAudience: CodeAudienceUnknown}},
		"ChosenNone":      {func(d *Draft) { d.Audience, d.OrgNos = string(Chosen), []string{"", " "} }, FieldErrors{FieldOrgs: CodeOrgsMissing}},
		"ChosenBadNumber": {func(d *Draft) { d.Audience, d.OrgNos = string(Chosen), []string{"974761076", "974761077"} }, FieldErrors{FieldOrgs: CodeOrgUnknown}},
		"ChosenTwo": {func(d *Draft) {
			d.Audience, d.OrgNos = string(Chosen), []string{"974761076", "974 761 076", "310000019"}
		}, nil},
		"UsersIgnoresOrgs": {func(d *Draft) { d.OrgNos = []string{"nonsense"} }, nil},
		"SeveralWrongAtOnce": {func(d *Draft) { d.Title, d.Envs, d.Audience = "", nil, string(Chosen) },
			FieldErrors{FieldTitle: CodeTitleMissing, FieldEnv: CodeEnvMissing, FieldOrgs: CodeOrgsMissing}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d := valid()
			tc.change(&d)
			_, errs := d.Validate()
			require.Equal(t, tc.want, errs)
		})
	}
}

func TestValidateNormalises(t *testing.T) {
	t.Parallel()
	d := valid()
	d.Title, d.Text = "  Nede  ", "Linje 1\r\nLinje 2\n"
	d.Envs = []string{"PROD", "TEST", "TEST"}
	d.Audience, d.OrgNos = string(Chosen), []string{"974 761 076", "310000019", "974761076"}
	v, errs := d.Validate()
	require.Nil(t, errs)
	require.Equal(t, Valid{Title: "Nede", Text: "Linje 1\nLinje 2", Service: merchant.Consumer,
		Envs: []environment.Env{environment.Test, environment.Prod}, Severity: Critical, Audience: Chosen,
		OrgNos: []string{"310000019", "974761076"}}, v)
}

func TestChosenRefusesTooMany(t *testing.T) {
	t.Parallel()
	d := valid()
	d.Audience = string(Chosen)
	for n := 100000000; len(d.OrgNos) <= MaxChosen; n++ {
		if s := strconv.Itoa(n); orgno.Validate(s) == nil {
			d.OrgNos = append(d.OrgNos, s)
		}
	}
	_, errs := d.Validate()
	require.Equal(t, FieldErrors{FieldOrgs: CodeOrgsTooMany}, errs)
	d.OrgNos = d.OrgNos[:MaxChosen]
	_, errs = d.Validate()
	require.Nil(t, errs)
}

// FuzzValidate: whatever the form posts, Validate answers with a valid
// incident or field errors, never both and never a panic, and what it
// accepts fits the table's checks.
func FuzzValidate(f *testing.F) {
	f.Add("Nede", "Tekst", "maskinporten-konsument", "TEST", "PROD", "critical", "users", "974761076")
	f.Add("", "\r\n", "x", "", "", "", "chosen", "974 761 076")
	f.Add("To\nlinjer", "\x00", "maskinporten-tilbyder", "PROD", "PROD", "minor", "chosen", "")
	f.Fuzz(func(t *testing.T, title, body, service, env1, env2, severity, audience, org string) {
		d := Draft{Title: title, Text: body, Service: service, Envs: []string{env1, env2},
			Severity: severity, Audience: audience, OrgNos: []string{org}}
		v, errs := d.Validate()
		if errs != nil {
			require.Equal(t, Valid{}, v)
			for field, code := range errs {
				require.Contains(t, Codes(), code, field)
			}
			return
		}
		require.NotEmpty(t, v.Title)
		require.LessOrEqual(t, utf8.RuneCountInString(v.Title), MaxTitleLength)
		require.NotContains(t, v.Title, "\n")
		require.NotEmpty(t, v.Text)
		require.LessOrEqual(t, utf8.RuneCountInString(v.Text), MaxTextLength)
		require.NotContains(t, v.Text, "\r\n")
		require.NotEmpty(t, v.Envs)
		require.Contains(t, Severities(), v.Severity)
		if v.Audience == Chosen {
			require.Len(t, v.OrgNos, 1)
			require.Len(t, v.OrgNos[0], 9)
		} else {
			require.Empty(t, v.OrgNos)
		}
	})
}
