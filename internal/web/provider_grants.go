package web

import (
	"errors"
	"net/http"
	"slices"

	"github.com/go-chi/chi/v5"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/provider"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/web/pages"
)

// maxOrgNumbersInput bounds the pasted list before it is parsed: room for
// the most numbers one "Legg til" takes, with generous separators.
const maxOrgNumbersInput = provider.MaxOrgNumbers * 16

// scopeGrantAdd is "Legg til tilgang" → "Legg til" in one environment.
func (s *Server) scopeGrantAdd(w http.ResponseWriter, r *http.Request) {
	sc, actor, ok := s.loadScope(w, r)
	if !ok {
		return
	}
	env, err := environment.Parse(r.PostFormValue("miljo"))
	if err != nil {
		s.badRequest(w, r, pages.ProblemUnknownEnvironment)
		return
	}
	input := r.PostFormValue("organisasjonsnumre")
	if len(input) > maxOrgNumbersInput || !storable(input) {
		input = ""
		err = provider.FieldErrors{provider.FieldOrgNumbers: {Code: provider.CodeTooManyOrgNumbers}}
	} else {
		_, err = provider.AddGrants(r.Context(), s.pool, actor, sc.ID, env, input, s.accessMail)
	}
	v := pages.ScopeDetailView{Scope: sc, GrantEnv: env, GrantInput: input}
	var fieldErrs provider.FieldErrors
	switch {
	case err == nil:
		http.Redirect(w, r, paths.ScopeWithNotice(sc.ID, paths.NoticeGrantsAdded), http.StatusSeeOther)
	case errors.As(err, &fieldErrs):
		v.GrantError = fieldErrs
		s.renderScopeDetail(w, r, actor, v, http.StatusUnprocessableEntity)
	case s.refusedByGate(r, err):
		s.renderScopeDetail(w, r, actor, v, http.StatusForbidden)
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, http.StatusInternalServerError, err)
	}
}

// grantFromURL finds the grant the URL names among the scope's; found is
// false when the organisation has no access there.
func (s *Server) grantFromURL(w http.ResponseWriter, r *http.Request, sc provider.Scope) (provider.Grant, bool, bool) {
	env, err := environment.Parse(chi.URLParam(r, "env"))
	if err != nil {
		s.notFound(w, r)
		return provider.Grant{}, false, false
	}
	orgNo := chi.URLParam(r, "orgNo")
	actor := actorOf(r)
	grants, err := provider.Grants(r.Context(), s.reads, actor.OrgNo, sc.ID)
	if err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return provider.Grant{}, false, false
	}
	i := slices.IndexFunc(grants[env], func(g provider.Grant) bool { return g.OrgNo == orgNo })
	if i < 0 {
		if !storable(orgNo) || len(orgNo) > 20 {
			orgNo = ""
		}
		return provider.Grant{Env: env, OrgNo: orgNo}, false, true
	}
	return grants[env][i], true, true
}

// scopeGrantRemoveConfirm is "Fjern tilgang" with its confirmation.
func (s *Server) scopeGrantRemoveConfirm(w http.ResponseWriter, r *http.Request) {
	sc, actor, ok := s.loadScope(w, r)
	if !ok {
		return
	}
	g, found, ok := s.grantFromURL(w, r, sc)
	if !ok {
		return
	}
	v := pages.GrantRemoveView{Scope: sc, Grant: g, NotShared: !found}
	var err error
	if v.Gate, err = s.gate(r, actor, g.Env); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	status := http.StatusOK
	switch {
	case !found:
		status = http.StatusNotFound
	case v.Gate != nil:
		status = http.StatusForbidden
	}
	s.render(w, r, status, pages.GrantRemoveConfirm(v))
}

func (s *Server) scopeGrantRemove(w http.ResponseWriter, r *http.Request) {
	sc, actor, ok := s.loadScope(w, r)
	if !ok {
		return
	}
	g, _, ok := s.grantFromURL(w, r, sc)
	if !ok {
		return
	}
	err := provider.RemoveGrant(r.Context(), s.pool, actor, sc.ID, g.Env, g.OrgNo)
	switch {
	case err == nil:
		http.Redirect(w, r, paths.ScopeWithNotice(sc.ID, paths.NoticeGrantRemoved), http.StatusSeeOther)
	case errors.Is(err, provider.ErrNotShared):
		s.render(w, r, http.StatusConflict, pages.GrantRemoveConfirm(pages.GrantRemoveView{Scope: sc, Grant: g, NotShared: true}))
	case s.refusedByGate(r, err):
		s.render(w, r, http.StatusForbidden, pages.GrantRemoveConfirm(pages.GrantRemoveView{Scope: sc, Grant: g, Gate: err}))
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, http.StatusInternalServerError, err)
	}
}

func actorOf(r *http.Request) identity.Actor {
	actor, _ := identity.ActorFrom(r.Context())
	return actor
}
