package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/digdir/selvbetjening/web/pages"
)

// returnPath tells the page where "Logg inn på nytt" comes back to: the
// page itself, or for a refused form the page of its integration (or the
// PROD list), since a form cannot be fetched again by its URL.
func returnPath(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		back := r.URL.RequestURI()
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			back = "/integrasjoner?miljo=PROD"
			if id := chi.URLParam(r, "clientID"); id != "" {
				back = "/integrasjoner/" + id
			}
		}
		next.ServeHTTP(w, r.WithContext(pages.WithReturnPath(r.Context(), back)))
	})
}
