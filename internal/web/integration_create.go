package web

import (
	"errors"
	"net/http"

	"github.com/google/uuid"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/web/pages"
)

// integrationNew shows the empty "Ny integrasjon" form. It carries a fresh
// creation key, so submitting it twice creates one integration.
func (s *Server) integrationNew(w http.ResponseWriter, r *http.Request) {
	actor, _ := identity.ActorFrom(r.Context())
	env, err := environment.Parse(r.URL.Query().Get(paths.ParamEnv))
	if err != nil {
		s.badRequest(w, r, pages.ProblemUnknownEnvironment)
		return
	}
	v := pages.IntegrationFormView{Env: env, CreationKey: uuid.NewString(),
		Draft: integration.Draft{TokenLifetime: "120"}}
	status := http.StatusOK
	if v.Gate, err = s.gate(r, actor, env); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	if s.refusedByGate(r, v.Gate) {
		status = http.StatusForbidden
	}
	s.render(w, r, status, pages.IntegrationForm(v))
}

// integrationCreate answers every button of the "Ny integrasjon" form
// (see pressed): the picker's show the form again with the input kept,
// "Opprett" saves.
func (s *Server) integrationCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	actor, _ := identity.ActorFrom(ctx)
	env, err := environment.Parse(r.PostFormValue("miljo"))
	if err != nil {
		s.badRequest(w, r, pages.ProblemUnknownEnvironment)
		return
	}
	v := pages.IntegrationFormView{Env: env, CreationKey: r.PostFormValue("opprettingsnokkel"), Draft: draftFromForm(r)}
	if v.Gate, err = s.gate(r, actor, env); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	status := http.StatusOK
	press := pressed(r)
	if !press.save {
		s.renderForm(w, r, actor, &v, press.picker, status)
		return
	}
	key, err := uuid.Parse(v.CreationKey)
	if err != nil {
		s.badRequest(w, r, pages.ProblemBadRequest)
		return
	}
	clientID, err := integration.Create(ctx, s.pool, actor, env, key, v.Draft)
	var fieldErrs integration.FieldErrors
	switch {
	case err == nil:
		http.Redirect(w, r, paths.IntegrationNotice(clientID, paths.NoticeCreated), http.StatusSeeOther)
		return
	case errors.As(err, &fieldErrs):
		v.Errors, status = fieldErrs, http.StatusUnprocessableEntity
	case s.refusedByGate(r, err):
		v.Gate, status = err, http.StatusForbidden
	default:
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	s.renderForm(w, r, actor, &v, press.picker, status)
}

// renderForm shows the create or edit form, with the picker when asked for.
func (s *Server) renderForm(w http.ResponseWriter, r *http.Request, actor identity.Actor, v *pages.IntegrationFormView,
	picker *pickerRequest, status int) {
	if err := s.fillForm(r, actor, v, picker); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	s.render(w, r, status, pages.IntegrationForm(*v))
}
