package web

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/digdir/selvbetjening/internal/auth"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/seclog"
	"github.com/digdir/selvbetjening/web/pages"
)

// home sends a logged-in person to their integrations in TEST.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	if auth.FromContext(r.Context()).LoggedIn() {
		http.Redirect(w, r, paths.Start(), http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, pages.Front())
}

// login starts the OpenID Connect flow; ?neste= is where to return (local
// paths only), and ?ny=ja demands a new login, as a change in PROD does.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	target, err := s.auth.BeginLogin(w, r, q.Get(paths.ParamNext), q.Get(paths.ParamFresh) == paths.FreshYes)
	if err != nil {
		s.loginFailed(w, r, err)
		return
	}
	http.Redirect(w, r, target, http.StatusFound)
}

func (s *Server) loginCallback(w http.ResponseWriter, r *http.Request) {
	next, err := s.auth.CompleteLogin(w, r)
	if err != nil {
		s.loginFailed(w, r, err)
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// loginFailed explains a failed login with a 4xx page, or 503 when the
// provider cannot be reached; never a stack trace.
func (s *Server) loginFailed(w http.ResponseWriter, r *http.Request, err error) {
	seclog.Log(r.Context(), s.log, seclog.LoginFailed, slog.String("reason", loginFailure(err)), slog.Any("error", err))
	switch {
	case errors.Is(err, auth.ErrLoginState):
		s.errorPage(w, r, http.StatusBadRequest, pages.ErrorView{Problem: pages.ProblemLoginState})
	case errors.Is(err, auth.ErrLoginRefused):
		s.errorPage(w, r, http.StatusUnauthorized, pages.ErrorView{Problem: pages.ProblemLoginRefused})
	case errors.Is(err, auth.ErrLoginToken):
		s.errorPage(w, r, http.StatusUnauthorized, pages.ErrorView{Problem: pages.ProblemLoginToken})
	case errors.Is(err, auth.ErrLoginEmail):
		s.errorPage(w, r, http.StatusForbidden, pages.ErrorView{Problem: pages.ProblemLoginEmail})
	case errors.Is(err, auth.ErrTestLogin):
		s.errorPage(w, r, http.StatusForbidden, pages.ErrorView{Problem: pages.ProblemLoginTestID})
	case errors.Is(err, auth.ErrProviderDown):
		s.errorPage(w, r, http.StatusServiceUnavailable, pages.ErrorView{Problem: pages.ProblemProviderDown})
	default:
		s.serverError(w, r, http.StatusInternalServerError, err)
	}
}

// loginFailure names why a login failed, for the log.
func loginFailure(err error) string {
	for _, f := range []struct {
		err    error
		reason string
	}{
		{auth.ErrLoginState, "state"}, {auth.ErrLoginRefused, "refused"}, {auth.ErrLoginToken, "token"},
		{auth.ErrLoginEmail, "email"}, {auth.ErrProviderDown, "provider_down"},
	} {
		if errors.Is(err, f.err) {
			return f.reason
		}
	}
	return "other"
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	target, err := s.auth.Logout(w, r)
	if err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

func (s *Server) loggedOut(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, pages.LoggedOut())
}
