package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/google/uuid"

	"github.com/digdir/selvbetjening/internal/incident"
	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/web/pages"
)

// incidentList is "Hendelser": the incidents sent, newest first.
func (s *Server) incidentList(w http.ResponseWriter, r *http.Request) {
	before, err := strconv.ParseInt(r.URL.Query().Get(paths.ParamBefore), 10, 64)
	if err != nil || before < 0 {
		before = 0
	}
	list, more, err := incident.List(r.Context(), s.reads, before)
	if err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	v := pages.IncidentsView{Incidents: list}
	if more {
		v.Older = list[len(list)-1].ID
	}
	s.render(w, r, http.StatusOK, pages.Incidents(v))
}

// incidentNew is the empty "Ny hendelse", with a fresh creation key.
func (s *Server) incidentNew(w http.ResponseWriter, r *http.Request) {
	v := pages.IncidentFormView{CreationKey: uuid.NewString(),
		Draft: incident.Draft{Envs: []string{"TEST"}, Severity: string(incident.Critical), Audience: string(incident.Users)}}
	s.renderIncidentForm(w, r, http.StatusOK, v)
}

func (s *Server) renderIncidentForm(w http.ResponseWriter, r *http.Request, status int, v pages.IncidentFormView) {
	var err error
	if v.Choices, err = incident.OrganisationChoices(r.Context(), s.reads, v.Search, v.Draft.OrgNos); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	s.render(w, r, status, pages.IncidentForm(v))
}

// incidentSend is "Send varsel": the incident's page, or the form again
// with what is wrong and the input kept (422, nothing saved). Its "Søk"
// brings the form back with the organisations found, sending nothing.
func (s *Server) incidentSend(w http.ResponseWriter, r *http.Request) {
	v := pages.IncidentFormView{CreationKey: r.PostFormValue("opprettingsnokkel"), Draft: incident.Draft{
		Title: r.PostFormValue(incident.FieldTitle), Text: r.PostFormValue(incident.FieldText),
		Service: r.PostFormValue(incident.FieldService), Envs: r.PostForm[incident.FieldEnv],
		Severity: r.PostFormValue(incident.FieldSeverity), Audience: r.PostFormValue(incident.FieldAudience),
		OrgNos: r.PostForm[incident.FieldOrgs]}, Search: r.PostFormValue(paths.ParamSearch)}
	if r.PostFormValue(paths.ParamOrgSearchButton) != "" {
		s.renderIncidentForm(w, r, http.StatusOK, v)
		return
	}
	key, err := uuid.Parse(v.CreationKey)
	if err != nil {
		s.badRequest(w, r, pages.ProblemBadRequest)
		return
	}
	sent, err := incident.Send(r.Context(), s.pool, consoleActor(r), key, v.Draft, s.baseURL)
	if err == nil {
		http.Redirect(w, r, paths.ServicedeskIncidentSent(sent.ID), http.StatusSeeOther)
		return
	}
	if !errors.As(err, &v.Errors) {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	s.renderIncidentForm(w, r, http.StatusUnprocessableEntity, v)
}

// incidentShow is an incident and its "Utsendte varsler", a page of
// recipients at a time.
func (s *Server) incidentShow(w http.ResponseWriter, r *http.Request) {
	id, ok := s.idParam(w, r, "id")
	if !ok {
		return
	}
	q := r.URL.Query()
	v := pages.IncidentView{JustSent: q.Get(paths.ParamNotice) == paths.NoticeIncidentSent}
	var err error
	v.Incident, err = incident.Get(r.Context(), s.reads, id)
	if err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	if v.Statuses, err = mail.Summary(r.Context(), s.reads, mail.IncidentCause(id)); err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	const pageSize = 100
	v.Deliveries, err = mail.Deliveries(r.Context(), s.reads, mail.IncidentCause(id), mail.Page{After: q.Get(paths.ParamAfter), Limit: pageSize})
	if err != nil {
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	if len(v.Deliveries) == pageSize {
		v.NextAfter = v.Deliveries[pageSize-1].To
	}
	s.render(w, r, http.StatusOK, pages.Incident(v))
}
