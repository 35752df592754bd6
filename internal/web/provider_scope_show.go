package web

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/provider"
	"github.com/digdir/selvbetjening/internal/seclog"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/web/pages"
)

// loadScope reads the {scopeID} of the URL among the actor's organisation's
// scopes. A malformed id, or another organisation's scope, is a 404.
func (s *Server) loadScope(w http.ResponseWriter, r *http.Request) (provider.Scope, identity.Actor, bool) {
	actor, _ := identity.ActorFrom(r.Context())
	id, err := strconv.ParseInt(chi.URLParam(r, "scopeID"), 10, 64)
	if err != nil {
		s.scopeNotFound(w, r, "malformed")
		return provider.Scope{}, actor, false
	}
	sc, err := provider.Get(r.Context(), s.reads, actor.OrgNo, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.scopeNotFound(w, r, strconv.FormatInt(id, 10))
		return sc, actor, false
	case err != nil:
		s.serverError(w, r, http.StatusInternalServerError, err)
		return sc, actor, false
	}
	return sc, actor, true
}

func (s *Server) scopeNotFound(w http.ResponseWriter, r *http.Request, id string) {
	s.event(r, seclog.ScopeNotFound, slog.String("scope_id", id))
	s.notFound(w, r)
}

// isRefusal says whether err is the access policy's refusal.
func (s *Server) isRefusal(err error) bool {
	_, ok := access.Why(err)
	return ok
}

func (s *Server) scopeShow(w http.ResponseWriter, r *http.Request) {
	sc, actor, ok := s.loadScope(w, r)
	if !ok {
		return
	}
	v := pages.ScopeDetailView{Scope: sc, Notice: paths.ParseScopeNotice(r.URL.Query().Get(paths.ParamNotice))}
	s.renderScopeDetail(w, r, actor, v, http.StatusOK)
}

func (s *Server) renderScopeDetail(w http.ResponseWriter, r *http.Request, actor identity.Actor, v pages.ScopeDetailView, status int) {
	var err error
	if v.Gate, err = s.scopeGate(r, actor, v.Scope); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	v.EnvGates = map[environment.Env]error{}
	for _, env := range environment.All() {
		if v.EnvGates[env], err = s.gate(r, actor, env); err != nil {
			s.serverError(w, r, http.StatusInternalServerError, err)
			return
		}
	}
	if v.Grants, err = provider.Grants(r.Context(), s.reads, actor.OrgNo, v.Scope.ID); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	s.render(w, r, status, pages.ScopeDetail(v))
}

// scopeDeactivateConfirm is "Deaktiver" with its confirmation.
func (s *Server) scopeDeactivateConfirm(w http.ResponseWriter, r *http.Request) {
	sc, actor, ok := s.loadScope(w, r)
	if !ok {
		return
	}
	if !sc.Active {
		http.Redirect(w, r, paths.Scope(sc.ID), http.StatusSeeOther)
		return
	}
	v := pages.ScopeConfirmView{Scope: sc}
	var err error
	if v.Gate, err = s.scopeGate(r, actor, sc); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	status := http.StatusOK
	if v.Gate != nil {
		status = http.StatusForbidden
	}
	s.render(w, r, status, pages.ScopeDeactivateConfirm(v))
}

func (s *Server) scopeDeactivate(w http.ResponseWriter, r *http.Request) {
	s.scopeSetActive(w, r, false)
}

func (s *Server) scopeReactivate(w http.ResponseWriter, r *http.Request) {
	s.scopeSetActive(w, r, true)
}

func (s *Server) scopeSetActive(w http.ResponseWriter, r *http.Request, active bool) {
	sc, actor, ok := s.loadScope(w, r)
	if !ok {
		return
	}
	version, err := strconv.ParseInt(r.PostFormValue("versjon"), 10, 64)
	if err != nil || version < 1 {
		s.badRequest(w, r, pages.ProblemBadRequest)
		return
	}
	err = provider.SetActive(r.Context(), s.pool, actor, sc.ID, version, active)
	notice := paths.NoticeScopeDeactivated
	if active {
		notice = paths.NoticeScopeReactivated
	}
	switch {
	case err == nil:
		http.Redirect(w, r, paths.ScopeWithNotice(sc.ID, notice), http.StatusSeeOther)
	case s.refusedByGate(r, err):
		if active {
			s.renderScopeDetail(w, r, actor, pages.ScopeDetailView{Scope: sc}, http.StatusForbidden)
			return
		}
		s.render(w, r, http.StatusForbidden, pages.ScopeDeactivateConfirm(pages.ScopeConfirmView{Scope: sc, Gate: err}))
	case errors.Is(err, provider.ErrConflict):
		if active {
			s.renderScopeDetail(w, r, actor, pages.ScopeDetailView{Scope: sc}, http.StatusConflict)
			return
		}
		s.render(w, r, http.StatusConflict, pages.ScopeDeactivateConfirm(pages.ScopeConfirmView{Scope: sc, Conflict: true}))
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, http.StatusInternalServerError, err)
	}
}
