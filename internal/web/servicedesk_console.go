package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/auth"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/web/pages"
)

// requireServicedesk guards every URL of the console: a visitor who is not
// logged in logs in first; anyone else who is not servicedesk gets the 403
// page with the reason. Asked at every request (access.Servicedesk), so a
// revoked person is out at their next click. The servicedesk actor is in
// the context from here on.
func (s *Server) requireServicedesk(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess := auth.FromContext(r.Context())
		if !sess.LoggedIn() {
			back := ""
			if r.Method == http.MethodGet {
				back = auth.SafeNext(r.URL.RequestURI())
			}
			http.Redirect(w, r, paths.Login(back), http.StatusSeeOther)
			return
		}
		if err := access.Servicedesk(r.Context(), s.reads, *sess.Person); err != nil {
			s.serverError(w, r, http.StatusInternalServerError, err) // a refusal is the 403 page
			return
		}
		ctx := identity.WithActor(r.Context(), servicedesk.Actor(*sess.Person))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// consoleActor is the servicedesk person of a console request.
func consoleActor(r *http.Request) identity.Actor {
	a, _ := identity.ActorFrom(r.Context())
	return a
}

func (s *Server) consoleHome(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, pages.ConsoleHome())
}

// idParam reads a numeric id from the path; false answers with 404.
func (s *Server) idParam(w http.ResponseWriter, r *http.Request, name string) (int64, bool) {
	id, err := strconv.ParseInt(chi.URLParam(r, name), 10, 64)
	if err != nil || id < 1 {
		s.notFound(w, r)
		return 0, false
	}
	return id, true
}

// consoleRefusalOr tells a form's refusal (FieldErrors) from a failure:
// it returns the refusal, or answers the failure itself and returns it.
func (s *Server) consoleRefusalOr(w http.ResponseWriter, r *http.Request, err error) (servicedesk.FieldErrors, error) {
	var errs servicedesk.FieldErrors
	if errors.As(err, &errs) {
		return errs, nil
	}
	s.serverError(w, r, http.StatusInternalServerError, err)
	return nil, err
}

// refusalStatus is the status of a refused console form: 409 when it
// clashes with what is stored, 422 when the input itself is wrong.
func refusalStatus(errs servicedesk.FieldErrors) int {
	for _, c := range errs {
		switch c {
		case servicedesk.CodeOrgNoTaken, servicedesk.CodePrefixTaken, servicedesk.CodeStaffAlready,
			servicedesk.CodeVersionConflict, servicedesk.CodeLastServicedesk,
			servicedesk.CodePrefixRetired, servicedesk.CodeSamePrefixOwner:
			return http.StatusConflict
		}
	}
	return http.StatusUnprocessableEntity
}
