package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/web/pages"
)

// integrationEdit shows "Endre" with the stored values and the version they had.
func (s *Server) integrationEdit(w http.ResponseWriter, r *http.Request) {
	i, actor, ok := s.loadIntegration(w, r)
	if !ok {
		return
	}
	if !i.Active {
		s.errorPage(w, r, http.StatusConflict, pages.ErrorView{Problem: pages.ProblemIntegrationInactive, Subject: i.Name})
		return
	}
	v := pages.IntegrationFormView{Env: i.Env, Edit: &i, Version: i.Version, Draft: integration.Draft{
		Service: i.Service, Name: i.Name, Description: i.Description, Scopes: i.ScopeNames(),
		TokenLifetime: strconv.Itoa(i.TokenLifetime),
	}}
	var err error
	if v.Gate, err = s.gate(r, actor, i.Env); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	status := http.StatusOK
	if v.Gate != nil {
		status = http.StatusForbidden
	}
	s.renderForm(w, r, actor, &v, nil, status)
}

// integrationUpdate saves "Lagre". A save based on an old version is refused
// with the user's input kept and what is stored now shown beside it.
func (s *Server) integrationUpdate(w http.ResponseWriter, r *http.Request) {
	i, actor, ok := s.loadIntegration(w, r)
	if !ok {
		return
	}
	version, err := strconv.Atoi(r.PostFormValue("versjon"))
	if err != nil || version < 1 {
		s.badRequest(w, r, pages.ProblemBadRequest)
		return
	}
	v := pages.IntegrationFormView{Env: i.Env, Edit: &i, Version: version, Draft: draftFromForm(r)}
	v.Draft.Service = i.Service
	if v.Gate, err = s.gate(r, actor, i.Env); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	press := pressed(r)
	if !press.save {
		s.renderForm(w, r, actor, &v, press.picker, http.StatusOK)
		return
	}
	err = integration.Update(r.Context(), s.pool, actor, i.ClientID, version, v.Draft)
	var fieldErrs integration.FieldErrors
	status := http.StatusOK
	switch {
	case err == nil:
		http.Redirect(w, r, paths.IntegrationNotice(i.ClientID, paths.NoticeSaved), http.StatusSeeOther)
		return
	case errors.As(err, &fieldErrs):
		v.Errors, status = fieldErrs, http.StatusUnprocessableEntity
	case errors.Is(err, integration.ErrConflict):
		// Show what is stored now and take its version, so saving again is a
		// deliberate choice to overwrite it.
		v.Conflict, v.Version, status = true, i.Version, http.StatusConflict
	case s.refusedByGate(r, err):
		v.Gate, status = err, http.StatusForbidden
	case errors.Is(err, integration.ErrInactive):
		s.errorPage(w, r, http.StatusConflict, pages.ErrorView{Problem: pages.ProblemIntegrationInactive, Subject: i.Name})
		return
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
		return
	default:
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	s.renderForm(w, r, actor, &v, press.picker, status)
}
