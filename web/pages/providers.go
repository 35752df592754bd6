package pages

import (
	"context"
	"errors"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/provider"
	"github.com/digdir/selvbetjening/web/components"
	"github.com/digdir/selvbetjening/web/text"
)

// APIListView is "Mine API" in one environment: the organisation's scopes
// and the requests for access waiting for an answer there.
type APIListView struct {
	Env      environment.Env
	Prefixes []string
	Scopes   []provider.Summary
	Requests []provider.Request
	Notice   paths.ScopeNotice
	Gate     error // why scopes cannot be defined (no prefix, or the production gate)
	EnvGate  error // why requests in Env cannot be answered
	// A refused answer: the request, what was typed, and why.
	Answered    int64
	AnswerInput string
	AnswerError error
}

// ScopeFormView is "Nytt scope" and "Endre".
type ScopeFormView struct {
	Env         environment.Env // the "Mine API" it was opened from
	Edit        *provider.Scope // nil when creating
	Version     int64
	CreationKey string
	Draft       provider.Draft
	Prefixes    []string
	Errors      provider.FieldErrors
	Conflict    bool
	Gate        error
}

// ScopeDetailView is a scope's own page with who has access where.
type ScopeDetailView struct {
	Scope    provider.Scope
	Grants   map[environment.Env][]provider.Grant
	Notice   paths.ScopeNotice
	Gate     error                     // for the definition (Endre, Deaktiver)
	EnvGates map[environment.Env]error // for access in each environment
	// A refused "Legg til": its environment, what was typed, and why.
	GrantEnv   environment.Env
	GrantInput string
	GrantError provider.FieldErrors
}

// ScopeConfirmView is the confirmation of "Deaktiver".
type ScopeConfirmView struct {
	Scope    provider.Scope
	Gate     error
	Conflict bool
}

// GrantRemoveView is the confirmation of "Fjern tilgang".
type GrantRemoveView struct {
	Scope     provider.Scope
	Grant     provider.Grant
	Gate      error
	NotShared bool // it was withdrawn meanwhile, or never there
}

// AccessRequestFormView is the consumer's "Be om tilgang".
type AccessRequestFormView struct {
	Env    environment.Env
	Scope  string
	Reason string
	Errors provider.FieldErrors
	Gate   error
}

// AccessRequestsView lists the consumer organisation's requests.
type AccessRequestsView struct {
	Requests []provider.Request
	Notice   paths.ScopeNotice
}

// What each button of the scope form asks for, sent as handling=….
const (
	ButtonScopeCreate = "opprett"
	ButtonScopeSave   = "lagre"
)

// scopeFormFields pairs the domain's field names with the form's, in the
// order of the form; the form's name is also the field's id.
var scopeFormFields = []struct{ domain, form string }{
	{provider.FieldPrefix, "prefiks"}, {provider.FieldSubscope, "subscope"},
	{provider.FieldDescription, "beskrivelse"}, {provider.FieldLongDescription, "utfyllende-beskrivelse"},
	{provider.FieldVisibility, "synlighet-offentlig"}, {provider.FieldTokenLifetime, "levetid"},
	{provider.FieldIntegrationTypes, "integrasjonstype-maskinporten"},
}

func (v ScopeFormView) problems(ctx context.Context) []components.ErrorLink {
	var out []components.ErrorLink
	for _, f := range scopeFormFields {
		if msg := providerFieldMessage(ctx, v.Errors, f.domain); msg != "" {
			out = append(out, components.ErrorLink{FieldID: f.form, Message: msg})
		}
	}
	return out
}

func (v ScopeFormView) errorID(domainField string) string {
	if _, ok := v.Errors[domainField]; !ok {
		return ""
	}
	return "feil-" + domainField
}

func (v ScopeFormView) action() string {
	if v.Edit != nil {
		return paths.ScopeEdit(v.Edit.ID)
	}
	return paths.ScopeCreate
}

// providerFieldMessage says what is wrong with one field, "" when nothing is.
func providerFieldMessage(ctx context.Context, errs provider.FieldErrors, field string) string {
	e, ok := errs[field]
	if !ok {
		return ""
	}
	t := text.From(ctx)
	if msg, ok := t.Providers.FieldError(e); ok {
		return msg
	}
	return t.Common.ErrorSummary
}

// answerErrorMessage says why an answer to a request was refused.
func answerErrorMessage(ctx context.Context, err error) string {
	t := text.From(ctx)
	var fe provider.FieldErrors
	switch {
	case err == nil:
		return ""
	case errors.Is(err, provider.ErrAnswered):
		return t.Providers.AlreadyAnswered
	case errors.As(err, &fe):
		return providerFieldMessage(ctx, fe, provider.FieldReason)
	}
	return GateMessage(ctx, err)
}

func scopeNoticeMessage(ctx context.Context, n paths.ScopeNotice) string {
	msg, _ := text.From(ctx).Providers.Notice(n)
	return msg
}

func visibilityName(ctx context.Context, v string) string {
	t := text.From(ctx).Providers
	if v == provider.VisibilityPrivate {
		return t.Private
	}
	return t.Public
}

func stateName(ctx context.Context, state string) string {
	t := text.From(ctx).Providers
	switch state {
	case provider.StateApproved:
		return t.StateApproved
	case provider.StateDenied:
		return t.StateDenied
	}
	return t.StateRequested
}

func gateOf(gates map[environment.Env]error, env environment.Env) error { return gates[env] }

// answerInput is the denial reason typed for request id, kept when refused.
func (v APIListView) answerInput(id int64) string {
	if v.Answered == id {
		return v.AnswerInput
	}
	return ""
}

// grantInput is what was typed into env's "Legg til tilgang", kept when refused.
func (v ScopeDetailView) grantInput(env environment.Env) string {
	if v.GrantEnv == env {
		return v.GrantInput
	}
	return ""
}

// reasonRefused says whether the refused answer was a denial's reason,
// shown at its field; other refusals are shown above the requests.
func (v APIListView) reasonRefused() bool {
	var fe provider.FieldErrors
	return errors.As(v.AnswerError, &fe)
}
