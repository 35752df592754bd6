package paths

import (
	"net/url"
	"strconv"
)

// Servicedesk's critical incidents.
const (
	// ServicedeskIncidents lists the incidents sent, newest first.
	ServicedeskIncidents = "/servicedesk/hendelser"
	// ServicedeskIncidentNew is "Ny hendelse", which posts to the same URL.
	ServicedeskIncidentNew = "/servicedesk/hendelser/ny"
	// ParamBefore pages the list of incidents: those older than this id.
	ParamBefore = "for"
	// NoticeIncidentSent is the incident page's ?melding= after "Send varsel".
	NoticeIncidentSent = "varsel-sendt"
)

// ServicedeskIncidentsBefore is the list of incidents older than before.
func ServicedeskIncidentsBefore(before int64) string {
	return ServicedeskIncidents + "?" + url.Values{ParamBefore: {strconv.FormatInt(before, 10)}}.Encode()
}

// ServicedeskIncident is an incident's page with its "Utsendte varsler".
func ServicedeskIncident(id int64) string {
	return ServicedeskIncidents + "/" + strconv.FormatInt(id, 10)
}

// ServicedeskIncidentSent is the incident's page right after it was sent.
func ServicedeskIncidentSent(id int64) string {
	return ServicedeskIncident(id) + "?" + url.Values{ParamNotice: {NoticeIncidentSent}}.Encode()
}

// ServicedeskIncidentDeliveries is the incident's page showing the
// deliveries to the recipients after the address after (ParamAfter).
func ServicedeskIncidentDeliveries(id int64, after string) string {
	return ServicedeskIncident(id) + "?" + url.Values{ParamAfter: {after}}.Encode()
}
