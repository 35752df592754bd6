package text

import (
	"fmt"
	"strings"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/paths"
)

// Integrations holds the texts of the integrations: the list, the create
// and edit form with its field errors, an integration's page and history,
// deactivating, and why production is greyed out.
type Integrations struct {
	Title                                                                func(env environment.Env) string
	New, ColName, ColClientID, ColType, ColScopes, ColStatus, ColUpdated string
	StatusActive, StatusInactive, ShowActive, ShowInactive, FilterLabel  string
	NoActive, NoInactive, NextPage, FirstPage, Pagination, BackToList    string
	ServiceMaskinporten                                                  string

	CreateTitle                                              func(env environment.Env) string
	EditTitle                                                func(name string) string
	ServiceLabel, ServiceChoose, NameLabel, DescriptionLabel string
	LifetimeLabel, CreateButton, SaveButton, ConflictCurrent string
	InactiveMessage                                          string
	NameHint                                                 func(maxLength int) string
	LifetimeHint                                             func(defaultSeconds int) string
	ConflictMessage                                          func(savedBy string) string

	ClientIDLabel, CopyButton, CopiedText, StatusLabel, DescriptionNone string
	CreatedLabel, UpdatedLabel, NoScopes, Edit                          string
	HistoryHeading, NoHistory, HistoryWhen, HistoryWho, HistoryWhat     string
	LifetimeValue                                                       func(seconds int) string
	ByWhen                                                              func(when, who string) string
	DeactivatedOn                                                       func(when string) string

	Deactivate, DeactivateBody, DeactivateConfirm string
	DeactivateTitle                               func(name string) string
	DeactivateConflict                            func(changedBy string) string

	// What the integration's page confirms after an action (paths.Notice).
	CreatedNotice, SavedNotice, DeactivatedNotice, KeyAddedNotice, KeyRemovedNotice string

	// The history's name for each audit action.
	ActionCreate, ActionUpdate, ActionDeactivate, ActionKeyAdd, ActionKeyRemove, ActionKeyRenew string

	// Field errors, one per integration.Code….
	ServiceMissing, NameMissing, NameMarkup, ControlCharacter string
	NameTooLong, DescriptionTooLong, TooManyScopes            func(max int) string
	FormatCharacter                                           func(codePoint string) string
	LifetimeInvalid, LifetimeTooLong                          func(maxSeconds int) string
	ScopeNotShared                                            func(names []string, env environment.Env) string
}

var bokmalIntegrations = Integrations{
	Title:               func(env environment.Env) string { return "Integrasjoner i " + string(env) },
	New:                 "Ny integrasjon",
	ColName:             "Navn",
	ColClientID:         "Klient-ID",
	ColType:             "Type",
	ColScopes:           "Scopes",
	ColStatus:           "Status",
	ColUpdated:          "Sist endret",
	StatusActive:        "Aktiv",
	StatusInactive:      "Inaktiv",
	ShowActive:          "Aktive",
	ShowInactive:        "Inaktive",
	FilterLabel:         "Vis",
	NoActive:            "Virksomheten har ingen aktive integrasjoner i dette miljøet.",
	NoInactive:          "Virksomheten har ingen inaktive integrasjoner i dette miljøet.",
	NextPage:            "Neste side",
	FirstPage:           "Første side",
	Pagination:          "Sider",
	BackToList:          "Tilbake til integrasjonene",
	ServiceMaskinporten: "Maskinporten",

	CreateTitle:      func(env environment.Env) string { return "Ny integrasjon i " + string(env) },
	EditTitle:        func(name string) string { return "Endre " + name },
	ServiceLabel:     "Difi-tjeneste",
	ServiceChoose:    "Velg tjeneste",
	NameLabel:        "Navn på integrasjonen",
	DescriptionLabel: "Beskrivelse",
	LifetimeLabel:    "Levetid for tilgangstoken (sekunder)",
	CreateButton:     "Opprett",
	SaveButton:       "Lagre",
	ConflictCurrent:  "Lagret nå",
	InactiveMessage:  "Integrasjonen er deaktivert og kan ikke endres.",
	NameHint: func(maxLength int) string {
		return fmt.Sprintf("Høyst %d tegn. Navnet vises i oversikten og i loggene.", maxLength)
	},
	LifetimeHint: func(defaultSeconds int) string {
		return fmt.Sprintf("Standard er %d sekunder. Levetiden kan ikke være lengre enn den korteste maksimale levetiden til scopene du har valgt.", defaultSeconds)
	},
	ConflictMessage: func(savedBy string) string {
		return fmt.Sprintf("Integrasjonen ble endret av %s mens du redigerte. Endringene dine er ikke lagret. Se over det som er lagret nå, og trykk «Lagre» igjen hvis du vil overskrive.", savedBy)
	},

	ClientIDLabel:   "Klient-ID",
	CopyButton:      "Kopier",
	CopiedText:      "Kopiert",
	StatusLabel:     "Status",
	DescriptionNone: "Ingen beskrivelse",
	CreatedLabel:    "Opprettet",
	UpdatedLabel:    "Sist endret",
	NoScopes:        "Integrasjonen har ingen scopes.",
	Edit:            "Endre",
	HistoryHeading:  "Historikk",
	NoHistory:       "Ingen endringer er registrert.",
	HistoryWhen:     "Tidspunkt",
	HistoryWho:      "Hvem",
	HistoryWhat:     "Hva",
	LifetimeValue:   func(seconds int) string { return fmt.Sprintf("%d sekunder", seconds) },
	ByWhen:          func(when, who string) string { return when + " av " + who },
	DeactivatedOn:   func(when string) string { return "Deaktivert " + when },

	Deactivate:        "Deaktiver",
	DeactivateBody:    "Integrasjonen blir inaktiv, og klienten kan ikke lenger hente tokens fra Maskinporten. Historikken blir tatt vare på.",
	DeactivateConfirm: "Bekreft deaktivering",
	DeactivateTitle:   func(name string) string { return "Deaktiver " + name },
	DeactivateConflict: func(changedBy string) string {
		return fmt.Sprintf("Integrasjonen ble endret av %s etter at du åpnet denne siden. Se over endringen før du bekrefter deaktiveringen.", changedBy)
	},

	CreatedNotice:     "Integrasjonen er opprettet. Kopier klient-ID-en og bruk den i klienten din.",
	SavedNotice:       "Endringene er lagret.",
	DeactivatedNotice: "Integrasjonen er deaktivert.",
	KeyAddedNotice:    "Nøkkelen er lagt til.",
	KeyRemovedNotice:  "Nøkkelen er fjernet.",

	ActionCreate:     "Opprettet",
	ActionUpdate:     "Endret",
	ActionDeactivate: "Deaktivert",
	ActionKeyAdd:     "Nøkkel lagt til",
	ActionKeyRemove:  "Nøkkel fjernet",
	ActionKeyRenew:   "Nøkkel fornyet",

	ServiceMissing:   "Velg hvilken Difi-tjeneste integrasjonen gjelder.",
	NameMissing:      "Skriv inn et navn på integrasjonen.",
	NameMarkup:       "Navnet kan ikke inneholde tegnene < og >.",
	ControlCharacter: "Feltet inneholder usynlige kontrolltegn. Skriv teksten på nytt.",
	NameTooLong:      func(max int) string { return fmt.Sprintf("Navnet kan ha høyst %d tegn.", max) },
	DescriptionTooLong: func(max int) string {
		return fmt.Sprintf("Beskrivelsen kan ha høyst %d tegn.", max)
	},
	TooManyScopes: func(max int) string { return fmt.Sprintf("En integrasjon kan ha høyst %d scopes.", max) },
	FormatCharacter: func(codePoint string) string {
		return fmt.Sprintf("Feltet inneholder et usynlig formateringstegn (%s), for eksempel et tegn som snur skriveretningen. Slike tegn kan få teksten til å se annerledes ut enn den er. Skriv teksten inn på nytt i stedet for å lime den inn.", codePoint)
	},
	LifetimeInvalid: func(maxSeconds int) string {
		return fmt.Sprintf("Levetiden må være et helt antall sekunder mellom 1 og %d.", maxSeconds)
	},
	LifetimeTooLong: func(maxSeconds int) string {
		return fmt.Sprintf("Levetiden kan ikke være lengre enn %d sekunder for scopene du har valgt.", maxSeconds)
	},
	ScopeNotShared: func(names []string, env environment.Env) string {
		return fmt.Sprintf("Ikke delt med virksomheten din i %s: %s. Fjern haken, eller kontakt API-tilbyderen.", env, strings.Join(names, ", "))
	},
}

// FieldError says what is wrong with a field of the integration form;
// false for a code it does not know.
func (c Integrations) FieldError(e integration.FieldError) (string, bool) {
	switch e.Code {
	case integration.CodeServiceMissing:
		return c.ServiceMissing, true
	case integration.CodeNameMissing:
		return c.NameMissing, true
	case integration.CodeNameTooLong:
		return c.NameTooLong(arg[int](e, 0)), true
	case integration.CodeNameMarkup:
		return c.NameMarkup, true
	case integration.CodeDescTooLong:
		return c.DescriptionTooLong(arg[int](e, 0)), true
	case integration.CodeControlCharacter:
		return c.ControlCharacter, true
	case integration.CodeFormatCharacter:
		return c.FormatCharacter(arg[string](e, 0)), true
	case integration.CodeLifetimeInvalid:
		return c.LifetimeInvalid(integration.MaxTokenLifetime), true
	case integration.CodeLifetimeTooLong:
		return c.LifetimeTooLong(arg[int](e, 0)), true
	case integration.CodeScopeNotShared:
		return c.ScopeNotShared(arg[[]string](e, 0), arg[environment.Env](e, 1)), true
	case integration.CodeTooManyScopes:
		return c.TooManyScopes(arg[int](e, 0)), true
	}
	return "", false
}

// arg is the i-th argument of a field error, or T's zero value when the
// domain gave none of that type.
func arg[T any](e integration.FieldError, i int) T {
	var zero T
	if i >= len(e.Args) {
		return zero
	}
	v, ok := e.Args[i].(T)
	if !ok {
		return zero
	}
	return v
}

// action names an integration's audit action; false for another.
func (c Integrations) action(action audit.Action) (string, bool) {
	switch action {
	case audit.IntegrationCreate:
		return c.ActionCreate, true
	case audit.IntegrationUpdate:
		return c.ActionUpdate, true
	case audit.IntegrationDeactivate:
		return c.ActionDeactivate, true
	case audit.IntegrationKeyAdd:
		return c.ActionKeyAdd, true
	case audit.IntegrationKeyRemove:
		return c.ActionKeyRemove, true
	case audit.IntegrationKeyRenew:
		return c.ActionKeyRenew, true
	}
	return "", false
}

// FieldLabel names a field a change touched, as the form labels it.
func (c Integrations) FieldLabel(f integration.Field, scopesHeading string) (string, bool) {
	switch f {
	case integration.FieldName:
		return c.NameLabel, true
	case integration.FieldDescription:
		return c.DescriptionLabel, true
	case integration.FieldScopes:
		return scopesHeading, true
	case integration.FieldTokenLifetime:
		return c.LifetimeLabel, true
	}
	return "", false
}

// Notice says what an action did, on the page it led to; false for none.
func (c Integrations) Notice(n paths.Notice) (string, bool) {
	switch n {
	case paths.NoticeCreated:
		return c.CreatedNotice, true
	case paths.NoticeSaved:
		return c.SavedNotice, true
	case paths.NoticeDeactivated:
		return c.DeactivatedNotice, true
	case paths.NoticeKeyAdded:
		return c.KeyAddedNotice, true
	case paths.NoticeKeyRemoved:
		return c.KeyRemovedNotice, true
	}
	return "", false
}
