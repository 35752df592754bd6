package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/api"
	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// sharedScope makes a scope shared with orgNo in env and returns its name.
func (s *site) sharedScope(orgNo string, env environment.Env, maxLifetime int) string {
	s.t.Helper()
	sc := storetest.Scope(s.t, s.owner, storetest.ScopeOptions{MaxTokenLifetime: maxLifetime})
	storetest.Grant(s.t, s.owner, storetest.GrantOptions{ScopeID: sc.ID, OrgNo: orgNo, Env: env})
	return sc.Name
}

func TestClientLifecycle(t *testing.T) {
	t.Parallel()
	s := start(t)
	a := s.admin("", environment.Test, api.ScopeRead, api.ScopeWrite)
	scope := s.sharedScope(a.orgNo, environment.Test, 600)

	// POST /clients: the full model back, with the server's client id.
	r := s.call(http.MethodPost, "/api/v1/clients", a.token, map[string]any{
		"client_name": "Fra API-et", "description": "Laget med curl", "integration_type": "maskinporten",
		"scopes": []string{scope}, "access_token_lifetime": 300,
		"token_endpoint_auth_method": "private_key_jwt", "grant_types": []string{"urn:ietf:params:oauth:grant-type:jwt-bearer"},
		"application_type": "web", "redirect_uris": []string{}})
	require.Equal(t, http.StatusCreated, r.status, "%s", r.body)
	var c api.Client
	r.json(t, &c)
	require.NotEqual(t, uuid.Nil, c.ClientID)
	require.Equal(t, "Fra API-et", c.ClientName)
	require.Equal(t, a.orgNo, c.ClientOrgno)
	require.Equal(t, []string{scope}, c.Scopes)
	require.Equal(t, 300, c.AccessTokenLifetime)
	require.True(t, c.Active)
	require.Equal(t, `"1"`, r.header.Get("ETag"))
	require.Equal(t, "/api/v1/clients/"+c.ClientID.String(), r.header.Get("Location"))

	// The pages see it, and its audit row names the API client.
	i := s.integrationOf(a.orgNo, c.ClientID)
	require.Equal(t, "Fra API-et", i.Name)
	events, err := audit.History(context.Background(), s.owner, a.orgNo, "integration", c.ClientID.String(), 5)
	require.NoError(t, err)
	require.Len(t, events, 1)
	require.Equal(t, audit.IntegrationCreate, events[0].Action)
	require.Equal(t, identity.RoleAPIClient, events[0].ActorRole)
	require.Equal(t, "Adminklient ("+a.clientID.String()+")", events[0].ActorName)

	// GET /clients/{id}, with its ETag.
	r = s.call(http.MethodGet, "/api/v1/clients/"+c.ClientID.String(), a.token, nil)
	require.Equal(t, http.StatusOK, r.status)
	require.Equal(t, `"1"`, r.header.Get("ETag"))

	// PUT with the current ETag changes it; with the old one, 412.
	change := map[string]any{"client_name": "Nytt navn", "integration_type": "maskinporten", "scopes": []string{scope}}
	r = s.call(http.MethodPut, "/api/v1/clients/"+c.ClientID.String(), a.token, change, "If-Match", `"1"`)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	require.Equal(t, `"2"`, r.header.Get("ETag"))
	r.json(t, &c)
	require.Equal(t, "Nytt navn", c.ClientName)
	require.Equal(t, 120, c.AccessTokenLifetime, "PUT replaces: an absent lifetime is the default")
	change["client_name"] = "Tapt endring"
	r = s.call(http.MethodPut, "/api/v1/clients/"+c.ClientID.String(), a.token, change, "If-Match", `"1"`)
	require.Equal(t, http.StatusPreconditionFailed, r.status)
	require.Equal(t, api.CodeStale, r.problem(t).Code)
	require.Equal(t, "Nytt navn", s.integrationOf(a.orgNo, c.ClientID).Name, "no lost update")
	r = s.call(http.MethodPut, "/api/v1/clients/"+c.ClientID.String(), a.token, change, "If-Match", `W/"2"`)
	require.Equal(t, http.StatusPreconditionFailed, r.status, "a weak tag never matches If-Match")

	// The type cannot change.
	r = s.call(http.MethodPut, "/api/v1/clients/"+c.ClientID.String(), a.token,
		map[string]any{"client_name": "x", "integration_type": "idporten"})
	require.Equal(t, http.StatusUnprocessableEntity, r.status)
	require.Equal(t, "integration_type", r.problem(t).Errors[0].Field)

	// DELETE deactivates; the list hides it unless ?inactive=true.
	r = s.call(http.MethodDelete, "/api/v1/clients/"+c.ClientID.String(), a.token, nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	r.json(t, &c)
	require.False(t, c.Active)
	require.False(t, s.integrationOf(a.orgNo, c.ClientID).Active)
	var list []api.Client
	s.call(http.MethodGet, "/api/v1/clients", a.token, nil).json(t, &list)
	require.NotContains(t, ids(list), c.ClientID)
	s.call(http.MethodGet, "/api/v1/clients?inactive=true", a.token, nil).json(t, &list)
	require.Contains(t, ids(list), c.ClientID)
	r = s.call(http.MethodPut, "/api/v1/clients/"+c.ClientID.String(), a.token, change)
	require.Equal(t, http.StatusConflict, r.status)
	require.Equal(t, api.CodeInactive, r.problem(t).Code)
}

func ids(list []api.Client) []uuid.UUID {
	out := make([]uuid.UUID, len(list))
	for i, c := range list {
		out[i] = c.ClientID
	}
	return out
}

// TestClientRefusals: the domain's rules answer through the API with one
// entry per field, in the API's field names and the pages' words.
func TestClientRefusals(t *testing.T) {
	t.Parallel()
	s := start(t)
	a := s.admin("", environment.Test, api.ScopeRead, api.ScopeWrite)
	shortScope := s.sharedScope(a.orgNo, environment.Test, 60)
	notShared := storetest.Scope(t, s.owner, storetest.ScopeOptions{}).Name
	prodOnly := s.sharedScope(a.orgNo, environment.Prod, 600)

	tests := []struct {
		name   string
		body   any
		status int
		fields map[string]string // field → code
	}{
		{"ScopeNotShared", map[string]any{"client_name": "x", "integration_type": "maskinporten", "scopes": []string{notShared}},
			422, map[string]string{"scopes": "scope_not_shared"}},
		{"ScopeSharedInProdOnly", map[string]any{"client_name": "x", "integration_type": "maskinporten", "scopes": []string{prodOnly}},
			422, map[string]string{"scopes": "scope_not_shared"}},
		{"LifetimeOverScopesMaximum", map[string]any{"client_name": "x", "integration_type": "maskinporten", "scopes": []string{shortScope},
			"access_token_lifetime": 120}, 422, map[string]string{"access_token_lifetime": "lifetime_too_long"}},
		{"SeveralFields", map[string]any{"client_name": "", "integration_type": "maskinporten", "description": strings.Repeat("x", 1001),
			"access_token_lifetime": 0}, 422,
			map[string]string{"client_name": "name_missing", "description": "description_too_long", "access_token_lifetime": "lifetime_invalid"}},
		{"Markup", map[string]any{"client_name": "<b>x</b>", "integration_type": "maskinporten"}, 422, map[string]string{"client_name": "name_markup"}},
		{"OtherType", map[string]any{"client_name": "x", "integration_type": "idporten"}, 422, map[string]string{"integration_type": "invalid_request"}},
		{"MissingType", map[string]any{"client_name": "x"}, 422, map[string]string{"integration_type": "invalid_request"}},
		{"WrongJSONType", map[string]any{"client_name": 7, "integration_type": "maskinporten"}, 422, map[string]string{"client_name": "invalid_request"}},
		{"NotJSON", "{", 400, nil},
		{"TooLarge", `{"client_name":"` + strings.Repeat("x", api.MaxBodyBytes) + `"}`, 413, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := s.call(http.MethodPost, "/api/v1/clients", a.token, tt.body)
			require.Equal(t, tt.status, r.status, "%s", r.body)
			p := r.problem(t)
			got := map[string]string{}
			for _, e := range p.Errors {
				got[e.Field] = e.Code
				require.NotEmpty(t, e.Detail, e.Field)
			}
			if tt.fields != nil {
				require.Equal(t, tt.fields, got)
			}
		})
	}
	list, err := integrationCount(s, a.orgNo)
	require.NoError(t, err)
	require.Equal(t, 1, list, "nothing half-saved: only the admin integration")
}

func integrationCount(s *site, orgNo string) (int, error) {
	var n int
	err := s.owner.QueryRow(context.Background(), `SELECT count(*) FROM integrations WHERE org_no = $1`, orgNo).Scan(&n)
	return n, err
}

// TestClientsOfOthersAreNotFound: another organisation's client id, and one
// of the caller's own in the other environment, are 404 for every operation.
func TestClientsOfOthersAreNotFound(t *testing.T) {
	t.Parallel()
	s := start(t)
	a := s.admin("", environment.Test, api.ScopeRead, api.ScopeWrite)
	theirs := storetest.Integration(t, s.owner, storetest.IntegrationOptions{})
	ownInProd := storetest.Integration(t, s.owner, storetest.IntegrationOptions{OrgNo: a.orgNo, Env: environment.Prod})
	body := map[string]any{"client_name": "Overtatt", "integration_type": "maskinporten"}
	for _, id := range []string{theirs.ClientID.String(), ownInProd.ClientID.String(), uuid.NewString(), "ikke-en-uuid"} {
		for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
			var b any
			if m == http.MethodPut {
				b = body
			}
			r := s.call(m, "/api/v1/clients/"+id, a.token, b)
			require.Equal(t, http.StatusNotFound, r.status, "%s %s: %s", m, id, r.body)
			require.Equal(t, api.CodeNotFound, r.problem(t).Code)
		}
	}
	require.Equal(t, theirs.Name, s.integrationOf(theirs.OrgNo, theirs.ClientID).Name)
	require.True(t, s.integrationOf(a.orgNo, ownInProd.ClientID).Active)
	var list []api.Client
	s.call(http.MethodGet, "/api/v1/clients?inactive=true", a.token, nil).json(t, &list)
	require.Equal(t, []uuid.UUID{a.clientID}, ids(list), "neither another organisation's nor PROD's")
}

// TestProdTokenChangesProdWithoutPersonNumber: the production gate of the
// pages (a registered person number, a fresh login) is for persons; an API
// client's gate is its PROD token.
func TestProdTokenChangesProdWithoutPersonNumber(t *testing.T) {
	t.Parallel()
	s := start(t)
	a := s.admin("", environment.Prod, api.ScopeRead, api.ScopeWrite)
	r := s.call(http.MethodPost, "/api/v1/clients", a.token, map[string]any{"client_name": "Produksjon", "integration_type": "maskinporten"})
	require.Equal(t, http.StatusCreated, r.status, "%s", r.body)
	var c api.Client
	r.json(t, &c)
	require.Equal(t, environment.Prod, s.integrationOf(a.orgNo, c.ClientID).Env)

	// A TEST token of the same organisation sees none of it.
	test := s.admin(a.orgNo, environment.Test, api.ScopeRead, api.ScopeWrite)
	require.Equal(t, http.StatusNotFound, s.call(http.MethodGet, "/api/v1/clients/"+c.ClientID.String(), test.token, nil).status)
}

// TestClientPages: keyset pages of 50, newest change first, linked by Link
// headers until the last, each client once.
func TestClientPages(t *testing.T) {
	t.Parallel()
	s := start(t)
	a := s.admin("", environment.Test, api.ScopeRead)
	storetest.ManyIntegrations(t, s.owner, storetest.ManyIntegrationsOptions{OrgNo: a.orgNo, Env: environment.Test, Count: 120, Active: true})
	storetest.ManyIntegrations(t, s.owner, storetest.ManyIntegrationsOptions{OrgNo: a.orgNo, Env: environment.Test, Count: 3})
	seen := map[uuid.UUID]bool{}
	next, pages := "/api/v1/clients", 0
	for next != "" {
		r := s.call(http.MethodGet, next, a.token, nil)
		require.Equal(t, http.StatusOK, r.status, "%s", r.body)
		var list []api.Client
		r.json(t, &list)
		for _, c := range list {
			require.False(t, seen[c.ClientID], "%s twice", c.ClientID)
			seen[c.ClientID] = true
		}
		pages++
		next = ""
		if link := r.header.Get("Link"); link != "" {
			require.Len(t, list, api.ClientPageSize)
			require.True(t, strings.HasSuffix(link, `>; rel="next"`), link)
			next = strings.TrimSuffix(strings.TrimPrefix(link, "<"), `>; rel="next"`)
		}
	}
	require.Equal(t, 3, pages)
	require.Len(t, seen, 121)

	r := s.call(http.MethodGet, "/api/v1/clients?after=tull", a.token, nil)
	require.Equal(t, http.StatusBadRequest, r.status)
	require.Equal(t, "after", r.problem(t).Errors[0].Field)
}

// TestClientListEncoding: GET /clients is written by huma's encoding/json,
// as every other operation, so a name with quotes, an ampersand or any letter
// comes back as the caller sent it, with no HTML escaping.
func TestClientListEncoding(t *testing.T) {
	t.Parallel()
	s := start(t)
	a := s.admin("", environment.Test, api.ScopeRead, api.ScopeWrite)
	name := `"Kunde" & æøå – A/S`
	r := s.call(http.MethodPost, "/api/v1/clients", a.token, map[string]any{
		"client_name": name, "description": "linje\nlinje", "integration_type": "maskinporten"})
	require.Equal(t, http.StatusCreated, r.status, "%s", r.body)

	r = s.call(http.MethodGet, "/api/v1/clients", a.token, nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	require.Equal(t, "application/json", r.header.Get("Content-Type"))
	var list []api.Client
	r.json(t, &list)
	require.Len(t, list, 2)
	require.Equal(t, name, list[0].ClientName)
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false) // as huma.DefaultJSONFormat
	require.NoError(t, enc.Encode(list))
	require.Equal(t, want.String(), string(r.body))
}
