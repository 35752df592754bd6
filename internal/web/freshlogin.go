package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/web/pages"
)

// returnPath tells the page where "Logg inn på nytt" comes back to: the
// page itself, or for a refused form the page of its integration (or the
// PROD list), since a form cannot be fetched again by its URL.
func returnPath(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		back := r.URL.RequestURI()
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			back = paths.IntegrationList(environment.Prod)
			if id, err := uuid.Parse(chi.URLParam(r, "clientID")); err == nil {
				back = paths.Integration(id)
			}
		}
		next.ServeHTTP(w, r.WithContext(pages.WithReturnPath(r.Context(), back)))
	})
}
