package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/google/uuid"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/provider"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/web/pages"
)

// scopeDraftFromForm reads "Nytt scope" or "Endre" as typed; text Postgres
// cannot store is refused by the rules, never sent to a query.
func scopeDraftFromForm(r *http.Request) provider.Draft {
	d := provider.Draft{
		Prefix:           r.PostFormValue("prefiks"),
		Subscope:         r.PostFormValue("subscope"),
		Description:      r.PostFormValue("beskrivelse"),
		LongDescription:  r.PostFormValue("utfyllende-beskrivelse"),
		Visibility:       r.PostFormValue("synlighet"),
		MaxTokenLifetime: r.PostFormValue("levetid"),
		AccessibleForAll: r.PostFormValue("apen-for-alle") == "ja",
	}
	for _, t := range r.PostForm["integrasjonstype"] {
		if len(d.IntegrationTypes) < 10 && storable(t) && len(t) <= 50 {
			d.IntegrationTypes = append(d.IntegrationTypes, t)
		}
	}
	return d.Normalize()
}

// envOrTest is the environment of the "Mine API" a form was opened from;
// a scope itself is defined for both.
func envOrTest(s string) environment.Env {
	if env, err := environment.Parse(s); err == nil {
		return env
	}
	return environment.Test
}

// definitionGate is why the actor may not define scopes (nil when they may).
func (s *Server) definitionGate(r *http.Request, actor identity.Actor) (gate, err error) {
	err = provider.DefinitionGate(r.Context(), s.reads, actor)
	if s.isRefusal(err) {
		return err, nil
	}
	return nil, err
}

// scopeGate is why the actor may not change the scope that exists (nil when
// they may): the definition gate, and a prefix not retired.
func (s *Server) scopeGate(r *http.Request, actor identity.Actor, sc provider.Scope) (gate, err error) {
	err = provider.ScopeGate(r.Context(), s.reads, actor, sc)
	if s.isRefusal(err) {
		return err, nil
	}
	return nil, err
}

func (s *Server) scopeNew(w http.ResponseWriter, r *http.Request) {
	actor, _ := identity.ActorFrom(r.Context())
	v := pages.ScopeFormView{Env: envOrTest(r.URL.Query().Get(paths.ParamEnv)), CreationKey: uuid.NewString(),
		Draft: provider.Draft{Visibility: provider.VisibilityPublic, MaxTokenLifetime: strconv.Itoa(provider.DefaultTokenLifetime),
			IntegrationTypes: []string{provider.IntegrationTypeMaskinporten}}}
	s.renderScopeForm(w, r, actor, &v, nil)
}

func (s *Server) scopeCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	actor, _ := identity.ActorFrom(ctx)
	v := pages.ScopeFormView{Env: envOrTest(r.PostFormValue("miljo")), CreationKey: r.PostFormValue("opprettingsnokkel"),
		Draft: scopeDraftFromForm(r)}
	key, err := uuid.Parse(v.CreationKey)
	if err != nil {
		s.badRequest(w, r, pages.ProblemBadRequest)
		return
	}
	id, err := provider.Create(ctx, s.pool, actor, key, v.Draft)
	if err == nil {
		http.Redirect(w, r, paths.ScopeWithNotice(id, paths.NoticeScopeCreated), http.StatusSeeOther)
		return
	}
	s.renderScopeForm(w, r, actor, &v, err)
}

// renderScopeForm shows the form again after err (nil: first showing),
// with the status that says what went wrong.
func (s *Server) renderScopeForm(w http.ResponseWriter, r *http.Request, actor identity.Actor, v *pages.ScopeFormView, err error) {
	status := http.StatusOK
	var fieldErrs provider.FieldErrors
	switch {
	case err == nil:
	case errors.As(err, &fieldErrs):
		v.Errors, status = fieldErrs, http.StatusUnprocessableEntity
	case errors.Is(err, provider.ErrConflict):
		v.Conflict, status = true, http.StatusConflict
	case s.refusedByGate(r, err):
		v.Gate, status = err, http.StatusForbidden
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
		return
	default:
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	var gerr error
	if v.Gate == nil {
		if v.Edit != nil {
			v.Gate, gerr = s.scopeGate(r, actor, *v.Edit)
		} else {
			v.Gate, gerr = s.definitionGate(r, actor)
		}
		if gerr != nil {
			s.serverError(w, r, http.StatusInternalServerError, gerr)
			return
		}
		if v.Gate != nil && status == http.StatusOK {
			status = http.StatusForbidden
		}
	}
	if v.Edit == nil {
		if v.Prefixes, gerr = provider.OpenPrefixes(r.Context(), s.reads, actor.OrgNo); gerr != nil {
			s.serverError(w, r, http.StatusInternalServerError, gerr)
			return
		}
	}
	s.render(w, r, status, pages.ScopeForm(*v))
}

func (s *Server) scopeEdit(w http.ResponseWriter, r *http.Request) {
	sc, actor, ok := s.loadScope(w, r)
	if !ok {
		return
	}
	v := pages.ScopeFormView{Env: envOrTest(r.URL.Query().Get(paths.ParamEnv)), Edit: &sc, Version: sc.Version,
		Draft: draftOf(sc)}
	s.renderScopeForm(w, r, actor, &v, nil)
}

func draftOf(sc provider.Scope) provider.Draft {
	return provider.Draft{Prefix: sc.Prefix, Subscope: sc.Subscope(), Description: sc.Description,
		LongDescription: sc.LongDescription, Visibility: sc.Visibility, MaxTokenLifetime: strconv.Itoa(sc.MaxTokenLifetime),
		IntegrationTypes: sc.IntegrationTypes, AccessibleForAll: sc.AccessibleForAll}
}

func (s *Server) scopeUpdate(w http.ResponseWriter, r *http.Request) {
	sc, actor, ok := s.loadScope(w, r)
	if !ok {
		return
	}
	version, err := strconv.ParseInt(r.PostFormValue("versjon"), 10, 64)
	if err != nil || version < 1 {
		s.badRequest(w, r, pages.ProblemBadRequest)
		return
	}
	v := pages.ScopeFormView{Env: envOrTest(r.PostFormValue("miljo")), Edit: &sc, Version: version, Draft: scopeDraftFromForm(r)}
	err = provider.Update(r.Context(), s.pool, actor, sc.ID, version, v.Draft)
	if err == nil {
		http.Redirect(w, r, paths.ScopeWithNotice(sc.ID, paths.NoticeScopeSaved), http.StatusSeeOther)
		return
	}
	if errors.Is(err, provider.ErrConflict) {
		// What is stored now, and its version: saving again is a deliberate overwrite.
		v.Version = sc.Version
	}
	s.renderScopeForm(w, r, actor, &v, err)
}
