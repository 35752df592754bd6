package web

import (
	"log/slog"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/auth"
	"github.com/digdir/selvbetjening/internal/seclog"
	"github.com/digdir/selvbetjening/web/pages"
)

// event writes a security event with the actor: sub and organisation
// number, never their e-mail address, person number or what they posted.
func (s *Server) event(r *http.Request, name string, attrs ...slog.Attr) {
	sess := auth.FromContext(r.Context())
	who := make([]slog.Attr, 0, 2+len(attrs))
	if sess.LoggedIn() {
		who = append(who, slog.String("sub", sess.Person.Subject))
	}
	if sess.OrgNo != "" {
		who = append(who, slog.String("org", sess.OrgNo))
	}
	seclog.Log(r.Context(), s.log, name, append(who, attrs...)...)
}

// refusedByGate reports whether err is the access policy's refusal, and
// logs it when it is.
func (s *Server) refusedByGate(r *http.Request, err error) bool {
	reason, ok := access.Why(err)
	if !ok {
		return false
	}
	s.event(r, seclog.GateRefused, slog.String("reason", string(reason)))
	return true
}

// integrationNotFound is the 404 for an integration the actor's
// organisation does not have: malformed, unknown or another organisation's.
func (s *Server) integrationNotFound(w http.ResponseWriter, r *http.Request) {
	id := "malformed"
	if u, err := uuid.Parse(chi.URLParam(r, "clientID")); err == nil {
		id = u.String()
	}
	s.event(r, seclog.IntegrationNotFound, slog.String("client_id", id))
	s.notFound(w, r)
}

// crossOrigin refuses a cross-site POST (by what the browser says of where
// it came from) before any handler runs, with the form token's refusal page.
func (s *Server) crossOrigin() func(http.Handler) http.Handler {
	p := http.NewCrossOriginProtection()
	p.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.event(r, seclog.CSRFRefused, slog.String("reason", "cross_origin"))
		s.errorPage(w, r, http.StatusForbidden, pages.ErrorView{Problem: pages.ProblemCSRF})
	}))
	return p.Handler
}
