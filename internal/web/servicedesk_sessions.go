package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/web/pages"
)

// sessionSearchForm is "Innlogginger": find a person's sessions by their
// person number or e-mail address, posted so neither is in a URL.
func (s *Server) sessionSearchForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, pages.SessionSearch(pages.SessionSearchView{}))
}

func (s *Server) sessionSearch(w http.ResponseWriter, r *http.Request) {
	q := r.PostFormValue("sok")
	if !storable(q) || len(q) > servicedesk.MaxSearchLength {
		s.badRequest(w, r, pages.ProblemBadRequest)
		return
	}
	people, err := servicedesk.FindSessionPersons(r.Context(), s.reads, q, s.sessionIdle)
	v := pages.SessionSearchView{Query: q, Searched: true, Found: people}
	status := http.StatusOK
	switch {
	case err != nil:
		if v.Errors, err = s.consoleRefusalOr(w, r, err); err != nil {
			return
		}
		status = refusalStatus(v.Errors)
	case len(people) == 1:
		http.Redirect(w, r, paths.ServicedeskPersonSessions(people[0].Subject), http.StatusSeeOther)
		return
	}
	s.render(w, r, status, pages.SessionSearch(v))
}

// sessionList lists a person's live sessions, with "Avslutt" for each.
func (s *Server) sessionList(w http.ResponseWriter, r *http.Request) {
	subject := chi.URLParam(r, "subject")
	name, sessions, err := servicedesk.SessionsOf(r.Context(), s.reads, subject, s.sessionIdle)
	if err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	s.render(w, r, http.StatusOK, pages.PersonSessions(pages.PersonSessionsView{Subject: subject, Name: name,
		Sessions: sessions, Notice: paths.ParseConsoleNotice(r.URL.Query().Get(paths.ParamNotice))}))
}

func (s *Server) sessionEnd(w http.ResponseWriter, r *http.Request) {
	id, ok := s.idParam(w, r, "id")
	if !ok {
		return
	}
	s.endSessions(w, r, id)
}

func (s *Server) sessionsEnd(w http.ResponseWriter, r *http.Request) { s.endSessions(w, r, 0) }

func (s *Server) endSessions(w http.ResponseWriter, r *http.Request, id int64) {
	subject := chi.URLParam(r, "subject")
	if _, err := servicedesk.EndSessions(r.Context(), s.pool, consoleActor(r), subject, id); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	http.Redirect(w, r, paths.WithConsoleNotice(paths.ServicedeskPersonSessions(subject), paths.NoticeSessionsEnded), http.StatusSeeOther)
}
