package web

import (
	"errors"
	"net/http"

	"github.com/digdir/selvbetjening/internal/auth"
	"github.com/digdir/selvbetjening/internal/org"
	"github.com/digdir/selvbetjening/web/pages"
)

// chooseOrganisationForm lists the organisations the e-mail domain leads to.
func (s *Server) chooseOrganisationForm(w http.ResponseWriter, r *http.Request) {
	sess := auth.FromContext(r.Context())
	if !sess.LoggedIn() {
		http.Redirect(w, r, "/logg-inn?neste=/velg-virksomhet", http.StatusSeeOther)
		return
	}
	orgs, err := org.ForEmail(r.Context(), s.reads, sess.Person.Email)
	if err != nil && !errors.Is(err, org.ErrBadEmail) {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	if len(orgs) == 0 {
		http.Redirect(w, r, "/ingen-virksomhet", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, pages.ChooseOrganisation(orgs, sess.OrgNo, auth.SafeNext(r.URL.Query().Get("neste"))))
}

func (s *Server) chooseOrganisation(w http.ResponseWriter, r *http.Request) {
	err := s.auth.ChooseOrganisation(w, r, r.PostFormValue("org"))
	switch {
	case errors.Is(err, auth.ErrNotLoggedIn):
		http.Redirect(w, r, "/logg-inn", http.StatusSeeOther)
	case errors.Is(err, auth.ErrUnknownOrgFor):
		s.log.InfoContext(r.Context(), "organisation refused", "request_id", requestIDFrom(r.Context()), "error", err)
		s.notFound(w, r)
	case err != nil:
		s.serverError(w, r, http.StatusInternalServerError, err)
	default:
		next := auth.SafeNext(r.PostFormValue("neste"))
		if next == "/" {
			next = "/integrasjoner?miljo=TEST"
		}
		http.Redirect(w, r, next, http.StatusSeeOther)
	}
}

// noOrganisation is the page for a domain linked to no organisation.
func (s *Server) noOrganisation(w http.ResponseWriter, r *http.Request) {
	sess := auth.FromContext(r.Context())
	if !sess.LoggedIn() {
		http.Redirect(w, r, "/logg-inn", http.StatusSeeOther)
		return
	}
	domain, _ := org.EmailDomain(sess.Person.Email)
	s.render(w, r, http.StatusForbidden, pages.NoOrganisation(domain))
}

func (s *Server) services(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, pages.Services())
}

func (s *Server) administration(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, pages.Administration())
}
