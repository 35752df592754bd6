package web

import (
	"bufio"
	"encoding/csv"
	"net/http"
	"strconv"
	"time"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/web/pages"
)

// auditPageSize is how many changes one page of the log shows.
const auditPageSize = 50

// consoleAudit is the whole audit log in the console: every change in the
// system, filtered.
func (s *Server) consoleAudit(w http.ResponseWriter, r *http.Request) {
	s.auditPage(w, r, true, "")
}

// changelog is "Endringslogg" under "Virksomhetens tjenester": the
// organisation's own part of the log, whatever the URL says.
func (s *Server) changelog(w http.ResponseWriter, r *http.Request) {
	actor, _ := identity.ActorFrom(r.Context())
	s.auditPage(w, r, false, actor.OrgNo)
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request, console bool, ownOrg string) {
	q := r.URL.Query()
	aq, ok := parseAuditQuery(q)
	if !ok {
		s.badRequest(w, r, pages.ProblemBadRequest)
		return
	}
	var after int64
	if c := q.Get(paths.ParamAfter); c != "" {
		var err error
		if after, err = strconv.ParseInt(c, 10, 64); err != nil || after < 1 {
			s.badRequest(w, r, pages.ProblemBadCursor)
			return
		}
	}
	if !console {
		aq.filter.OrgNo, aq.form.OrgNo = ownOrg, ""
		delete(aq.errs, paths.ParamOrgNo)
	}
	v := pages.AuditLogView{Console: console, Form: aq.form, Errors: aq.errs, Paged: after > 0}
	if len(aq.errs) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, pages.AuditLog(v))
		return
	}
	var err error
	if v.Page, err = audit.List(r.Context(), s.reads, aq.filter, after, auditPageSize); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	s.render(w, r, http.StatusOK, pages.AuditLog(v))
}

// csvFlushEvery is how many rows the export writes between flushes; each
// flush also gives the connection another writeGrace, so a long export is
// never cut by the server's write timeout while it makes progress.
const (
	csvFlushEvery = 1000
	writeGrace    = 30 * time.Second
)

// consoleAuditCSV exports the filtered log as CSV, streamed: rows go out as
// the database sends them, so a million rows neither time out nor fill
// memory.
func (s *Server) consoleAuditCSV(w http.ResponseWriter, r *http.Request) {
	aq, ok := parseAuditQuery(r.URL.Query())
	if !ok || len(aq.errs) > 0 {
		s.badRequest(w, r, pages.ProblemBadRequest)
		return
	}
	words := pages.NewAuditCSV(r.Context())
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Now().Add(writeGrace))
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="endringslogg.csv"`)
	h.Set("Cache-Control", "no-store")
	buf := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(buf)
	_, _ = buf.WriteString("\ufeff") // so spreadsheets read it as UTF-8
	_ = cw.Write(words.Header())
	n := 0
	record := make([]string, 0, 12)
	err := audit.Export(r.Context(), s.reads, aq.filter, func(row audit.Row) error {
		record = words.Record(row, record[:0])
		if err := cw.Write(record); err != nil {
			return err
		}
		if n++; n%csvFlushEvery == 0 {
			cw.Flush()
			if err := buf.Flush(); err != nil {
				return err
			}
			_ = rc.Flush()
			_ = rc.SetWriteDeadline(time.Now().Add(writeGrace))
		}
		return nil
	})
	if err == nil {
		cw.Flush()
		err = cw.Error()
	}
	if err == nil {
		err = buf.Flush()
	}
	if err != nil {
		if r.Context().Err() == nil {
			s.log.ErrorContext(r.Context(), "audit export failed", "request_id", requestIDFrom(r.Context()),
				"rows", n, "error", err)
		}
		// The status is sent already: cut the connection, so the file is
		// seen to be incomplete rather than taken for the whole log.
		panic(http.ErrAbortHandler)
	}
}
