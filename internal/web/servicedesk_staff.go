package web

import (
	"net/http"

	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/web/pages"
)

// staffList is "Servicedesk-roller": who has the role, and the form that grants it.
func (s *Server) staffList(w http.ResponseWriter, r *http.Request) {
	s.renderStaff(w, r, http.StatusOK, pages.StaffView{Notice: paths.ParseConsoleNotice(r.URL.Query().Get(paths.ParamNotice))})
}

func (s *Server) renderStaff(w http.ResponseWriter, r *http.Request, status int, v pages.StaffView) {
	staff, err := servicedesk.ListStaff(r.Context(), s.reads)
	if err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	v.Staff = staff
	s.render(w, r, status, pages.Staff(v))
}

func (s *Server) staffGrant(w http.ResponseWriter, r *http.Request) {
	pid, name := r.PostFormValue("fodselsnummer"), r.PostFormValue("navn")
	err := servicedesk.Grant(r.Context(), s.pool, consoleActor(r), pid, name, s.testDeployment)
	if err == nil {
		http.Redirect(w, r, paths.WithConsoleNotice(paths.ServicedeskStaff, paths.NoticeStaffGranted), http.StatusSeeOther)
		return
	}
	errs, err := s.consoleRefusalOr(w, r, err)
	if err != nil {
		return
	}
	s.renderStaff(w, r, refusalStatus(errs), pages.StaffView{PID: pid, Name: name, Errors: errs})
}

func (s *Server) staffRevoke(w http.ResponseWriter, r *http.Request) {
	id, ok := s.idParam(w, r, "id")
	if !ok {
		return
	}
	err := servicedesk.Revoke(r.Context(), s.pool, consoleActor(r), id)
	if err == nil {
		http.Redirect(w, r, paths.WithConsoleNotice(paths.ServicedeskStaff, paths.NoticeStaffRevoked), http.StatusSeeOther)
		return
	}
	errs, err := s.consoleRefusalOr(w, r, err)
	if err != nil {
		return
	}
	s.renderStaff(w, r, refusalStatus(errs), pages.StaffView{Errors: errs})
}
