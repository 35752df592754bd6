package web

import (
	"errors"
	"net/http"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/provider"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/web/pages"
)

// accessRequestNew is "Be om tilgang", reached from the scope picker.
func (s *Server) accessRequestNew(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	env, err := environment.Parse(q.Get(paths.ParamEnv))
	if err != nil {
		s.badRequest(w, r, pages.ProblemUnknownEnvironment)
		return
	}
	name := q.Get(paths.ParamScope)
	if !storable(name) || len(name) > provider.MaxNameLength || name == "" {
		s.notFound(w, r)
		return
	}
	v := pages.AccessRequestFormView{Env: env, Scope: name}
	if v.Gate, err = s.gate(r, actorOf(r), env); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	status := http.StatusOK
	if v.Gate != nil {
		status = http.StatusForbidden
	}
	s.render(w, r, status, pages.AccessRequestForm(v))
}

func (s *Server) accessRequestCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	actor, _ := identity.ActorFrom(ctx)
	env, err := environment.Parse(r.PostFormValue("miljo"))
	if err != nil {
		s.badRequest(w, r, pages.ProblemUnknownEnvironment)
		return
	}
	name, reason := r.PostFormValue("scope"), r.PostFormValue("begrunnelse")
	if !storable(name) || len(name) > provider.MaxNameLength {
		s.notFound(w, r)
		return
	}
	v := pages.AccessRequestFormView{Env: env, Scope: name, Reason: reason}
	_, created, err := provider.Ask(ctx, s.pool, actor, env, name, reason, s.accessMail)
	var fieldErrs provider.FieldErrors
	switch {
	case err == nil:
		http.Redirect(w, r, paths.AccessRequestsSent(created), http.StatusSeeOther)
	case errors.Is(err, provider.ErrAlreadyOffered):
		// Shared meanwhile (or open to all): nothing to ask for, the picker offers it.
		http.Redirect(w, r, paths.IntegrationNew(env), http.StatusSeeOther)
	case errors.As(err, &fieldErrs):
		v.Errors = fieldErrs
		s.render(w, r, http.StatusUnprocessableEntity, pages.AccessRequestForm(v))
	case s.refusedByGate(r, err):
		v.Gate = err
		s.render(w, r, http.StatusForbidden, pages.AccessRequestForm(v))
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, http.StatusInternalServerError, err)
	}
}

// accessRequestList is the organisation's requests for access and their answers.
func (s *Server) accessRequestList(w http.ResponseWriter, r *http.Request) {
	requests, err := provider.RequestsOf(r.Context(), s.reads, actorOf(r).OrgNo)
	if err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	s.render(w, r, http.StatusOK, pages.AccessRequests(pages.AccessRequestsView{Requests: requests,
		Notice: paths.ParseScopeNotice(r.URL.Query().Get(paths.ParamNotice))}))
}
