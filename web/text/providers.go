package text

import (
	"fmt"
	"strings"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/provider"
)

// Providers holds the texts of "Mine API", where an API provider
// ("Selvbetjening for API-tilbydere via Samarbeidsportalen") defines scopes
// under its prefixes, shares them per environment and answers requests for
// access; and of a consumer's requests.
type Providers struct {
	// The history's name for each audit action about scopes.
	ActionCreate, ActionUpdate, ActionDeactivate, ActionReactivate string
	ActionGrantAdd, ActionGrantRemove                              string
	ActionRequest, ActionApprove, ActionDeny                       string

	// Field errors, one per provider.Code….
	PrefixMissing, SubscopeMissing, SubscopeSeparator, DescriptionMissing string
	ControlCharacter, VisibilityInvalid, IntegrationTypes                 string
	OrgNumbersMissing, ReasonMissing                                      string
	PrefixNotOwned, NameTaken, SubscopeCharacter, OrgNumberInvalid        func(s string) string
	FormatCharacter                                                       func(codePoint string) string
	SubscopeTooLong, DescriptionTooLong, LongDescriptionTooLong           func(max int) string
	LifetimeInvalid, TooManyOrgNumbers, ReasonTooLong                     func(max int) string
	AlreadyShared                                                         func(orgNos []string, env environment.Env) string
}

var bokmalProviders = Providers{
	ActionCreate:      "Scope opprettet",
	ActionUpdate:      "Scope endret",
	ActionDeactivate:  "Scope deaktivert",
	ActionReactivate:  "Scope aktivert igjen",
	ActionGrantAdd:    "Tilgang lagt til",
	ActionGrantRemove: "Tilgang fjernet",
	ActionRequest:     "Tilgang forespurt",
	ActionApprove:     "Forespørsel godkjent",
	ActionDeny:        "Forespørsel avslått",

	PrefixMissing:      "Velg et prefiks.",
	SubscopeMissing:    "Skriv inn subscope.",
	SubscopeSeparator:  "Subscope kan ikke begynne eller slutte med «.», «/» eller «:», og de kan ikke stå to på rad.",
	DescriptionMissing: "Skriv inn en beskrivelse.",
	ControlCharacter:   "Teksten inneholder et kontrolltegn som ikke kan vises. Skriv den inn på nytt.",
	VisibilityInvalid:  "Velg «Offentlig» eller «Privat».",
	IntegrationTypes:   "Velg minst én integrasjonstype.",
	OrgNumbersMissing:  "Skriv inn minst ett organisasjonsnummer.",
	ReasonMissing:      "Skriv inn en begrunnelse. Den vises for virksomheten som ba om tilgang.",
	PrefixNotOwned: func(p string) string {
		return fmt.Sprintf("Virksomheten din eier ikke prefikset «%s». Velg et av virksomhetens prefikser.", p)
	},
	NameTaken: func(name string) string {
		return fmt.Sprintf("Scopet %s finnes allerede. Velg et annet subscope.", name)
	},
	SubscopeCharacter: func(c string) string {
		return fmt.Sprintf("Subscope kan ikke inneholde «%s». Bruk små bokstaver (a–z), tall, «_», «-», og «.», «/» eller «:» som skilletegn.", c)
	},
	OrgNumberInvalid: func(v string) string {
		return fmt.Sprintf("«%s» er ikke et gyldig organisasjonsnummer (9 siffer med riktig kontrollsiffer). Ingen tilganger er lagt til.", v)
	},
	FormatCharacter: func(cp string) string {
		return fmt.Sprintf("Teksten inneholder et usynlig formateringstegn (%s). Fjern det og prøv igjen.", cp)
	},
	SubscopeTooLong:        func(max int) string { return fmt.Sprintf("Subscope kan ha høyst %d tegn.", max) },
	DescriptionTooLong:     func(max int) string { return fmt.Sprintf("Beskrivelsen kan ha høyst %d tegn.", max) },
	LongDescriptionTooLong: func(max int) string { return fmt.Sprintf("Den utfyllende beskrivelsen kan ha høyst %d tegn.", max) },
	LifetimeInvalid: func(max int) string {
		return fmt.Sprintf("Levetiden må være et helt antall sekunder mellom 1 og %d (ett døgn).", max)
	},
	TooManyOrgNumbers: func(max int) string {
		return fmt.Sprintf("Du kan legge til høyst %d organisasjonsnumre om gangen.", max)
	},
	ReasonTooLong: func(max int) string { return fmt.Sprintf("Begrunnelsen kan ha høyst %d tegn.", max) },
	AlreadyShared: func(orgNos []string, env environment.Env) string {
		return fmt.Sprintf("Har allerede tilgang i %s: %s. Ingen tilganger er lagt til.", env, strings.Join(orgNos, ", "))
	},
}

// FieldError says what is wrong with a field of a provider's form; false
// for a code it does not know.
func (c Providers) FieldError(e provider.FieldError) (string, bool) {
	switch e.Code {
	case provider.CodePrefixMissing:
		return c.PrefixMissing, true
	case provider.CodePrefixNotOwned:
		return c.PrefixNotOwned(parg[string](e, 0)), true
	case provider.CodeSubscopeMissing:
		return c.SubscopeMissing, true
	case provider.CodeSubscopeTooLong:
		return c.SubscopeTooLong(provider.MaxSubscopeLength), true
	case provider.CodeSubscopeCharacter:
		return c.SubscopeCharacter(parg[string](e, 0)), true
	case provider.CodeSubscopeSeparator:
		return c.SubscopeSeparator, true
	case provider.CodeNameTaken:
		return c.NameTaken(parg[string](e, 0)), true
	case provider.CodeDescriptionMissing:
		return c.DescriptionMissing, true
	case provider.CodeDescriptionTooLong:
		return c.DescriptionTooLong(provider.MaxDescriptionLength), true
	case provider.CodeLongDescriptionTooLong:
		return c.LongDescriptionTooLong(provider.MaxLongDescriptionLength), true
	case provider.CodeControlCharacter:
		return c.ControlCharacter, true
	case provider.CodeFormatCharacter:
		return c.FormatCharacter(parg[string](e, 0)), true
	case provider.CodeVisibilityInvalid:
		return c.VisibilityInvalid, true
	case provider.CodeLifetimeInvalid:
		return c.LifetimeInvalid(provider.MaxTokenLifetime), true
	case provider.CodeIntegrationTypes:
		return c.IntegrationTypes, true
	case provider.CodeOrgNumbersMissing:
		return c.OrgNumbersMissing, true
	case provider.CodeOrgNumberInvalid:
		return c.OrgNumberInvalid(parg[string](e, 0)), true
	case provider.CodeTooManyOrgNumbers:
		return c.TooManyOrgNumbers(provider.MaxOrgNumbers), true
	case provider.CodeAlreadyShared:
		return c.AlreadyShared(parg[[]string](e, 0), parg[environment.Env](e, 1)), true
	case provider.CodeReasonMissing:
		return c.ReasonMissing, true
	case provider.CodeReasonTooLong:
		return c.ReasonTooLong(provider.MaxReasonLength), true
	}
	return "", false
}

func parg[T any](e provider.FieldError, i int) T {
	var zero T
	if i >= len(e.Args) {
		return zero
	}
	v, _ := e.Args[i].(T)
	return v
}

// action names a scope's audit action; false for another.
func (c Providers) action(a audit.Action) (string, bool) {
	names := map[audit.Action]string{
		audit.ScopeCreate: c.ActionCreate, audit.ScopeUpdate: c.ActionUpdate, audit.ScopeDeactivate: c.ActionDeactivate,
		audit.ScopeReactivate: c.ActionReactivate, audit.ScopeGrantAdd: c.ActionGrantAdd, audit.ScopeGrantRemove: c.ActionGrantRemove,
		audit.ScopeAccessRequest: c.ActionRequest, audit.ScopeAccessApprove: c.ActionApprove, audit.ScopeAccessDeny: c.ActionDeny,
	}
	name, ok := names[a]
	return name, ok
}
