// Package text is the catalogue of every word the portal shows. Bokmål is
// the only language so far; nynorsk and English are new Catalogue values.
package text

import (
	"context"
	"fmt"
)

// Catalogue holds one language's texts. Texts with %-verbs take arguments.
type Catalogue struct {
	Lang string // the html lang attribute

	ProductName, SkipToContent, MainMenu, LoggedInAs, ActingFor, SwitchOrganisation string
	LogIn, LogOut, LoggedOutTitle, LoggedOutBody, FrontTitle, FrontBody             string

	MenuServices, MenuAdministration, MenuIntegrations, EnvironmentTest, EnvironmentProd string
	ServicesTitle, ServicesBody, AdministrationTitle, AdministrationBody                 string
	EnvironmentHeading, EnvTestDescription, EnvProdDescription                           string

	ChooseOrgTitle, ChooseOrgBody, ChooseOrgButton, ChooseOrgLegend          string
	NoOrgTitle, NoOrgBody, NoOrgContact, ServicedeskEmail                    string
	ErrorTitle, NotFoundTitle, NotFoundBody, BadRequestBody, ServerErrorBody string
	ForbiddenTitle, CSRFBody, LoginFailedTitle, LoginStateBody               string
	LoginRefusedBody, LoginTokenBody, LoginEmailBody, ProviderDownBody       string
	LoginTestIDBody                                                          string
	TryAgain, BackToFront, UnknownEnvironment, BadCursor, BackToList         string
	FormTooLarge, DeactivateConflict, OrgChanged                             string
	UnavailableTitle, UnavailableBody                                        string

	IntegrationsTitle, NewIntegration, ColName, ColClientID, ColType, ColScopes, ColStatus, ColUpdated string
	StatusActive, StatusInactive, ShowActive, ShowInactive, FilterLabel, NoIntegrations                string
	NoInactiveIntegrations, NextPage, FirstPage, Pagination, ServiceMaskinporten                       string
	GateNoIDporten, GateNotRegistered, GateHelp                                                        string
	GateLoginTooOld, GateLoginAgain                                                                    string

	CreateTitle, ServiceLabel, ServiceChoose, NameLabel, NameHint, DescriptionLabel string
	ScopesLegend, ScopesChosen, ScopesNoneChosen, AddScopes, ScopeSearchLabel       string
	ScopeSearchButton, ScopeAddChosen, ScopeMore, ScopePickerHeading, ScopeMaxLife  string
	ScopePrevious                                                                   string
	ScopeNothingShared, ScopeNoMatch, ScopeExistsNotShared, ScopeSharedOtherEnv     string
	ScopeContactProvider, LifetimeLabel, LifetimeHint, CreateButton, Cancel         string
	FormHasErrors, RemoveScopeHint                                                  string

	CreatedNotice, SavedNotice, DeactivatedNotice, KeyAddedNotice, KeyRemovedNotice string
	ClientIDLabel, CopyButton, CopiedText, EnvironmentLabel, StatusLabel            string
	DescriptionNone, LifetimeValue, CreatedLabel, UpdatedLabel, ByWhenFormat        string
	ScopesHeading, ScopeWithdrawn, NoScopes, KeysHeading, NoKeys, KeyKID            string
	KeyAlgorithm, KeyFingerprint, KeyExpires, KeyNoExpiry, KeyRemove, KeyAddLabel   string
	KeyAddHint, KeyAddButton, KeyLimitReached, HistoryHeading, NoHistory            string
	HistoryWhen, HistoryWho, HistoryWhat, Edit, DeactivatedOn                       string

	EditTitle, SaveButton, Deactivate, DeactivateTitle, DeactivateBody, DeactivateConfirm string
	ConflictMessage, ConflictCurrent, InactiveMessage                                     string

	Actions      map[string]string // audit action → what the history shows
	FieldErrors  map[string]string // integration field error code → message
	KeyErrors    map[string]string // key refusal → message
	ErrorSummary string
}

type langKey struct{}

// WithCatalogue chooses the language for a request.
func WithCatalogue(ctx context.Context, c *Catalogue) context.Context {
	return context.WithValue(ctx, langKey{}, c)
}

// From returns the request's catalogue; bokmål unless another was chosen.
func From(ctx context.Context) *Catalogue {
	if c, ok := ctx.Value(langKey{}).(*Catalogue); ok {
		return c
	}
	return &Bokmal
}

// Field returns the message for an integration field error code.
func (c *Catalogue) Field(code string, args ...any) string {
	if f, ok := c.FieldErrors[code]; ok {
		return fmt.Sprintf(f, args...)
	}
	return c.ErrorSummary
}

// Action names an audit action for the history list.
func (c *Catalogue) Action(action string) string {
	if a, ok := c.Actions[action]; ok {
		return a
	}
	return action
}
