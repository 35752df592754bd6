package web

import (
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/orgno"
	"github.com/digdir/selvbetjening/internal/oslotime"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/servicedesk"
)

// auditQuery is the audit log's filter read from a URL: the filter for the
// domain, the values as typed for the form, and what is wrong with them.
type auditQuery struct {
	filter audit.Filter
	form   paths.AuditFilter
	errs   servicedesk.FieldErrors
}

// maxFilterText bounds a typed filter value; longer ones match nothing anyway.
const maxFilterText = 200

// parseAuditQuery reads the filter. A value a person types (organisation
// number, person, dates) that is wrong is a message on the form; a value
// only a changed URL can hold (a role, environment or action we do not
// have) makes ok false, a bad request.
func parseAuditQuery(q url.Values) (aq auditQuery, ok bool) {
	get := func(k string) string { return strings.TrimSpace(q.Get(k)) }
	aq.form = paths.AuditFilter{OrgNo: get(paths.ParamOrgNo), Person: get(paths.ParamPerson), Role: get(paths.ParamRole),
		Env: get(paths.ParamEnv), Action: get(paths.ParamAction), From: get(paths.ParamFrom), Until: get(paths.ParamUntil)}
	f := aq.form
	for _, s := range []string{f.OrgNo, f.Person, f.From, f.Until} {
		if len(s) > maxFilterText || !storable(s) {
			return aq, false
		}
	}
	aq.errs = servicedesk.FieldErrors{}
	if f.OrgNo != "" {
		switch err := orgno.Validate(f.OrgNo); {
		case errors.Is(err, orgno.ErrCheckDigit):
			aq.errs[paths.ParamOrgNo] = servicedesk.CodeOrgNoCheckDigit
		case err != nil:
			aq.errs[paths.ParamOrgNo] = servicedesk.CodeOrgNoFormat
		}
		aq.filter.OrgNo = f.OrgNo
	}
	aq.filter.Person = f.Person
	switch identity.Role(f.Role) {
	case "":
	case identity.RoleEmployee, identity.RoleServicedesk, identity.RoleAPIClient:
		aq.filter.Role = identity.Role(f.Role)
	default:
		return aq, false
	}
	if f.Env != "" {
		env, err := environment.Parse(f.Env)
		if err != nil {
			return aq, false
		}
		aq.filter.Env = string(env)
	}
	if f.Action != "" {
		a, known := audit.ParseAction(f.Action)
		if !known {
			return aq, false
		}
		aq.filter.Action = a
	}
	var fromOK, untilOK bool
	if aq.filter.From, fromOK = parseDay(f.From); !fromOK {
		aq.errs[paths.ParamFrom] = servicedesk.CodeDateInvalid
	}
	if until, ok := parseDay(f.Until); !ok {
		aq.errs[paths.ParamUntil] = servicedesk.CodeDateInvalid
	} else if !until.IsZero() {
		aq.filter.Until, untilOK = until.AddDate(0, 0, 1), true // the whole of that day
	}
	if fromOK && untilOK && !aq.filter.From.IsZero() && !aq.filter.Until.After(aq.filter.From) {
		aq.errs[paths.ParamUntil] = servicedesk.CodeDateOrder
	}
	return aq, true
}

// parseDay reads a date as a date field sends it (2026-12-02) or as a
// person types it (02.12.2026), as the start of that day in Oslo; the zero
// time for "", and false for anything else.
func parseDay(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	for _, layout := range []string{"2006-01-02", "02.01.2006", "2.1.2006"} {
		if d, err := time.ParseInLocation(layout, s, oslotime.Location); err == nil && d.Year() >= 2000 && d.Year() < 3000 {
			return d, true
		}
	}
	return time.Time{}, false
}
