package web

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/web/pages"
)

// services is "Virksomhetens tjenester": the organisation's services, each
// with whether its merchant data is complete, and the warning while one has
// no notification point.
func (s *Server) services(w http.ResponseWriter, r *http.Request) {
	actor, _ := identity.ActorFrom(r.Context())
	list, err := merchant.StatusList(r.Context(), s.reads, actor.OrgNo)
	if err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	s.render(w, r, http.StatusOK, pages.Services(pages.ServicesView{List: list}))
}

// serviceShow is one service's merchant data, the step of Digdir's guide
// "Selvbetjening som API-konsument" before "Rediger integrasjon".
func (s *Server) serviceShow(w http.ResponseWriter, r *http.Request) {
	d, _, ok := s.loadService(w, r)
	if !ok {
		return
	}
	actor, _ := identity.ActorFrom(r.Context())
	history, err := merchant.History(r.Context(), s.reads, actor.OrgNo, d.Service, historyLimit)
	if err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	notice := paths.ParseNotice(r.URL.Query().Get(paths.ParamNotice))
	s.render(w, r, http.StatusOK, pages.ServiceDetail(pages.ServiceDetailView{Data: d, History: history, Notice: notice}))
}

// loadService reads the service of the URL for the actor's organisation; a
// service it does not use, or no service at all, is the 404 page.
func (s *Server) loadService(w http.ResponseWriter, r *http.Request) (merchant.Data, identity.Actor, bool) {
	actor, _ := identity.ActorFrom(r.Context())
	service, ok := merchant.ParseService(chi.URLParam(r, "service"))
	if !ok {
		s.notFound(w, r)
		return merchant.Data{}, actor, false
	}
	d, err := merchant.Get(r.Context(), s.reads, actor.OrgNo, service)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return d, actor, false
	}
	if err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return d, actor, false
	}
	return d, actor, true
}
