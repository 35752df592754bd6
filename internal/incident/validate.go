package incident

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/freetext"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/orgno"
)

// Code names what is wrong with a field of the form; the text catalogue
// puts each into words.
type Code string

const (
	CodeTitleMissing    Code = "title_missing"
	CodeTitleTooLong    Code = "title_too_long"
	CodeTitleCharacter  Code = "title_character" // a line break, control or invisible character
	CodeTextMissing     Code = "text_missing"
	CodeTextTooLong     Code = "text_too_long"
	CodeTextCharacter   Code = "text_character"
	CodeServiceUnknown  Code = "service_unknown"
	CodeEnvMissing      Code = "env_missing"
	CodeEnvUnknown      Code = "env_unknown"
	CodeSeverityUnknown Code = "severity_unknown"
	CodeAudienceUnknown Code = "audience_unknown"
	CodeOrgsMissing     Code = "orgs_missing"     // "Valgte virksomheter" with none chosen
	CodeOrgsTooMany     Code = "orgs_too_many"    // more than MaxChosen
	CodeOrgUnknown      Code = "org_unknown"      // a chosen number that is no organisation of the portal
	CodeNoneAffected    Code = "none_affected"    // nobody uses the service in the environments
	CodeNoNotifyPoints  Code = "no_notify_points" // none of the affected has a notification point
)

// Codes lists every code, for the text catalogue's completeness test.
func Codes() []Code {
	return []Code{CodeTitleMissing, CodeTitleTooLong, CodeTitleCharacter, CodeTextMissing, CodeTextTooLong,
		CodeTextCharacter, CodeServiceUnknown, CodeEnvMissing, CodeEnvUnknown, CodeSeverityUnknown,
		CodeAudienceUnknown, CodeOrgsMissing, CodeOrgsTooMany, CodeOrgUnknown, CodeNoneAffected, CodeNoNotifyPoints}
}

// Limit is the limit a code's message names (a length, a count), or 0.
func Limit(c Code) int {
	switch c {
	case CodeTitleTooLong:
		return MaxTitleLength
	case CodeTextTooLong:
		return MaxTextLength
	case CodeOrgsTooMany:
		return MaxChosen
	}
	return 0
}

// The form's field names; FieldErrors are keyed by them, and they are the
// fields' ids on the page.
const (
	FieldTitle    = "tittel"
	FieldText     = "tekst"
	FieldService  = "tjeneste"
	FieldEnv      = "miljo"
	FieldSeverity = "alvorlighet"
	FieldAudience = "mottakere"
	FieldOrgs     = "valgte" // not "virksomhet": every form carries that one, the session's organisation (components.CSRF)
)

// FieldErrors maps a form field to what is wrong with it.
type FieldErrors map[string]Code

func (f FieldErrors) Error() string {
	parts := make([]string, 0, len(f))
	for k, v := range f {
		parts = append(parts, k+": "+string(v))
	}
	sort.Strings(parts)
	return "incident: " + strings.Join(parts, ", ")
}

// Draft is the "Ny hendelse" form as posted: every value as typed.
type Draft struct {
	Title, Text, Service string
	Envs                 []string // the checked environments
	Severity, Audience   string
	OrgNos               []string // the checked organisations, with Chosen
}

// Valid is a draft that passed Validate.
type Valid struct {
	Title, Text string
	Service     merchant.Service
	Envs        []environment.Env
	Severity    Severity
	Audience    Audience
	OrgNos      []string // sorted, without repeats; only with Chosen
}

// Validate checks a draft and returns it normalised: texts trimmed, line
// ends as \n, environments in the order TEST, PROD, organisation numbers
// without spaces, sorted and each once. Whether the organisations exist is
// Send's to ask, in its transaction.
func (d Draft) Validate() (Valid, FieldErrors) {
	errs := FieldErrors{}
	v := Valid{Title: strings.TrimSpace(d.Title), Text: strings.TrimSpace(strings.ReplaceAll(d.Text, "\r\n", "\n"))}
	switch {
	case v.Title == "":
		errs[FieldTitle] = CodeTitleMissing
	case !utf8.ValidString(v.Title) || freetext.Check(v.Title, freetext.OneLine) != nil:
		errs[FieldTitle] = CodeTitleCharacter
	case utf8.RuneCountInString(v.Title) > MaxTitleLength:
		errs[FieldTitle] = CodeTitleTooLong
	}
	switch {
	case v.Text == "":
		errs[FieldText] = CodeTextMissing
	case !utf8.ValidString(v.Text) || freetext.Check(v.Text, freetext.MultiLine) != nil:
		errs[FieldText] = CodeTextCharacter
	case utf8.RuneCountInString(v.Text) > MaxTextLength:
		errs[FieldText] = CodeTextTooLong
	}
	if s, ok := merchant.ParseService(d.Service); ok {
		v.Service = s
	} else {
		errs[FieldService] = CodeServiceUnknown
	}
	for _, e := range d.Envs {
		env, err := environment.Parse(e)
		if err != nil {
			errs[FieldEnv] = CodeEnvUnknown
			break
		}
		if !slices.Contains(v.Envs, env) {
			v.Envs = append(v.Envs, env)
		}
	}
	if _, bad := errs[FieldEnv]; !bad && len(v.Envs) == 0 {
		errs[FieldEnv] = CodeEnvMissing
	}
	slices.SortFunc(v.Envs, func(a, b environment.Env) int {
		return slices.Index(environment.All(), a) - slices.Index(environment.All(), b)
	})
	if s := Severity(d.Severity); slices.Contains(Severities(), s) {
		v.Severity = s
	} else {
		errs[FieldSeverity] = CodeSeverityUnknown
	}
	switch a := Audience(d.Audience); a {
	case Users:
		v.Audience = a
	case Chosen:
		v.Audience = a
		v.OrgNos, errs = chosen(d.OrgNos, errs)
	default:
		errs[FieldAudience] = CodeAudienceUnknown
	}
	if len(errs) > 0 {
		return Valid{}, errs
	}
	return v, nil
}

// chosen checks the organisations picked by hand.
func chosen(in []string, errs FieldErrors) ([]string, FieldErrors) {
	out := make([]string, 0, len(in))
	for _, s := range in {
		n := strings.ReplaceAll(strings.TrimSpace(s), " ", "")
		if n == "" {
			continue
		}
		if orgno.Validate(n) != nil {
			errs[FieldOrgs] = CodeOrgUnknown
			return nil, errs
		}
		out = append(out, n)
	}
	slices.Sort(out)
	out = slices.Compact(out)
	switch {
	case len(out) == 0:
		errs[FieldOrgs] = CodeOrgsMissing
	case len(out) > MaxChosen:
		errs[FieldOrgs] = CodeOrgsTooMany
	}
	return out, errs
}
