package web

import (
	"net/http"
	"strconv"
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
		Service:       r.PostFormValue("service"),
		Name:          r.PostFormValue("name"),
		Description:   r.PostFormValue("description"),
		Scopes:        scopeNames(r.PostForm["scope"]),
		TokenLifetime: r.PostFormValue("token_lifetime"),
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

// pickerRequested: "Legg til scopes", "Søk", "Vis flere" and Enter in the
// search field all re-show the form with the picker open.
func pickerRequested(r *http.Request) bool {
	return r.PostFormValue("handling") == "scopes" || r.PostFormValue("side") != "" ||
		r.PostFormValue("handling") == ""
}

// fillForm looks up what the form shows beside the user's input: details
// of the chosen scopes, and the picker's page when it is open.
func (s *Server) fillForm(r *http.Request, actor identity.Actor, v *pages.IntegrationFormView, open bool) error {
	ctx := r.Context()
	chosen, err := scope.SharedByName(ctx, s.reads, actor.OrgNo, v.Env, v.Draft.Scopes)
	if err != nil {
		return err
	}
	v.Chosen = chosen
	if !open && r.PostFormValue("picker") != "open" {
		return nil
	}
	search := strings.TrimSpace(r.PostFormValue("sok"))
	if !storable(search) {
		search = strings.ToValidUTF8(strings.ReplaceAll(search, "\x00", ""), "")
	}
	if len([]rune(search)) > scope.MaxSearchLength {
		search = string([]rune(search)[:scope.MaxSearchLength])
	}
	page, _ := strconv.Atoi(r.PostFormValue("side"))
	page = max(1, min(page, 1000))
	p := &pages.ScopePickerView{Search: search, Page: page, OrgName: actor.OrgName}
	p.Result, err = scope.SharedPage(ctx, s.reads, actor.OrgNo, v.Env, search, v.Draft.Scopes,
		(page-1)*pickerPageSize, pickerPageSize)
	if err != nil {
		return err
	}
	if len(p.Result.Scopes) == 0 {
		// The seed's FAQ: say why the scope one looks for is not offered.
		if p.Unshared, err = scope.ExplainMissing(ctx, s.reads, actor.OrgNo, v.Env, search); err != nil {
			return err
		}
	}
	v.Picker = p
	return nil
}
