package pages

import (
	"context"
	"slices"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/incident"
	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/web/components"
	"github.com/digdir/selvbetjening/web/text"
)

// IncidentsView is the list of incidents sent.
type IncidentsView struct {
	Incidents []incident.Incident
	// Older is the id to page on from, 0 when there are no older ones.
	Older int64
}

// IncidentFormView is "Ny hendelse" as typed.
type IncidentFormView struct {
	Draft       incident.Draft
	CreationKey string
	Orgs        []incident.Organisation // to choose from
	Errors      incident.FieldErrors
}

// IncidentView is an incident's page with its "Utsendte varsler".
type IncidentView struct {
	Incident   incident.Incident
	Deliveries []mail.Delivery // a page of them, by recipient
	// NextAfter is the last recipient shown when there may be more, else "".
	NextAfter string
	JustSent  bool // the browser came here from "Send varsel"
}

// hasOutbox reports whether any delivery shown stayed in the development outbox.
func (v IncidentView) hasOutbox() bool {
	for _, d := range v.Deliveries {
		if d.Transport == mail.TransportOutbox {
			return true
		}
	}
	return false
}

// incidentMessage says what is wrong with a field of "Ny hendelse", "" when nothing is.
func incidentMessage(ctx context.Context, errs incident.FieldErrors, field string) string {
	c, ok := errs[field]
	if !ok {
		return ""
	}
	t := text.From(ctx)
	if msg, ok := t.Incidents.FieldError(string(c), incident.Limit(c)); ok {
		return msg
	}
	return t.Common.ErrorSummary
}

// incidentFields are the form's fields in the order of the page; each
// error links to the field's id (for a group, its first choice's).
var incidentFields = []struct{ name, id string }{
	{incident.FieldTitle, incident.FieldTitle},
	{incident.FieldText, incident.FieldText},
	{incident.FieldService, incident.FieldService},
	{incident.FieldEnv, incident.FieldEnv + "-TEST"},
	{incident.FieldSeverity, incident.FieldSeverity},
	{incident.FieldAudience, incident.FieldAudience + "-users"},
	{incident.FieldOrgs, incident.FieldOrgs + "-0"},
}

func incidentProblems(ctx context.Context, errs incident.FieldErrors) []components.ErrorLink {
	var out []components.ErrorLink
	for _, f := range incidentFields {
		if msg := incidentMessage(ctx, errs, f.name); msg != "" {
			out = append(out, components.ErrorLink{FieldID: f.id, Message: msg})
		}
	}
	return out
}

func incidentErrID(errs incident.FieldErrors, field string) string {
	if _, ok := errs[field]; ok {
		return "feil-" + field
	}
	return ""
}

func incidentEnvs(ctx context.Context, envs []environment.Env) string {
	s := make([]string, len(envs))
	for i, e := range envs {
		s[i] = string(e)
	}
	return text.From(ctx).Incidents.EnvList(s)
}

func severityName(ctx context.Context, s incident.Severity) string {
	name, _ := text.From(ctx).Incidents.SeverityName(string(s))
	return name
}

func audienceName(ctx context.Context, a incident.Audience) string {
	t := text.From(ctx).Incidents
	if a == incident.Chosen {
		return t.AudienceChosenShort
	}
	return t.AudienceUsersShort
}

func deliveryStatus(ctx context.Context, s mail.Status) string {
	name, _ := text.From(ctx).Incidents.DeliveryStatus(string(s))
	return name
}

// deliveryBadge is the badge class of a delivery's status.
func deliveryBadge(s mail.Status) string {
	switch s {
	case mail.StatusSent:
		return "badge ok"
	case mail.StatusFailed:
		return "badge warn"
	}
	return "badge"
}

// draftHasEnv and draftHasOrg keep the boxes checked as they were posted.
func draftHasEnv(d incident.Draft, env environment.Env) bool {
	return slices.Contains(d.Envs, string(env))
}

func draftHasOrg(d incident.Draft, orgNo string) bool { return slices.Contains(d.OrgNos, orgNo) }
