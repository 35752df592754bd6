package web

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/scope"
	"github.com/digdir/selvbetjening/web/pages"
)

// pickerPageSize is how many scopes the picker shows at a time.
const pickerPageSize = 10

func draftFromForm(r *http.Request) integration.Draft {
	return integration.Draft{
		Service:       r.PostFormValue("tjeneste"),
		Name:          r.PostFormValue("navn"),
		Description:   r.PostFormValue("beskrivelse"),
		Scopes:        scopeNames(r.PostForm["scope"]),
		TokenLifetime: r.PostFormValue("levetid"),
	}.Normalize()
}

// scopeNames keeps the submitted scope names that can be names at all, and
// one more than a form may hold, so the too-many rule still speaks. Text
// Postgres cannot store (NUL, broken UTF-8) never reaches a query.
func scopeNames(submitted []string) []string {
	names := make([]string, 0, min(len(submitted), integration.MaxScopes+1))
	for _, name := range submitted {
		if len(names) > integration.MaxScopes {
			break
		}
		if storable(name) && len(name) <= 200 {
			names = append(names, name)
		}
	}
	return names
}

// storable reports whether Postgres can take s as text.
func storable(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// fillForm looks up what the form shows beside the user's input: details
// of the chosen scopes, and the picker's page when it is to be open.
func (s *Server) fillForm(r *http.Request, actor identity.Actor, v *pages.IntegrationFormView, picker *pickerRequest) error {
	ctx := r.Context()
	chosen, err := scope.SharedByName(ctx, s.reads, actor.OrgNo, v.Env, v.Draft.Scopes)
	if err != nil {
		return err
	}
	v.Chosen = chosen
	if picker == nil {
		return nil
	}
	search, page := picker.search, picker.page
	p := &pages.ScopePickerView{Search: search, Page: page, OrgName: actor.OrgName}
	p.Result, err = scope.SharedPage(ctx, s.reads, actor.OrgNo, v.Env, search, v.Draft.Scopes,
		(page-1)*pickerPageSize, pickerPageSize)
	if err != nil {
		return err
	}
	if page == 1 || len(p.Result.Scopes) == 0 {
		// The FAQ of Digdir's "Selvbetjening som API-konsument": say why
		// a scope one looks for is not offered, and offer "Be om tilgang"
		// where one may ask for it.
		if p.Unshared, err = scope.ExplainMissing(ctx, s.reads, actor.OrgNo, v.Env, search); err != nil {
			return err
		}
	}
	v.Picker = p
	return nil
}
