package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/keys"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/web/pages"
	"github.com/digdir/selvbetjening/web/text"
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
		v.KeyError = text.From(r.Context()).InactiveMessage
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
		return
	default:
		msg, known := keyMessage(r, err)
		if !known {
			s.serverError(w, r, http.StatusInternalServerError, err)
			return
		}
		v.KeyError = msg
		if !errors.Is(err, keys.ErrPrivateKey) {
			v.KeyInput = pasted
		}
	}
	s.renderDetail(w, r, actor, v, status)
}

func keyMessage(r *http.Request, err error) (string, bool) {
	m := text.From(r.Context()).KeyErrors
	for _, k := range []struct {
		err error
		key string
	}{
		{keys.ErrPrivateKey, "private"}, {keys.ErrExpired, "expired"}, {keys.ErrNotYetValid, "not_yet"},
		{keys.ErrWeakKey, "weak"}, {keys.ErrUnsupported, "unsupported"}, {keys.ErrMalformed, "malformed"},
		{keys.ErrTooLarge, "too_large"}, {keys.ErrMultipleKeys, "multiple"},
		{integration.ErrDuplicateKey, "duplicate"},
	} {
		if errors.Is(err, k.err) {
			return m[k.key], true
		}
	}
	if errors.Is(err, integration.ErrTooManyKeys) {
		return fmt.Sprintf(m["too_many"], integration.MaxActiveKeys), true
	}
	return "", false
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
		s.errorPage(w, r, http.StatusConflict, i.Name, text.From(r.Context()).InactiveMessage, false)
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, http.StatusInternalServerError, err)
	}
}
