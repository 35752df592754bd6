package auth

import (
	"net/http"

	"github.com/digdir/selvbetjening/internal/paths"
)

// RequireActor sends visitors who are not logged in through login and back,
// and those without an organisation to the chooser or the "not linked" page.
func RequireActor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := FromContext(r.Context())
		switch {
		case !s.LoggedIn():
			next := ""
			if r.Method == http.MethodGet {
				next = SafeNext(r.URL.RequestURI())
			}
			http.Redirect(w, r, paths.Login(next), http.StatusSeeOther)
		case s.OrgNo == "" && s.OrgCount == 0:
			http.Redirect(w, r, paths.NoOrganisation, http.StatusSeeOther)
		case s.OrgEnded:
			// The page asked for belonged to the organisation whose choice
			// just ended: choose again, then start from the list.
			http.Redirect(w, r, paths.ChooseOrganisation(""), http.StatusSeeOther)
		case s.OrgNo == "":
			http.Redirect(w, r, paths.ChooseOrganisation(SafeNext(r.URL.RequestURI())), http.StatusSeeOther)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// RequireCSRF refuses a state-changing request whose form token does not
// match the session's. A visitor whose session has expired is not refused
// but sent to expired, since their form token could never match.
func RequireCSRF(refuse, expired func(w http.ResponseWriter, r *http.Request)) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.Method {
			case http.MethodGet, http.MethodHead, http.MethodOptions:
				next.ServeHTTP(w, r)
				return
			}
			s := FromContext(r.Context())
			switch {
			case !s.LoggedIn():
				expired(w, r)
			case !s.CheckCSRF(r.PostFormValue("csrf")):
				refuse(w, r)
			default:
				next.ServeHTTP(w, r)
			}
		})
	}
}
