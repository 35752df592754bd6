package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/web/pages"
)

// organisationSearch is "Virksomheter": search by name or number.
func (s *Server) organisationSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get(paths.ParamSearch)
	if !storable(q) {
		s.badRequest(w, r, pages.ProblemBadRequest)
		return
	}
	orgs, more, err := servicedesk.SearchOrganisations(r.Context(), s.reads, q)
	if err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	s.render(w, r, http.StatusOK, pages.OrganisationSearch(pages.OrganisationSearchView{Query: q, Found: orgs, More: more}))
}

func (s *Server) organisationNew(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, pages.OrganisationNew(pages.OrganisationNewView{}))
}

func (s *Server) organisationCreate(w http.ResponseWriter, r *http.Request) {
	v := pages.OrganisationNewView{OrgNo: r.PostFormValue("organisasjonsnummer"), Name: r.PostFormValue("navn")}
	orgNo, err := servicedesk.CreateOrganisation(r.Context(), s.pool, consoleActor(r), v.OrgNo, v.Name)
	if err == nil {
		http.Redirect(w, r, paths.WithConsoleNotice(paths.ServicedeskOrganisation(orgNo), paths.NoticeOrgCreated), http.StatusSeeOther)
		return
	}
	if v.Errors, err = s.consoleRefusalOr(w, r, err); err != nil {
		return
	}
	s.render(w, r, refusalStatus(v.Errors), pages.OrganisationNew(v))
}

// organisationShow is an organisation's page in the console.
func (s *Server) organisationShow(w http.ResponseWriter, r *http.Request) {
	s.renderOrganisation(w, r, http.StatusOK, pages.OrganisationView{
		Notice: paths.ParseConsoleNotice(r.URL.Query().Get(paths.ParamNotice))})
}

// renderOrganisation shows the organisation of the URL with v's form
// state; another organisation number than there is answers 404.
func (s *Server) renderOrganisation(w http.ResponseWriter, r *http.Request, status int, v pages.OrganisationView) {
	o, err := servicedesk.GetOverview(r.Context(), s.reads, chi.URLParam(r, "orgNo"))
	if err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	v.Overview = o
	if v.Rename == "" {
		v.Rename = o.Name
	}
	s.render(w, r, status, pages.Organisation(v))
}

func (s *Server) organisationRename(w http.ResponseWriter, r *http.Request) {
	orgNo := chi.URLParam(r, "orgNo")
	version, err := strconv.Atoi(r.PostFormValue("versjon"))
	if err != nil || version < 1 {
		s.badRequest(w, r, pages.ProblemBadRequest)
		return
	}
	name := r.PostFormValue("navn")
	err = servicedesk.RenameOrganisation(r.Context(), s.pool, consoleActor(r), orgNo, version, name)
	switch {
	case err == nil:
		http.Redirect(w, r, paths.WithConsoleNotice(paths.ServicedeskOrganisation(orgNo), paths.NoticeOrgRenamed), http.StatusSeeOther)
		return
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
		return
	}
	v := pages.OrganisationView{Rename: name}
	if v.RenameErrors, err = s.consoleRefusalOr(w, r, err); err != nil {
		return
	}
	if v.RenameErrors["navn"] == servicedesk.CodeVersionConflict {
		v.Rename = "" // show the name stored now
	}
	s.renderOrganisation(w, r, refusalStatus(v.RenameErrors), v)
}
