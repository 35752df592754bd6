package web

import (
	"net/http"

	"github.com/google/uuid"

	"github.com/digdir/selvbetjening/internal/paths"
)

// consoleCases are the servicedesk console's URLs for
// TestEveryBuiltPathIsRouted, with the method each is used with.
func consoleCases(uuid.UUID) []struct{ builder, method, url string } {
	get, post := http.MethodGet, http.MethodPost
	cases := []struct{ builder, method, url string }{
		{"Servicedesk", get, paths.Servicedesk},
		{"ServicedeskStaff", get, paths.ServicedeskStaff},
		{"ServicedeskStaff", post, paths.ServicedeskStaff},
		{"ServicedeskStaffRevoke", post, paths.ServicedeskStaffRevoke(7)},
		{"ServicedeskDomains", get, paths.ServicedeskDomains("")},
		{"ServicedeskDomains", get, paths.ServicedeskDomains("konsument")},
		{"ServicedeskDomains", post, paths.ServicedeskDomains("")},
		{"ServicedeskDomain", get, paths.ServicedeskDomain("konsument.example")},
		{"ServicedeskDomainUnlink", post, paths.ServicedeskDomainUnlink("konsument.example", "310000019")},
		{"ServicedeskPersons", get, paths.ServicedeskPersons},
		{"ServicedeskPersons", post, paths.ServicedeskPersons},
		{"ServicedeskPersonRegister", post, paths.ServicedeskPersonRegister("310000019")},
		{"ServicedeskPersonRemove", post, paths.ServicedeskPersonRemove("310000019", 3)},
		{"ServicedeskPrefixes", get, paths.ServicedeskPrefixes},
		{"ServicedeskPrefixes", post, paths.ServicedeskPrefixes},
		{"ServicedeskPrefix", get, paths.ServicedeskPrefix("skatteetaten")},
		{"ServicedeskPrefixMove", post, paths.ServicedeskPrefixMove("skatteetaten")},
		{"ServicedeskPrefixRetire", post, paths.ServicedeskPrefixRetire("skatteetaten")},
		{"ServicedeskAudit", get, paths.ServicedeskAudit(paths.AuditFilter{}, "")},
		{"ServicedeskAudit", get, paths.ServicedeskAudit(paths.AuditFilter{OrgNo: "310000019", Role: "servicedesk"}, "42")},
		{"ServicedeskAuditCSV", get, paths.ServicedeskAuditCSV(paths.AuditFilter{Env: "PROD"})},
		{"Changelog", get, paths.Changelog(paths.AuditFilter{}, "")},
		{"Changelog", get, paths.Changelog(paths.AuditFilter{Action: "integration.create"}, "42")},
		{"ServicedeskSessions", get, paths.ServicedeskSessions},
		{"ServicedeskSessions", post, paths.ServicedeskSessions},
		{"ServicedeskPersonSessions", get, paths.ServicedeskPersonSessions("abc-_DEF")},
		{"ServicedeskSessionEnd", post, paths.ServicedeskSessionEnd("abc-_DEF", 9)},
		{"ServicedeskSessionsEnd", post, paths.ServicedeskSessionsEnd("abc-_DEF")},
		{"ServicedeskOrganisations", get, paths.ServicedeskOrganisations("")},
		{"ServicedeskOrganisations", get, paths.ServicedeskOrganisations("Konsument AS")},
		{"ServicedeskOrganisationNew", get, paths.ServicedeskOrganisationNew},
		{"ServicedeskOrganisationNew", post, paths.ServicedeskOrganisationNew},
		{"ServicedeskOrganisation", get, paths.ServicedeskOrganisation("310000019")},
		{"ServicedeskOrganisationRename", post, paths.ServicedeskOrganisationRename("310000019")},
		{"ServicedeskIncidents", get, paths.ServicedeskIncidents},
		{"ServicedeskIncidentsBefore", get, paths.ServicedeskIncidentsBefore(40)},
		{"ServicedeskIncidentNew", get, paths.ServicedeskIncidentNew},
		{"ServicedeskIncidentNew", post, paths.ServicedeskIncidentNew},
		{"ServicedeskIncident", get, paths.ServicedeskIncident(42)},
		{"ServicedeskIncidentSent", get, paths.ServicedeskIncidentSent(42)},
		{"ServicedeskIncidentDeliveries", get, paths.ServicedeskIncidentDeliveries(42, "drift@konsument.example")},
	}
	for _, n := range paths.ConsoleNotices() {
		cases = append(cases, struct{ builder, method, url string }{"WithConsoleNotice", get,
			paths.WithConsoleNotice(paths.ServicedeskStaff, n)})
	}
	return cases
}
