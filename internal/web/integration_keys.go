package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/keys"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/web/pages"
)

// integrationKeyAdd adds a pasted public key. A refused key is explained on
// the page; a pasted private key is neither stored, logged nor shown again.
func (s *Server) integrationKeyAdd(w http.ResponseWriter, r *http.Request) {
	i, actor, ok := s.loadIntegration(w, r)
	if !ok {
		return
	}
	pasted := r.PostFormValue("nokkel")
	_, err := integration.AddKey(r.Context(), s.pool, actor, i.ClientID, pasted)
	if err == nil {
		http.Redirect(w, r, paths.IntegrationNotice(i.ClientID, paths.NoticeKeyAdded), http.StatusSeeOther)
		return
	}
	// Only a paste that was read and refused as a public key is shown again:
	// anything else (a private key, or a paste not even inspected because the
	// gate closed first) might hold secret material.
	v := pages.IntegrationDetailView{Integration: i}
	status := http.StatusUnprocessableEntity
	switch {
	case s.refusedByGate(r, err):
		status = http.StatusForbidden
	case errors.Is(err, integration.ErrInactive):
		status = http.StatusConflict
		v.KeyError = err
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
		return
	default:
		if !isKeyRefusal(err) {
			s.serverError(w, r, http.StatusInternalServerError, err)
			return
		}
		v.KeyError = err
		if !errors.Is(err, keys.ErrPrivateKey) {
			v.KeyInput = pasted
		}
	}
	s.renderDetail(w, r, actor, v, status)
}

// isKeyRefusal reports whether err is a reason to refuse a pasted key,
// which the page explains, rather than a failure.
func isKeyRefusal(err error) bool {
	for _, refusal := range integration.KeyRefusals() {
		if errors.Is(err, refusal) {
			return true
		}
	}
	return false
}

func (s *Server) integrationKeyRemove(w http.ResponseWriter, r *http.Request) {
	i, actor, ok := s.loadIntegration(w, r)
	if !ok {
		return
	}
	keyID, err := strconv.ParseInt(chi.URLParam(r, "keyID"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	err = integration.RemoveKey(r.Context(), s.pool, actor, i.ClientID, keyID)
	switch {
	case err == nil:
		http.Redirect(w, r, paths.IntegrationNotice(i.ClientID, paths.NoticeKeyRemoved), http.StatusSeeOther)
	case s.refusedByGate(r, err):
		s.renderDetail(w, r, actor, pages.IntegrationDetailView{Integration: i}, http.StatusForbidden)
	case errors.Is(err, integration.ErrInactive):
		s.errorPage(w, r, http.StatusConflict, pages.ErrorView{Problem: pages.ProblemIntegrationInactive, Subject: i.Name})
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, http.StatusInternalServerError, err)
	}
}
