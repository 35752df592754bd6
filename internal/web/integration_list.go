package web

import (
	"net/http"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/web/pages"
)

// integrationList is "Integrasjoner" of Digdir's "Selvbetjening som API-konsument", in one environment.
func (s *Server) integrationList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	actor, _ := identity.ActorFrom(ctx)
	q := r.URL.Query()
	env, err := environment.Parse(q.Get(paths.ParamEnv))
	if err != nil {
		s.badRequest(w, r, pages.ProblemUnknownEnvironment)
		return
	}
	cursor, err := integration.ParseCursor(q.Get(paths.ParamAfter))
	if err != nil {
		s.badRequest(w, r, pages.ProblemBadCursor)
		return
	}
	v := pages.IntegrationListView{Env: env, Inactive: q.Get(paths.ParamFilter) == paths.FilterInactive, Paged: cursor != nil}
	if v.Gate, err = s.gate(r, actor, env); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	if v.Page, err = integration.List(ctx, s.reads, actor.OrgNo, env, !v.Inactive, cursor); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	services, err := merchant.StatusList(ctx, s.reads, actor.OrgNo)
	if err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	v.MissingPoints = merchant.WithoutPoints(services)
	s.render(w, r, http.StatusOK, pages.IntegrationList(v))
}

// gate returns why the actor may not change integrations in env (nil when
// they may), or an error when that could not be found out.
func (s *Server) gate(r *http.Request, actor identity.Actor, env environment.Env) (gate, err error) {
	err = access.ChangeIn(r.Context(), s.reads, actor, env)
	if _, denied := access.Why(err); denied {
		return err, nil
	}
	return nil, err
}
