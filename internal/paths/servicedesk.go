package paths

import (
	"net/url"
	"strconv"
)

// The servicedesk console. Every URL here is refused with 403 to anyone
// who is not servicedesk (internal/web, requireServicedesk). No URL of the
// console holds a person number or an e-mail address: those are posted.
const (
	Servicedesk      = "/servicedesk"
	ServicedeskStaff = "/servicedesk/roller" // the list, and where "Gi rollen" posts
	// ServicedeskOrganisationNew is the form "Ny virksomhet", which posts to the same URL.
	ServicedeskOrganisationNew = "/servicedesk/virksomheter/ny"
	// ServicedeskPersons is the search of persons registered for production;
	// it is posted, since it may hold a person number.
	ServicedeskPersons = "/servicedesk/personer"
	// ServicedeskPrefixes lists the scope prefixes; "Tildel" posts to it.
	ServicedeskPrefixes = "/servicedesk/prefikser"
	// ServicedeskSessions finds a person's sessions; the search is posted.
	ServicedeskSessions = "/servicedesk/innlogginger"
)

// ServicedeskPersonSessions lists the live sessions of a login subject.
func ServicedeskPersonSessions(subject string) string {
	return ServicedeskSessions + "/" + url.PathEscape(subject)
}

// ServicedeskSessionEnd is where "Avslutt" posts for one session.
func ServicedeskSessionEnd(subject string, id int64) string {
	return ServicedeskPersonSessions(subject) + "/" + strconv.FormatInt(id, 10) + "/avslutt"
}

// ServicedeskSessionsEnd is where "Avslutt alle" posts.
func ServicedeskSessionsEnd(subject string) string {
	return ServicedeskPersonSessions(subject) + "/avslutt"
}

// ServicedeskPrefix is a prefix's page, with "Flytt" and "Pensjoner".
func ServicedeskPrefix(prefix string) string {
	return ServicedeskPrefixes + "/" + url.PathEscape(prefix)
}

// ServicedeskPrefixMove is where "Flytt" posts.
func ServicedeskPrefixMove(prefix string) string { return ServicedeskPrefix(prefix) + "/flytt" }

// ServicedeskPrefixRetire is where "Pensjoner" posts.
func ServicedeskPrefixRetire(prefix string) string { return ServicedeskPrefix(prefix) + "/pensjoner" }

// ParamSearch is what a console search asks for.
const ParamSearch = "sok"

// ServicedeskOrganisations is the search of organisations, for q (all when empty).
func ServicedeskOrganisations(q string) string {
	if q == "" {
		return "/servicedesk/virksomheter"
	}
	return "/servicedesk/virksomheter?" + ParamSearch + "=" + url.QueryEscape(q)
}

// ServicedeskDomains is the list of e-mail domains containing q (all when
// empty); the form that links a domain posts to it without q.
func ServicedeskDomains(q string) string {
	if q == "" {
		return "/servicedesk/domener"
	}
	return "/servicedesk/domener?" + ParamSearch + "=" + url.QueryEscape(q)
}

// ServicedeskDomain is a domain's page: where it leads.
func ServicedeskDomain(domain string) string { return "/servicedesk/domener/" + url.PathEscape(domain) }

// ServicedeskDomainUnlink is where "Fjern koblingen" posts for one link.
func ServicedeskDomainUnlink(domain, orgNo string) string {
	return ServicedeskDomain(domain) + "/" + url.PathEscape(orgNo) + "/fjern"
}

// ServicedeskOrganisation is an organisation's page in the console.
func ServicedeskOrganisation(orgNo string) string {
	return "/servicedesk/virksomheter/" + url.PathEscape(orgNo)
}

// ServicedeskPersonRegister is where the form that registers a person
// number for production at the organisation posts.
func ServicedeskPersonRegister(orgNo string) string {
	return ServicedeskOrganisation(orgNo) + "/personer"
}

// ServicedeskPersonRemove is where "Fjern" posts for one registration.
func ServicedeskPersonRemove(orgNo string, id int64) string {
	return ServicedeskPersonRegister(orgNo) + "/" + strconv.FormatInt(id, 10) + "/fjern"
}

// ServicedeskOrganisationRename is where the rename form posts.
func ServicedeskOrganisationRename(orgNo string) string {
	return ServicedeskOrganisation(orgNo) + "/navn"
}

// ServicedeskStaffRevoke is where "Fjern rollen" posts for one person.
func ServicedeskStaffRevoke(id int64) string {
	return ServicedeskStaff + "/" + strconv.FormatInt(id, 10) + "/fjern"
}

// ConsoleNotice names what a console page confirms after an action sent
// the browser there (?melding=); the page says it in words.
type ConsoleNotice string

const (
	NoticeStaffGranted   ConsoleNotice = "rolle-gitt"
	NoticeStaffRevoked   ConsoleNotice = "rolle-fjernet"
	NoticeOrgCreated     ConsoleNotice = "virksomhet-opprettet"
	NoticeOrgRenamed     ConsoleNotice = "navn-endret"
	NoticeDomainLinked   ConsoleNotice = "domene-koblet"
	NoticeDomainUnlinked ConsoleNotice = "domene-fjernet"
	NoticePersonRemoved  ConsoleNotice = "person-fjernet"
	NoticePrefixAssigned ConsoleNotice = "prefiks-tildelt"
	NoticePrefixMoved    ConsoleNotice = "prefiks-flyttet"
	NoticePrefixRetired  ConsoleNotice = "prefiks-pensjonert"
	NoticeSessionsEnded  ConsoleNotice = "innlogging-avsluttet"
)

// ConsoleNotices lists every console notice, for the text catalogue's test.
func ConsoleNotices() []ConsoleNotice {
	return []ConsoleNotice{NoticeStaffGranted, NoticeStaffRevoked, NoticeOrgCreated, NoticeOrgRenamed,
		NoticeDomainLinked, NoticeDomainUnlinked, NoticePersonRemoved,
		NoticePrefixAssigned, NoticePrefixMoved, NoticePrefixRetired, NoticeSessionsEnded}
}

// ParseConsoleNotice returns the notice named s, or "" for anything else.
func ParseConsoleNotice(s string) ConsoleNotice {
	for _, n := range ConsoleNotices() {
		if string(n) == s {
			return n
		}
	}
	return ""
}

// WithConsoleNotice is a console page's URL with a notice.
func WithConsoleNotice(page string, n ConsoleNotice) string {
	u, err := url.Parse(page)
	if err != nil {
		return page
	}
	q := u.Query()
	q.Set(ParamNotice, string(n))
	u.RawQuery = q.Encode()
	return u.String()
}
