package web

import (
	"errors"
	"github.com/digdir/selvbetjening/internal/api"
	"net/http"

	"github.com/digdir/selvbetjening/internal/auth"
	"github.com/digdir/selvbetjening/internal/org"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/web/pages"
)

// chooseOrganisationForm lists the organisations the e-mail domain leads to.
func (s *Server) chooseOrganisationForm(w http.ResponseWriter, r *http.Request) {
	sess := auth.FromContext(r.Context())
	if !sess.LoggedIn() {
		http.Redirect(w, r, paths.Login(paths.ChooseOrganisation("")), http.StatusSeeOther)
		return
	}
	orgs, err := org.ForEmail(r.Context(), s.reads, sess.Person.Email)
	if err != nil && !errors.Is(err, org.ErrBadEmail) {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	next := auth.SafeNext(r.URL.Query().Get(paths.ParamNext))
	switch {
	case len(orgs) == 0:
		http.Redirect(w, r, paths.NoOrganisation, http.StatusSeeOther)
		return
	case len(orgs) == 1 && sess.OrgNo == "":
		// Nothing to ask: the same rule as at login. This is where a person
		// lands when their domain was moved to one other organisation.
		s.chosen(w, r, s.auth.ChooseOrganisation(w, r, orgs[0].No, true), next)
		return
	}
	s.render(w, r, http.StatusOK, pages.ChooseOrganisation(orgs, sess.OrgNo, next))
}

func (s *Server) chooseOrganisation(w http.ResponseWriter, r *http.Request) {
	err := s.auth.ChooseOrganisation(w, r, r.PostFormValue("organisasjonsnummer"), false)
	s.chosen(w, r, err, auth.SafeNext(r.PostFormValue(paths.ParamNext)))
}

// chosen answers an organisation choice: on to next, or why not.
func (s *Server) chosen(w http.ResponseWriter, r *http.Request, err error, next string) {
	switch {
	case errors.Is(err, auth.ErrNotLoggedIn):
		http.Redirect(w, r, paths.Login(""), http.StatusSeeOther)
	case errors.Is(err, auth.ErrUnknownOrgFor):
		s.notFound(w, r) // logged as org.refused, without the posted value
	case err != nil:
		s.serverError(w, r, http.StatusInternalServerError, err)
	default:
		if next == paths.Home {
			next = paths.Start()
		}
		http.Redirect(w, r, next, http.StatusSeeOther)
	}
}

// noOrganisation is the page for a domain linked to no organisation.
func (s *Server) noOrganisation(w http.ResponseWriter, r *http.Request) {
	sess := auth.FromContext(r.Context())
	if !sess.LoggedIn() {
		http.Redirect(w, r, paths.Login(""), http.StatusSeeOther)
		return
	}
	domain, _ := org.EmailDomain(sess.Person.Email)
	s.render(w, r, http.StatusForbidden, pages.NoOrganisation(domain))
}

func (s *Server) administration(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, pages.Administration())
}

// apiDocs is the page "API for selvbetjening".
func (s *Server) apiDocs(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, pages.APIDocs(api.Operations()))
}
