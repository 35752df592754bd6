package paths

import "net/url"

// AuditFilter is the audit log's filter as its URL carries it: the values
// as typed, checked by the handler that reads them back.
type AuditFilter struct {
	OrgNo, Person, Role, Env, Action, From, Until string
}

// The audit log's query parameters (ParamEnv and ParamAfter besides).
const (
	ParamOrgNo  = "virksomhet"
	ParamPerson = "person"
	ParamRole   = "rolle"
	ParamAction = "handling"
	ParamFrom   = "fra"
	ParamUntil  = "til"
)

// Values is the filter as query parameters, without the empty ones.
func (f AuditFilter) Values() url.Values {
	v := url.Values{}
	for k, s := range map[string]string{ParamOrgNo: f.OrgNo, ParamPerson: f.Person, ParamRole: f.Role,
		ParamEnv: f.Env, ParamAction: f.Action, ParamFrom: f.From, ParamUntil: f.Until} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v
}

func withQuery(path string, v url.Values) string {
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// ServicedeskAudit is the whole audit log in the console, filtered, from
// the cursor after (the first page when empty).
func ServicedeskAudit(f AuditFilter, after string) string {
	v := f.Values()
	if after != "" {
		v.Set(ParamAfter, after)
	}
	return withQuery("/servicedesk/endringslogg", v)
}

// ServicedeskAuditCSV is the filtered log as one CSV file.
func ServicedeskAuditCSV(f AuditFilter) string {
	return withQuery("/servicedesk/endringslogg.csv", f.Values())
}

// Changelog is "Endringslogg" under "Virksomhetens tjenester": the
// organisation's own part of the log (its organisation is the session's,
// whatever the filter says).
func Changelog(f AuditFilter, after string) string {
	f.OrgNo = ""
	v := f.Values()
	if after != "" {
		v.Set(ParamAfter, after)
	}
	return withQuery("/tjenester/endringslogg", v)
}
