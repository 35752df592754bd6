package paths

import (
	"net/url"
	"strconv"

	"github.com/digdir/selvbetjening/internal/environment"
)

// "Mine API": an API provider's scopes, who may use them, and requests for access.
const (
	ScopeCreate         = "/mine-api/ny"             // the "Nytt scope" form posts here; ScopeNew shows it
	AccessRequestCreate = "/tilgangsforesporsler/ny" // "Be om tilgang" posts here; AccessRequestNew shows it
	AccessRequests      = "/tilgangsforesporsler"    // the consumer's requests and their answers
	ParamScope          = "scope"                    // a scope's full name
)

// APIList is "Mine API" in env.
func APIList(env environment.Env) string {
	return "/mine-api?" + ParamEnv + "=" + url.QueryEscape(string(env))
}

// APIListNotice is "Mine API" in env with a notice about an answered request.
func APIListNotice(env environment.Env, n ScopeNotice) string {
	return APIList(env) + "&" + ParamNotice + "=" + string(n)
}

// ScopeNew is the empty "Nytt scope" form, reached from "Mine API" in env.
func ScopeNew(env environment.Env) string {
	return ScopeCreate + "?" + ParamEnv + "=" + url.QueryEscape(string(env))
}

// Scope is a scope's own page, with who has access in each environment.
func Scope(id int64) string { return "/mine-api/scopes/" + strconv.FormatInt(id, 10) }

// ScopeWithNotice is a scope's page with a notice.
func ScopeWithNotice(id int64, n ScopeNotice) string {
	return Scope(id) + "?" + ParamNotice + "=" + string(n)
}

// ScopeEdit is "Endre"; the form posts to the same URL.
func ScopeEdit(id int64) string { return Scope(id) + "/endre" }

// ScopeDeactivate is the confirmation of "Deaktiver"; it posts to the same URL.
func ScopeDeactivate(id int64) string { return Scope(id) + "/deaktiver" }

// ScopeReactivate is where "Aktiver igjen" posts.
func ScopeReactivate(id int64) string { return Scope(id) + "/aktiver" }

// ScopeGrants is where "Legg til tilgang" posts, for the environment in its form.
func ScopeGrants(id int64) string { return Scope(id) + "/tilgang" }

// ScopeGrantRemove is the confirmation of "Fjern tilgang" for one
// organisation in env; it posts to the same URL.
func ScopeGrantRemove(id int64, env environment.Env, orgNo string) string {
	return ScopeGrants(id) + "/" + url.PathEscape(string(env)) + "/" + url.PathEscape(orgNo) + "/fjern"
}

// AccessRequestApprove is where "Godkjenn" posts.
func AccessRequestApprove(id int64) string {
	return "/mine-api/foresporsler/" + strconv.FormatInt(id, 10) + "/godkjenn"
}

// AccessRequestDeny is where "Avslå" posts, with its reason.
func AccessRequestDeny(id int64) string {
	return "/mine-api/foresporsler/" + strconv.FormatInt(id, 10) + "/avsla"
}

// AccessRequestNew is the "Be om tilgang" form for the scope named name in env.
func AccessRequestNew(env environment.Env, name string) string {
	return AccessRequestCreate + "?" + url.Values{ParamEnv: {string(env)}, ParamScope: {name}}.Encode()
}

// AccessRequestsSent is the consumer's requests after one was sent (or was open already).
func AccessRequestsSent(created bool) string {
	if created {
		return AccessRequests + "?" + ParamNotice + "=" + string(NoticeRequestSent)
	}
	return AccessRequests + "?" + ParamNotice + "=" + string(NoticeRequestOpen)
}

// ScopeNotice names what a provider's page confirms after an action.
type ScopeNotice string

const (
	NoticeScopeCreated     ScopeNotice = "scope-opprettet"
	NoticeScopeSaved       ScopeNotice = "scope-lagret"
	NoticeScopeDeactivated ScopeNotice = "scope-deaktivert"
	NoticeScopeReactivated ScopeNotice = "scope-aktivert"
	NoticeGrantsAdded      ScopeNotice = "tilgang-lagt-til"
	NoticeGrantRemoved     ScopeNotice = "tilgang-fjernet"
	NoticeRequestApproved  ScopeNotice = "godkjent"
	NoticeRequestDenied    ScopeNotice = "avslatt"
	NoticeRequestSent      ScopeNotice = "sendt"
	NoticeRequestOpen      ScopeNotice = "allerede-sendt"
)

// ScopeNotices lists every such notice, for the text catalogue's test.
func ScopeNotices() []ScopeNotice {
	return []ScopeNotice{NoticeScopeCreated, NoticeScopeSaved, NoticeScopeDeactivated, NoticeScopeReactivated,
		NoticeGrantsAdded, NoticeGrantRemoved, NoticeRequestApproved, NoticeRequestDenied, NoticeRequestSent, NoticeRequestOpen}
}

// ParseScopeNotice returns the notice named s, or "" for anything else.
func ParseScopeNotice(s string) ScopeNotice {
	for _, n := range ScopeNotices() {
		if string(n) == s {
			return n
		}
	}
	return ""
}
