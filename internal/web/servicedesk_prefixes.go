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

// prefixList is "Scope-prefikser": every prefix and whose it is, and the
// form that assigns one.
func (s *Server) prefixList(w http.ResponseWriter, r *http.Request) {
	s.renderPrefixes(w, r, http.StatusOK, pages.PrefixesView{})
}

func (s *Server) renderPrefixes(w http.ResponseWriter, r *http.Request, status int, v pages.PrefixesView) {
	var err error
	if v.Prefixes, err = servicedesk.ListPrefixes(r.Context(), s.reads); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	s.render(w, r, status, pages.Prefixes(v))
}

func (s *Server) prefixAssign(w http.ResponseWriter, r *http.Request) {
	v := pages.PrefixesView{Prefix: r.PostFormValue("prefiks"), OrgNo: r.PostFormValue("organisasjonsnummer")}
	prefix, err := servicedesk.AssignPrefix(r.Context(), s.pool, consoleActor(r), v.Prefix, v.OrgNo)
	if err == nil {
		http.Redirect(w, r, paths.WithConsoleNotice(paths.ServicedeskPrefix(prefix), paths.NoticePrefixAssigned), http.StatusSeeOther)
		return
	}
	if v.Errors, err = s.consoleRefusalOr(w, r, err); err != nil {
		return
	}
	s.renderPrefixes(w, r, refusalStatus(v.Errors), v)
}

func (s *Server) prefixShow(w http.ResponseWriter, r *http.Request) {
	s.renderPrefix(w, r, http.StatusOK, pages.PrefixView{Notice: paths.ParseConsoleNotice(r.URL.Query().Get(paths.ParamNotice))})
}

func (s *Server) renderPrefix(w http.ResponseWriter, r *http.Request, status int, v pages.PrefixView) {
	p, err := servicedesk.GetPrefix(r.Context(), s.reads, chi.URLParam(r, "prefix"))
	if err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	v.Prefix = p
	s.render(w, r, status, pages.Prefix(v))
}

// prefixChange answers "Flytt" and "Pensjoner" alike: the prefix's page
// with a notice, or with why not.
func (s *Server) prefixChange(w http.ResponseWriter, r *http.Request, notice paths.ConsoleNotice,
	change func(prefix string, version int) error) {
	prefix := chi.URLParam(r, "prefix")
	version, err := strconv.Atoi(r.PostFormValue("versjon"))
	if err != nil || version < 1 {
		s.badRequest(w, r, pages.ProblemBadRequest)
		return
	}
	err = change(prefix, version)
	switch {
	case err == nil:
		http.Redirect(w, r, paths.WithConsoleNotice(paths.ServicedeskPrefix(prefix), notice), http.StatusSeeOther)
		return
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
		return
	}
	v := pages.PrefixView{OrgNo: r.PostFormValue("organisasjonsnummer")}
	if v.Errors, err = s.consoleRefusalOr(w, r, err); err != nil {
		return
	}
	s.renderPrefix(w, r, refusalStatus(v.Errors), v)
}

func (s *Server) prefixMove(w http.ResponseWriter, r *http.Request) {
	s.prefixChange(w, r, paths.NoticePrefixMoved, func(prefix string, version int) error {
		return servicedesk.MovePrefix(r.Context(), s.pool, consoleActor(r), prefix, version, r.PostFormValue("organisasjonsnummer"))
	})
}

func (s *Server) prefixRetire(w http.ResponseWriter, r *http.Request) {
	s.prefixChange(w, r, paths.NoticePrefixRetired, func(prefix string, version int) error {
		return servicedesk.RetirePrefix(r.Context(), s.pool, consoleActor(r), prefix, version)
	})
}
