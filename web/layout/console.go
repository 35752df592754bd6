package layout

import (
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/web/text"
)

// ConsoleSection is one page of the servicedesk console in the left menu.
type ConsoleSection struct {
	Section string // Nav.Section of its pages
	Path    string
	Label   func(t *text.Catalogue) string
}

// ConsoleSections lists the console's sections in the order of the menu.
func ConsoleSections() []ConsoleSection {
	return []ConsoleSection{
		{"servicedesk-organisations", paths.ServicedeskOrganisations(""), func(t *text.Catalogue) string { return t.Servicedesk.MenuOrganisations }},
		{"servicedesk-persons", paths.ServicedeskPersons, func(t *text.Catalogue) string { return t.Servicedesk.MenuPersons }},
		{"servicedesk-prefixes", paths.ServicedeskPrefixes, func(t *text.Catalogue) string { return t.Servicedesk.MenuPrefixes }},
		{"servicedesk-domains", paths.ServicedeskDomains(""), func(t *text.Catalogue) string { return t.Servicedesk.MenuDomains }},
		{"servicedesk-sessions", paths.ServicedeskSessions, func(t *text.Catalogue) string { return t.Servicedesk.MenuSessions }},
		{"servicedesk-incidents", paths.ServicedeskIncidents, func(t *text.Catalogue) string { return t.Incidents.Menu }},
		{"servicedesk-audit", paths.ServicedeskAudit(paths.AuditFilter{}, ""), func(t *text.Catalogue) string { return t.Servicedesk.MenuAudit }},
		{"servicedesk-staff", paths.ServicedeskStaff, func(t *text.Catalogue) string { return t.Servicedesk.MenuStaff }},
	}
}
