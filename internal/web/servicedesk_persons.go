package web

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/web/pages"
)

// personRegister registers a person number for production at the
// organisation, and shows it in full once, in the confirmation.
func (s *Server) personRegister(w http.ResponseWriter, r *http.Request) {
	orgNo := chi.URLParam(r, "orgNo")
	pid, name := r.PostFormValue("fodselsnummer"), r.PostFormValue("personnavn")
	reg, err := servicedesk.RegisterPerson(r.Context(), s.pool, consoleActor(r), orgNo, pid, name, s.testDeployment)
	switch {
	case err == nil:
		s.render(w, r, http.StatusOK, pages.PersonRegistered(reg))
		return
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
		return
	}
	v := pages.OrganisationView{PID: pid, PersonName: name}
	if v.PersonErrors, err = s.consoleRefusalOr(w, r, err); err != nil {
		return
	}
	s.renderOrganisation(w, r, refusalStatus(v.PersonErrors), v)
}

func (s *Server) personRemove(w http.ResponseWriter, r *http.Request) {
	orgNo := chi.URLParam(r, "orgNo")
	id, ok := s.idParam(w, r, "id")
	if !ok {
		return
	}
	err := servicedesk.RemovePerson(r.Context(), s.pool, consoleActor(r), orgNo, id)
	switch {
	case err == nil:
		http.Redirect(w, r, paths.WithConsoleNotice(paths.ServicedeskOrganisation(orgNo), paths.NoticePersonRemoved), http.StatusSeeOther)
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, http.StatusInternalServerError, err)
	}
}

// personSearchForm is "Personer for produksjon": the search, posted since
// it may hold a full person number.
func (s *Server) personSearchForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, pages.PersonSearch(pages.PersonSearchView{}))
}

func (s *Server) personSearch(w http.ResponseWriter, r *http.Request) {
	v := pages.PersonSearchView{Query: r.PostFormValue("sok"), Searched: true}
	if !storable(v.Query) {
		s.badRequest(w, r, pages.ProblemBadRequest)
		return
	}
	var err error
	v.Found, v.More, err = servicedesk.SearchPersons(r.Context(), s.reads, v.Query)
	status := http.StatusOK
	if err != nil {
		if v.Errors, err = s.consoleRefusalOr(w, r, err); err != nil {
			return
		}
		status = refusalStatus(v.Errors)
	}
	s.render(w, r, status, pages.PersonSearch(v))
}
