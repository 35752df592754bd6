package text

import (
	"fmt"
	"strings"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/provider"
)

// Providers holds the texts of "Mine API", where an API provider
// ("Selvbetjening for API-tilbydere via Samarbeidsportalen") defines scopes
// under its prefixes, shares them per environment and answers requests for
// access; and of a consumer's requests.
type Providers struct {

	// "Mine API" in one environment.
	ListTitle                                    func(env environment.Env) string
	New, NoPrefix, HowToGetPrefix, ScopesHeading string
	NoScopes, ColName, OpenToAll, BackToList     string
	Prefixes                                     func(prefixes []string) string
	ColGrants, NoRequests                        func(env environment.Env) string
	RequestsHeading                              func(env environment.Env, open int) string
	RequestTitle                                 func(orgName, orgNo, scope string) string
	TheirReason, Approve, Deny, DenyReasonLabel  string
	AlreadyAnswered                              string
	StateRequested, StateApproved, StateDenied   string

	// "Nytt scope" and "Endre".
	NewTitle, NameLabel, PrefixLabel, SubscopeLabel string
	DescriptionLabel, LongDescriptionLabel          string
	VisibilityLabel, Public, PublicHint             string
	Private, PrivateHint, LifetimeLabel             string
	IntegrationTypesLabel, OpenToAllLabel           string
	OpenToAllHint                                   string
	EditTitle, Conflict                             func(s string) string
	SubscopeHint, LifetimeHint                      func(max int) string

	// A scope's page, and who has access.
	Reactivate, InactiveMessage, DeactivateBody     string
	ColOrgNo, ColOrgName, ColSince, ColGrantedBy    string
	ColIntegrations, NotRegistered, RemoveGrant     string
	AddGrantButton, RemoveGrantConfirm, BackToScope string
	YesNo                                           func(yes bool) string
	GrantsHeading, NoGrants, AddGrantLabel          func(env environment.Env) string
	AddGrantButtonFor                               func(env environment.Env) string
	AddGrantHint, RemoveGrantBody                   func(n int) string
	RemoveGrantFor, NotShared                       func(orgNo string, env environment.Env) string
	RemoveGrantTitle                                func(scope, orgNo string, env environment.Env) string

	// What a page confirms after an action (paths.ScopeNotice).
	CreatedNotice, SavedNotice, DeactivatedNotice, ReactivatedNotice    string
	GrantsAddedNotice, GrantRemovedNotice, ApprovedNotice, DeniedNotice string
	RequestSentNotice, RequestOpenNotice                                string

	// The consumer's side: "Be om tilgang" and the organisation's requests.
	AskLink, AskBody, AskReasonLabel, AskButton, AskedAlready string
	AskTitle                                                  func(scope string, env environment.Env) string
	MyRequestsTitle, NoMyRequests, ColProvider, ColAsked      string
	ColAnswer, MenuRequests                                   string
	MenuAPIs                                                  string

	// The history's name for each audit action about scopes.
	ActionCreate, ActionUpdate, ActionDeactivate, ActionReactivate string
	ActionGrantAdd, ActionGrantRemove                              string
	ActionRequest, ActionApprove, ActionDeny                       string

	// Field errors, one per provider.Code….
	PrefixMissing, SubscopeMissing, SubscopeSeparator, DescriptionMissing string
	ControlCharacter, VisibilityInvalid, IntegrationTypes                 string
	OrgNumbersMissing, ReasonMissing                                      string
	PrefixNotOwned, NameTaken, SubscopeCharacter, OrgNumberInvalid        func(s string) string
	PrefixRetired                                                         func(prefix string) string
	FormatCharacter                                                       func(codePoint string) string
	SubscopeTooLong, DescriptionTooLong, LongDescriptionTooLong           func(max int) string
	LifetimeInvalid, TooManyOrgNumbers, ReasonTooLong                     func(max int) string
	AlreadyShared                                                         func(orgNos []string, env environment.Env) string
}

var bokmalProviders = Providers{
	ListTitle:      func(env environment.Env) string { return "Mine API i " + string(env) },
	New:            "Nytt scope",
	NoPrefix:       "Virksomheten din eier ingen scope-prefikser ennå, så den kan ikke definere scopes.",
	HowToGetPrefix: "Et prefiks tildeles av Digdirs servicedesk. Send en e-post til servicedesk@digdir.no med virksomhetens organisasjonsnummer og prefikset dere ønsker.",
	ScopesHeading:  "Scopes",
	NoScopes:       "Virksomheten har ingen scopes ennå. Trykk «Nytt scope» for å definere det første.",
	ColName:        "Scope",
	OpenToAll:      "Tilgjengelig for alle",
	BackToList:     "Tilbake til Mine API",
	Prefixes: func(prefixes []string) string {
		return "Virksomhetens prefikser: " + strings.Join(prefixes, ", ")
	},
	ColGrants: func(env environment.Env) string { return "Virksomheter med tilgang i " + string(env) },
	NoRequests: func(env environment.Env) string {
		return "Ingen forespørsler om tilgang venter på svar i " + string(env) + "."
	},
	RequestsHeading: func(env environment.Env, open int) string {
		return fmt.Sprintf("Forespørsler om tilgang i %s (%d)", env, open)
	},
	RequestTitle: func(orgName, orgNo, scope string) string {
		return fmt.Sprintf("%s (%s) ber om %s", orgName, orgNo, scope)
	},
	TheirReason:     "Begrunnelse",
	Approve:         "Godkjenn",
	Deny:            "Avslå",
	DenyReasonLabel: "Begrunnelse for avslag",
	AlreadyAnswered: "Forespørselen er allerede besvart.",
	StateRequested:  "Venter på svar",
	StateApproved:   "Godkjent",
	StateDenied:     "Avslått",

	NewTitle:              "Nytt scope",
	NameLabel:             "Scope",
	PrefixLabel:           "Prefiks",
	SubscopeLabel:         "Subscope",
	DescriptionLabel:      "Beskrivelse",
	LongDescriptionLabel:  "Utfyllende beskrivelse",
	VisibilityLabel:       "Synlighet",
	Public:                "Offentlig",
	PublicHint:            "vises for alle virksomheter",
	Private:               "Privat",
	PrivateHint:           "vises bare for virksomheter det er delt med",
	LifetimeLabel:         "Maks levetid for tilgangstoken (sekunder)",
	IntegrationTypesLabel: "Integrasjonstyper",
	OpenToAllLabel:        "Tilgjengelig for alle",
	OpenToAllHint:         "Alle virksomheter kan bruke scopet uten at det deles med dem.",
	EditTitle:             func(name string) string { return "Endre " + name },
	Conflict: func(by string) string {
		return fmt.Sprintf("%s har endret scopet etter at du åpnet siden. Ingenting er lagret. Se over det som er lagret nå, og lagre igjen om du fortsatt vil.", by)
	},
	SubscopeHint: func(max int) string {
		return fmt.Sprintf("Navnet blir prefiks:subscope. Små bokstaver (a–z), tall, «_» og «-», med «.», «/» eller «:» som skilletegn, høyst %d tegn. Navnet kan ikke endres senere.", max)
	},
	LifetimeHint: func(max int) string {
		return fmt.Sprintf("Hvor lenge et tilgangstoken med scopet kan gjelde (at_max_age), mellom 1 og %d sekunder.", max)
	},

	Reactivate:         "Aktiver igjen",
	InactiveMessage:    "Scopet er deaktivert: det kan ikke velges eller utstedes, og integrasjoner som har det, viser det som deaktivert.",
	DeactivateBody:     "Et deaktivert scope kan ikke lenger velges eller utstedes. Integrasjoner som har det, beholder det, merket som deaktivert. Du kan aktivere det igjen senere.",
	ColOrgNo:           "Organisasjonsnummer",
	ColOrgName:         "Navn",
	ColSince:           "Tilgang siden",
	ColGrantedBy:       "Gitt av",
	ColIntegrations:    "Integrasjoner som bruker scopet",
	NotRegistered:      "ikke registrert i portalen",
	RemoveGrant:        "Fjern tilgang",
	AddGrantButton:     "Legg til",
	RemoveGrantConfirm: "Bekreft fjerning",
	BackToScope:        "Tilbake til scopet",
	YesNo: func(yes bool) string {
		if yes {
			return "Ja"
		}
		return "Nei"
	},
	GrantsHeading:     func(env environment.Env) string { return "Tilgang i " + string(env) },
	NoGrants:          func(env environment.Env) string { return "Ingen virksomheter har tilgang i " + string(env) + "." },
	AddGrantLabel:     func(env environment.Env) string { return "Legg til tilgang i " + string(env) },
	AddGrantButtonFor: func(env environment.Env) string { return "Legg til tilgang i " + string(env) },
	AddGrantHint: func(max int) string {
		return fmt.Sprintf("Ett eller flere organisasjonsnumre, skilt med mellomrom, komma eller linjeskift (høyst %d).", max)
	},
	RemoveGrantBody: func(n int) string {
		return fmt.Sprintf("Virksomheten mister tilgangen til scopet i dette miljøet. %d av deres integrasjoner bruker scopet; de beholder det, merket med at tilgangen er trukket tilbake.", n)
	},
	RemoveGrantFor: func(orgNo string, env environment.Env) string {
		return fmt.Sprintf("Fjern tilgang for %s i %s", orgNo, env)
	},
	NotShared: func(orgNo string, env environment.Env) string {
		return fmt.Sprintf("%s har ikke tilgang til scopet i %s, så det er ingenting å fjerne.", orgNo, env)
	},
	RemoveGrantTitle: func(scope, orgNo string, env environment.Env) string {
		return fmt.Sprintf("Fjern tilgang til %s for %s i %s", scope, orgNo, env)
	},

	CreatedNotice:      "Scopet er opprettet.",
	SavedNotice:        "Endringene er lagret.",
	DeactivatedNotice:  "Scopet er deaktivert.",
	ReactivatedNotice:  "Scopet er aktivert igjen.",
	GrantsAddedNotice:  "Tilgangen er lagt til.",
	GrantRemovedNotice: "Tilgangen er fjernet.",
	ApprovedNotice:     "Forespørselen er godkjent, og virksomheten har fått tilgang.",
	DeniedNotice:       "Forespørselen er avslått.",
	RequestSentNotice:  "Forespørselen er sendt til API-tilbyderen.",
	RequestOpenNotice:  "Dere har allerede en forespørsel om dette scopet som venter på svar.",

	AskLink:        "Be om tilgang",
	AskBody:        "API-tilbyderen får forespørselen under «Mine API» og godkjenner eller avslår den. Svaret ser du under «Tilgangsforespørsler».",
	AskReasonLabel: "Begrunnelse (valgfritt)",
	AskButton:      "Send forespørsel",
	AskedAlready:   "Forespørsel sendt, venter på svar",
	AskTitle: func(scope string, env environment.Env) string {
		return fmt.Sprintf("Be om tilgang til %s i %s", scope, env)
	},
	MyRequestsTitle: "Tilgangsforespørsler",
	NoMyRequests:    "Virksomheten har ikke bedt om tilgang til noen scopes.",
	ColProvider:     "API-tilbyder",
	ColAsked:        "Forespurt",
	ColAnswer:       "Svar",
	MenuRequests:    "Tilgangsforespørsler",
	MenuAPIs:        "Mine API",

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
	PrefixRetired: func(p string) string {
		return fmt.Sprintf("Prefikset «%s» er pensjonert, og det kan ikke lages nye scopes under det. Velg et annet prefiks.", p)
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
	case provider.CodePrefixRetired:
		return c.PrefixRetired(parg[string](e, 0)), true
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

// Notice says what an action did, on the page it led to; false for none.
func (c Providers) Notice(n paths.ScopeNotice) (string, bool) {
	switch n {
	case paths.NoticeScopeCreated:
		return c.CreatedNotice, true
	case paths.NoticeScopeSaved:
		return c.SavedNotice, true
	case paths.NoticeScopeDeactivated:
		return c.DeactivatedNotice, true
	case paths.NoticeScopeReactivated:
		return c.ReactivatedNotice, true
	case paths.NoticeGrantsAdded:
		return c.GrantsAddedNotice, true
	case paths.NoticeGrantRemoved:
		return c.GrantRemovedNotice, true
	case paths.NoticeRequestApproved:
		return c.ApprovedNotice, true
	case paths.NoticeRequestDenied:
		return c.DeniedNotice, true
	case paths.NoticeRequestSent:
		return c.RequestSentNotice, true
	case paths.NoticeRequestOpen:
		return c.RequestOpenNotice, true
	}
	return "", false
}
