package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/digdir/selvbetjening/internal/auth"
	"github.com/digdir/selvbetjening/internal/seclog"
	"github.com/digdir/selvbetjening/internal/telemetry"
	"github.com/digdir/selvbetjening/web/pages"
)

// requestID tags each request, so its log lines can be found together. A
// traced request's id is its trace id, so a log line leads to its trace;
// otherwise it is random, in the same 32-hex-digit shape.
func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := telemetry.TraceID(r.Context())
		if id == "" {
			b := make([]byte, 16)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(seclog.WithRequestID(r.Context(), id)))
	})
}

func requestIDFrom(ctx context.Context) string { return seclog.RequestID(ctx) }

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// logRequests writes one structured line per request.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		level := slog.LevelDebug
		if rec.status >= 500 {
			level = slog.LevelError
		} else if rec.status >= 400 {
			level = slog.LevelInfo
		}
		s.log.LogAttrs(r.Context(), level, "request",
			slog.String("request_id", requestIDFrom(r.Context())),
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", rec.status), slog.Duration("duration", time.Since(start)))
	})
}

// recoverPanics turns a panic into the error page instead of a dropped connection.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.ErrorContext(r.Context(), "panic", "request_id", requestIDFrom(r.Context()), "panic", v)
				s.renderServerError(w, r)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// securityHeaders: no framing, no sniffing, scripts and styles only from us.
// Forms post only to us, and to the provider, since logging out redirects there.
// Over https, browsers are told to use nothing else for a year (HSTS).
func securityHeaders(issuerOrigin string, https bool) func(http.Handler) http.Handler {
	csp := "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self' " + issuerOrigin
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Set("Content-Security-Policy", csp)
			if https {
				h.Set("Strict-Transport-Security", "max-age=31536000")
			}
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Referrer-Policy", "same-origin")
			h.Set("X-Frame-Options", "DENY")
			next.ServeHTTP(w, r)
		})
	}
}

// readForm reads a posted form once, no larger than any real one: too large
// is a 413 and unreadable a 400, before any handler or token check runs.
func (s *Server) readForm(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
		if err := r.ParseForm(); err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				s.formTooLarge(w, r)
				return
			}
			s.badRequest(w, r, pages.ProblemBadRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// maxFormBytes fits the largest real form: a pasted certificate chain is some 10 KB.
const maxFormBytes = 256 << 10

// sameOrganisation refuses a form made while the person acted for another
// organisation: switching in another tab must not move where a form saves.
// Every form of ours names its organisation; the CSRF token, not this,
// is what keeps other sites out.
func (s *Server) sameOrganisation(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess := auth.FromContext(r.Context())
		if named, ok := r.PostForm["virksomhet"]; ok && r.Method == http.MethodPost && named[0] != sess.OrgNo {
			s.errorPage(w, r, http.StatusConflict, pages.ErrorView{Problem: pages.ProblemOrgChanged, Subject: sess.OrgName})
			return
		}
		next.ServeHTTP(w, r)
	})
}
