package web

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"sync"

	"github.com/a-h/templ"

	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/seclog"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/web/pages"
)

// render writes a page only once it rendered completely, so a template error
// becomes the error page and never half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	buf := pagePool.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= maxPooledPage { // one huge page must not stay in memory
			buf.Reset()
			pagePool.Put(buf)
		}
	}()
	if err := c.Render(r.Context(), buf); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	writePage(w, status, buf)
}

// pagePool reuses page buffers: a list page is some 20 KB, built per request.
const maxPooledPage = 256 << 10

var pagePool = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 32<<10)) }}

// errorPage renders the error page for a problem; should even that fail,
// its sentence as plain text.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, v pages.ErrorView) {
	var buf bytes.Buffer
	if err := pages.Error(v).Render(r.Context(), &buf); err != nil {
		http.Error(w, v.Sentence(r.Context()), status)
		return
	}
	writePage(w, status, &buf)
}

func writePage(w http.ResponseWriter, status int, page *bytes.Buffer) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if status == http.StatusServiceUnavailable {
		// Every 503 passes; a load balancer or script may come back then.
		w.Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds))
	}
	w.WriteHeader(status)
	_, _ = page.WriteTo(w)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusNotFound, pages.ErrorView{Problem: pages.ProblemNotFound})
}

// badRequest is a 400 for p: pages.ProblemBadRequest, or a more precise one.
func (s *Server) badRequest(w http.ResponseWriter, r *http.Request, p pages.Problem) {
	s.errorPage(w, r, http.StatusBadRequest, pages.ErrorView{Problem: p})
}

// sessionExpired answers a form sent after the session ended: logging out is
// then already done, and anything else needs a new login first.
func (s *Server) sessionExpired(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == paths.Logout {
		http.Redirect(w, r, paths.LoggedOut, http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, paths.Login(""), http.StatusSeeOther)
}

// csrfRefused answers a form without the session's token.
func (s *Server) csrfRefused(w http.ResponseWriter, r *http.Request) {
	s.event(r, seclog.CSRFRefused, slog.String("reason", "token"))
	s.errorPage(w, r, http.StatusForbidden, pages.ErrorView{Problem: pages.ProblemCSRF})
}

func (s *Server) formTooLarge(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusRequestEntityTooLarge, pages.ErrorView{Problem: pages.ProblemFormTooLarge})
}

// retryAfterSeconds is what a 503 asks to wait: a database restart or
// failover is over in seconds.
const retryAfterSeconds = 5

// serverError is where every failure of a request ends, and the one place
// that tells them apart. A missing row is a 404. A database that cannot serve right now (down,
// restarting, connection broken) is a 503 with Retry-After: it may pass, and
// it is nobody's fault. Anything else is a fault of ours, answered with
// status (a 500). Either way it is logged with the request id, and the
// visitor gets a plain sentence, never the error.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, status int, err error) {
	ctx := r.Context()
	if ctx.Err() != nil && errors.Is(err, context.Canceled) {
		// The visitor left before the answer was ready: nothing failed here.
		s.log.DebugContext(ctx, "request abandoned", "request_id", requestIDFrom(ctx))
		return
	}
	if errors.Is(err, store.ErrNotFound) {
		// A row that is not there, or is another organisation's: the same
		// 404 either way, so that an id tells nobody what exists.
		s.notFound(w, r)
		return
	}
	if s.refusedByGate(r, err) {
		// A refusal no handler expected is still a refusal, never a 500.
		s.errorPage(w, r, http.StatusForbidden,
			pages.ErrorView{Problem: pages.ProblemForbidden, Subject: pages.GateMessage(ctx, err)})
		return
	}
	if store.Unavailable(err) {
		s.log.WarnContext(ctx, "database unavailable", "request_id", requestIDFrom(ctx),
			"method", r.Method, "path", r.URL.Path, "error", err)
		s.errorPage(w, r, http.StatusServiceUnavailable, pages.ErrorView{Problem: pages.ProblemUnavailable})
		return
	}
	s.log.ErrorContext(ctx, "request failed", "request_id", requestIDFrom(ctx),
		"method", r.Method, "path", r.URL.Path, "error", err)
	s.errorPage(w, r, status, pages.ErrorView{Problem: pages.ProblemServerError})
}

func (s *Server) renderServerError(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusInternalServerError, pages.ErrorView{Problem: pages.ProblemServerError})
}
