// Package paths builds every URL the portal sends a browser to: the links
// and form actions of its pages, and the targets of its redirects. Handlers,
// templates, internal/auth and internal/config take their URLs from here and
// never type one out; internal/web/routes.go is the one list of routes, and
// its test routes every URL built here.
//
// The package depends on nothing of the portal but the environments, so any
// package may import it.
package paths

import (
	"net/url"
	"strconv"

	"github.com/google/uuid"

	"github.com/digdir/selvbetjening/internal/environment"
)

// Pages and form targets without parameters.
const (
	Home              = "/"
	Callback          = "/auth/callback" // where the OpenID provider sends the browser back after a login
	Logout            = "/logg-ut"       // a form posts here
	LoggedOut         = "/logget-ut"
	NoOrganisation    = "/ingen-virksomhet"
	Services          = "/tjenester"
	Administration    = "/tjenester/administrasjon"
	IntegrationCreate = "/integrasjoner/ny" // the create form posts here; IntegrationNew shows it
)

// Query parameters the portal's handlers read back, and their fixed values.
const (
	ParamEnv       = "miljo"   // TEST or PROD
	ParamFilter    = "vis"     // FilterInactive, or absent for the active integrations
	ParamAfter     = "etter"   // the list's cursor
	ParamNotice    = "melding" // a Notice
	ParamNext      = "neste"   // where to go after logging in or choosing an organisation
	ParamFresh     = "ny"      // FreshYes asks the provider for a new login
	FilterInactive = "inaktive"
	FreshYes       = "ja"
)

// KeysSection is the id of the key section on an integration's page.
const KeysSection = "nokler"

// Start is where a logged-in person begins: their integrations in TEST,
// where people experiment.
func Start() string { return IntegrationList(environment.Test) }

// Login starts a login that comes back to next (a path on this site; none
// when empty).
func Login(next string) string {
	if next == "" {
		return "/logg-inn"
	}
	return "/logg-inn?" + ParamNext + "=" + url.QueryEscape(next)
}

// FreshLogin starts a login that asks the provider to log the person in
// again (as a change in PROD needs), then comes back to next.
func FreshLogin(next string) string {
	return "/logg-inn?" + url.Values{ParamNext: {next}, ParamFresh: {FreshYes}}.Encode()
}

// ChooseOrganisation is "Velg virksomhet", which goes on to next when one
// is chosen (to Start when next is empty).
func ChooseOrganisation(next string) string {
	if next == "" {
		return "/velg-virksomhet"
	}
	return "/velg-virksomhet?" + ParamNext + "=" + url.QueryEscape(next)
}

// IntegrationList is the organisation's active integrations in env.
func IntegrationList(env environment.Env) string {
	return IntegrationListPage(env, false, "")
}

// IntegrationListPage is the list with its filter (inactive shows the
// deactivated ones) and, after the first page, the cursor of the page.
func IntegrationListPage(env environment.Env, inactive bool, after string) string {
	u := "/integrasjoner?" + ParamEnv + "=" + url.QueryEscape(string(env))
	if inactive {
		u += "&" + ParamFilter + "=" + FilterInactive
	}
	if after != "" {
		u += "&" + ParamAfter + "=" + url.QueryEscape(after)
	}
	return u
}

// IntegrationNew is the empty "Ny integrasjon" form for env.
func IntegrationNew(env environment.Env) string {
	return IntegrationCreate + "?" + ParamEnv + "=" + url.QueryEscape(string(env))
}

// Integration is an integration's own page.
func Integration(clientID uuid.UUID) string { return "/integrasjoner/" + clientID.String() }

// IntegrationEdit is "Endre"; the form posts to the same URL.
func IntegrationEdit(clientID uuid.UUID) string { return Integration(clientID) + "/endre" }

// IntegrationDeactivate is the confirmation of "Deaktiver"; it posts to the same URL.
func IntegrationDeactivate(clientID uuid.UUID) string { return Integration(clientID) + "/deaktiver" }

// IntegrationKeys is where the form that adds a key posts.
func IntegrationKeys(clientID uuid.UUID) string { return Integration(clientID) + "/nokler" }

// IntegrationKeyRemove is where "Fjern nøkkel" posts for one key.
func IntegrationKeyRemove(clientID uuid.UUID, keyID int64) string {
	return IntegrationKeys(clientID) + "/" + strconv.FormatInt(keyID, 10) + "/fjern"
}

// Service is one of the organisation's services on "Virksomhetens
// tjenester", by its code (merchant.Service): its merchant data.
func Service(service string) string { return Services + "/" + url.PathEscape(service) }

// ServiceEdit is "Rediger integrasjon" for a service's merchant data; the
// form posts to the same URL.
func ServiceEdit(service string) string { return Service(service) + "/rediger" }

// ServiceNotice is a service's page with a notice.
func ServiceNotice(service string, n Notice) string {
	return Service(service) + "?" + ParamNotice + "=" + string(n)
}

// Static is one of the embedded files under web/static (style.css, copy.js).
func Static(name string) string { return "/static/" + name }

// The REST API: its base path, where its OpenAPI document is served (huma
// adds the extension to APIOpenAPIName).
const (
	APIBase        = "/api/v1"
	APIOpenAPIName = "openapi"
	APIOpenAPI     = APIBase + "/" + APIOpenAPIName + ".json"
	APIDocs        = "/tjenester/api-for-selvbetjening" // the portal's page about the API
)

// APIClient is an integration in the REST API.
func APIClient(clientID uuid.UUID) string { return APIBase + "/clients/" + clientID.String() }

// APIClients is the API's list of integrations, from the cursor after (the
// first page when empty), with deactivated ones when inactive.
func APIClients(after string, inactive bool) string {
	q := url.Values{}
	if inactive {
		q.Set("inactive", "true")
	}
	if after != "" {
		q.Set("after", after)
	}
	if len(q) == 0 {
		return APIBase + "/clients"
	}
	return APIBase + "/clients?" + q.Encode()
}

// APIPublicScopes is a page of GET /scopes/all: the one after the scope
// named after (from the first when empty).
func APIPublicScopes(after string, accessibleForAll bool) string {
	q := url.Values{}
	if accessibleForAll {
		q.Set("accessible_for_all", "true")
	}
	if after != "" {
		q.Set("after", after)
	}
	if len(q) == 0 {
		return APIBase + "/scopes/all"
	}
	return APIBase + "/scopes/all?" + q.Encode()
}
