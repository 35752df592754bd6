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

// domainSearch is "E-postdomener": the domains and where they lead, and
// the form that links one.
func (s *Server) domainSearch(w http.ResponseWriter, r *http.Request) {
	s.renderDomains(w, r, http.StatusOK, pages.DomainsView{Query: r.URL.Query().Get(paths.ParamSearch)})
}

func (s *Server) renderDomains(w http.ResponseWriter, r *http.Request, status int, v pages.DomainsView) {
	if !storable(v.Query) {
		s.badRequest(w, r, pages.ProblemBadRequest)
		return
	}
	var err error
	if v.Found, v.More, err = servicedesk.SearchDomains(r.Context(), s.reads, v.Query); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	s.render(w, r, status, pages.Domains(v))
}

// domainLink links a domain to an organisation, from the list's form or
// from the domain's own page (which names the domain in a hidden field).
func (s *Server) domainLink(w http.ResponseWriter, r *http.Request) {
	domain, orgNo := r.PostFormValue("domene"), r.PostFormValue("organisasjonsnummer")
	stored, err := servicedesk.LinkDomain(r.Context(), s.pool, consoleActor(r), domain, orgNo)
	if err == nil {
		http.Redirect(w, r, paths.WithConsoleNotice(paths.ServicedeskDomain(stored), paths.NoticeDomainLinked), http.StatusSeeOther)
		return
	}
	errs, err := s.consoleRefusalOr(w, r, err)
	if err != nil {
		return
	}
	if r.PostFormValue("fra") == "domene" {
		if _, bad := errs["domene"]; !bad {
			s.renderDomain(w, r, refusalStatus(errs), domain, pages.DomainView{OrgNo: orgNo, Errors: errs})
			return
		}
	}
	s.renderDomains(w, r, refusalStatus(errs), pages.DomainsView{Domain: domain, OrgNo: orgNo, Errors: errs})
}

// domainShow is a domain's page: where it leads now.
func (s *Server) domainShow(w http.ResponseWriter, r *http.Request) {
	s.renderDomain(w, r, http.StatusOK, chi.URLParam(r, "domain"),
		pages.DomainView{Notice: paths.ParseConsoleNotice(r.URL.Query().Get(paths.ParamNotice))})
}

func (s *Server) renderDomain(w http.ResponseWriter, r *http.Request, status int, domain string, v pages.DomainView) {
	d, ok, err := servicedesk.GetDomain(r.Context(), s.reads, domain)
	switch {
	case err != nil:
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	case !ok:
		s.notFound(w, r)
		return
	}
	v.Domain = d
	s.render(w, r, status, pages.Domain(v))
}

func (s *Server) domainUnlink(w http.ResponseWriter, r *http.Request) {
	domain := chi.URLParam(r, "domain")
	err := servicedesk.UnlinkDomain(r.Context(), s.pool, consoleActor(r), domain, chi.URLParam(r, "orgNo"))
	switch {
	case err == nil:
		http.Redirect(w, r, paths.WithConsoleNotice(paths.ServicedeskDomain(domain), paths.NoticeDomainUnlinked), http.StatusSeeOther)
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, http.StatusInternalServerError, err)
	}
}
