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

// integrationDeactivateConfirm is "Trykk på «Deaktiver» og bekreft" of
// Digdir's "Selvbetjening som API-konsument".
func (s *Server) integrationDeactivateConfirm(w http.ResponseWriter, r *http.Request) {
	i, actor, ok := s.loadIntegration(w, r)
	if !ok {
		return
	}
	if !i.Active {
		http.Redirect(w, r, paths.Integration(i.ClientID), http.StatusSeeOther)
		return
	}
	v := pages.DeactivateView{Integration: i}
	var err error
	if v.Gate, err = s.gate(r, actor, i.Env); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	status := http.StatusOK
	if s.refusedByGate(r, v.Gate) {
		status = http.StatusForbidden
	}
	s.render(w, r, status, pages.DeactivateConfirm(v))
}

func (s *Server) integrationDeactivate(w http.ResponseWriter, r *http.Request) {
	i, actor, ok := s.loadIntegration(w, r)
	if !ok {
		return
	}
	version, err := strconv.Atoi(r.PostFormValue("versjon"))
	if err != nil || version < 1 {
		s.badRequest(w, r, pages.ProblemBadRequest)
		return
	}
	err = integration.Deactivate(r.Context(), s.pool, actor, i.ClientID, version)
	switch {
	case err == nil:
		http.Redirect(w, r, paths.IntegrationNotice(i.ClientID, paths.NoticeDeactivated), http.StatusSeeOther)
	case s.refusedByGate(r, err):
		s.render(w, r, http.StatusForbidden, pages.DeactivateConfirm(pages.DeactivateView{Integration: i, Gate: err}))
	case errors.Is(err, integration.ErrConflict):
		// Show the confirmation again, now for the version stored.
		s.render(w, r, http.StatusConflict, pages.DeactivateConfirm(pages.DeactivateView{Integration: i, Conflict: true}))
	case errors.Is(err, integration.ErrInactive):
		http.Redirect(w, r, paths.Integration(i.ClientID), http.StatusSeeOther)
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, http.StatusInternalServerError, err)
	}
}
