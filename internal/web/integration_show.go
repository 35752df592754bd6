package web

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/token"
	"github.com/digdir/selvbetjening/web/pages"
)

// historyLimit is how many audit events the integration page shows.
const historyLimit = 50

// loadIntegration reads the {clientID} of the URL for the actor's
// organisation. A malformed id, or another organisation's, is a 404.
func (s *Server) loadIntegration(w http.ResponseWriter, r *http.Request) (integration.Integration, identity.Actor, bool) {
	actor, _ := identity.ActorFrom(r.Context())
	clientID, err := uuid.Parse(chi.URLParam(r, "clientID"))
	if err != nil {
		s.integrationNotFound(w, r)
		return integration.Integration{}, actor, false
	}
	i, err := integration.Get(r.Context(), s.reads, actor.OrgNo, clientID)
	if errors.Is(err, store.ErrNotFound) {
		s.integrationNotFound(w, r)
		return i, actor, false
	}
	if err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return i, actor, false
	}
	return i, actor, true
}

func (s *Server) integrationShow(w http.ResponseWriter, r *http.Request) {
	i, actor, ok := s.loadIntegration(w, r)
	if !ok {
		return
	}
	v := pages.IntegrationDetailView{Integration: i, Notice: paths.ParseNotice(r.URL.Query().Get(paths.ParamNotice))}
	s.renderDetail(w, r, actor, v, http.StatusOK)
}

// tryIt is "Prøv integrasjonen" for an active TEST integration: its own
// client id, newest key and shared scopes at TEST's token endpoint.
func (s *Server) tryIt(i integration.Integration) *pages.TryIt {
	e := s.tokens.Endpoint(i.Env)
	if e == nil || i.Env != environment.Test || !i.Active {
		return nil
	}
	x := &pages.TryIt{Issuer: e.Issuer, TokenEndpoint: e.TokenURL(), ClientID: i.ClientID.String()}
	if n := len(i.Keys); n > 0 {
		x.Key = &i.Keys[n-1]
	}
	for _, sc := range i.Scopes {
		if sc.Shared {
			x.Scopes = append(x.Scopes, sc.Name)
		}
	}
	return x
}

func (s *Server) renderDetail(w http.ResponseWriter, r *http.Request, actor identity.Actor, v pages.IntegrationDetailView, status int) {
	var err error
	if v.Gate, err = s.gate(r, actor, v.Integration.Env); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	v.History, err = integration.History(r.Context(), s.reads, actor.OrgNo, v.Integration.ClientID, historyLimit)
	if err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	if v.Usage, err = token.UsageOf(r.Context(), s.reads, v.Integration.ClientID); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	v.Try = s.tryIt(v.Integration)
	s.render(w, r, status, pages.IntegrationDetail(v))
}
