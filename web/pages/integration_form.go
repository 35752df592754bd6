package pages

import (
	"context"
	"strings"

	"github.com/a-h/templ"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/scope"
	"github.com/digdir/selvbetjening/web/components"
)

// IntegrationFormView is the create ("Ny integrasjon") and edit ("Endre") form.
type IntegrationFormView struct {
	Env         environment.Env
	Edit        *integration.Integration // nil when creating; the stored state when editing
	Version     int
	CreationKey string
	Draft       integration.Draft
	Chosen      map[string]scope.Scope  // details of chosen scopes that are shared
	Errors      integration.FieldErrors // what is wrong, by the domain's field name
	Conflict    bool                    // someone else saved first; Edit holds what they saved
	Picker      *ScopePickerView        // open after "Legg til scopes"
	Gate        error
}

// ScopePickerView is the searchable, paginated scope list (works without JavaScript).
type ScopePickerView struct {
	Search   string
	Page     int
	Result   scope.Page
	Unshared []scope.Unshared
	OrgName  string
}

func (v IntegrationFormView) action() string {
	if v.Edit != nil {
		return paths.IntegrationEdit(v.Edit.ClientID)
	}
	return paths.IntegrationCreate
}

// What each button of the integration form asks for, sent as handling=…
// and dispatched in one switch in internal/web (integration_form.go).
const (
	ButtonOpenPicker   = "legg-til-scopes" // "Legg til scopes"
	ButtonSearch       = "sok"             // "Søk", and Enter in a text field while the picker is open
	ButtonPreviousPage = "forrige-side"    // "Vis forrige scopes"
	ButtonNextPage     = "neste-side"      // "Vis flere scopes"
	ButtonAddChosen    = "legg-til-valgte" // "Legg til valgte"
	ButtonCreate       = "opprett"         // "Opprett"
	ButtonSave         = "lagre"           // "Lagre"
)

// formFields pairs the domain's field names (the keys of
// integration.FieldErrors) with the form's, in the order of the form. The
// form's name is also the field's id, except for the scopes: a fieldset,
// whose error message is what the summary links to.
var formFields = []struct{ domain, form string }{
	{"service", "tjeneste"}, {"name", "navn"}, {"description", "beskrivelse"},
	{"scopes", "scopes"}, {"token_lifetime", "levetid"},
}

// problems lists the form's errors in the order of its fields.
func (v IntegrationFormView) problems(ctx context.Context) []components.ErrorLink {
	var out []components.ErrorLink
	for _, f := range formFields {
		if msg := fieldMessage(ctx, v.Errors, f.domain); msg != "" {
			id := f.form
			if f.domain == "scopes" {
				id = v.errorID(f.domain)
			}
			out = append(out, components.ErrorLink{FieldID: id, Message: msg})
		}
	}
	return out
}

// errorID is the id of the error message of the domain's field, "" when
// it has none.
func (v IntegrationFormView) errorID(domainField string) string {
	if _, ok := v.Errors[domainField]; !ok {
		return ""
	}
	for _, f := range formFields {
		if f.domain == domainField {
			return "feil-" + f.form
		}
	}
	return "feil-" + domainField
}

// idIf is id when cond holds, else "".
func idIf(cond bool, id string) string {
	if cond {
		return id
	}
	return ""
}

// invalid is aria-invalid for a field, given the id of its error ("" for none).
func invalid(errorID string) string {
	if errorID != "" {
		return "true"
	}
	return "false"
}

// describedBy links a field to its hint and its error, when it has them.
func describedBy(hintID, errorID string) templ.Attributes {
	ids := []string{}
	for _, id := range []string{hintID, errorID} {
		if id != "" {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	return templ.Attributes{"aria-describedby": strings.Join(ids, " ")}
}

// gateRef points a greyed-out button at the sentence saying why.
func gateRef(gate error) templ.Attributes {
	if gate != nil {
		return templ.Attributes{"aria-describedby": GateReasonID}
	}
	return nil
}
