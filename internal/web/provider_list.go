package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/provider"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/web/pages"
)

// apiList is "Mine API" in one environment: the organisation's scopes and
// the requests for access waiting there.
func (s *Server) apiList(w http.ResponseWriter, r *http.Request) {
	env, err := environment.Parse(r.URL.Query().Get(paths.ParamEnv))
	if err != nil {
		s.badRequest(w, r, pages.ProblemUnknownEnvironment)
		return
	}
	v := pages.APIListView{Env: env, Notice: paths.ParseScopeNotice(r.URL.Query().Get(paths.ParamNotice))}
	s.renderAPIList(w, r, v, http.StatusOK)
}

func (s *Server) renderAPIList(w http.ResponseWriter, r *http.Request, v pages.APIListView, status int) {
	ctx := r.Context()
	actor, _ := identity.ActorFrom(ctx)
	var err error
	if v.Prefixes, err = provider.Prefixes(ctx, s.reads, actor.OrgNo); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	if v.Gate, err = s.definitionGate(r, actor); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	if v.EnvGate, err = s.gate(r, actor, v.Env); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	if len(v.Prefixes) > 0 {
		if v.Scopes, err = provider.List(ctx, s.reads, actor.OrgNo, v.Env); err != nil {
			s.serverError(w, r, http.StatusInternalServerError, err)
			return
		}
		if v.Requests, err = provider.OpenRequests(ctx, s.reads, actor.OrgNo, v.Env); err != nil {
			s.serverError(w, r, http.StatusInternalServerError, err)
			return
		}
	}
	s.render(w, r, status, pages.APIList(v))
}

// accessRequestApprove is "Godkjenn".
func (s *Server) accessRequestApprove(w http.ResponseWriter, r *http.Request) {
	s.answerRequest(w, r, true)
}

// accessRequestDeny is "Avslå", with the reason the consumer sees.
func (s *Server) accessRequestDeny(w http.ResponseWriter, r *http.Request) {
	s.answerRequest(w, r, false)
}

func (s *Server) answerRequest(w http.ResponseWriter, r *http.Request, approve bool) {
	ctx := r.Context()
	actor, _ := identity.ActorFrom(ctx)
	id, err := strconv.ParseInt(chi.URLParam(r, "requestID"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	// The request's environment decides the gate; another organisation's
	// request, or an unknown one, is a 404.
	env, err := provider.RequestEnv(ctx, s.reads, actor.OrgNo, id)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	reason := r.PostFormValue("begrunnelse")
	notice := paths.NoticeRequestApproved
	if approve {
		err = provider.Approve(ctx, s.pool, actor, id, s.accessMail)
	} else {
		err = provider.Deny(ctx, s.pool, actor, id, reason, s.accessMail)
		notice = paths.NoticeRequestDenied
	}
	var fieldErrs provider.FieldErrors
	status := http.StatusOK
	switch {
	case err == nil:
		http.Redirect(w, r, paths.APIListNotice(env, notice), http.StatusSeeOther)
		return
	case errors.As(err, &fieldErrs):
		status = http.StatusUnprocessableEntity
	case errors.Is(err, provider.ErrAnswered):
		status = http.StatusConflict
	case s.refusedByGate(r, err):
		status = http.StatusForbidden
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
		return
	default:
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	s.renderAPIList(w, r, pages.APIListView{Env: env, Answered: id, AnswerInput: reason, AnswerError: err}, status)
}
