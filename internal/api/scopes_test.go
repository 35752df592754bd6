package api_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/api"
	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/provider"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

func scopeQuery(name string) string { return "?scope=" + url.QueryEscape(name) }

// TestScopesThroughTheAPI: a provider defines, changes, shares, withdraws
// and deactivates a scope through the same rules as "Mine API".
func TestScopesThroughTheAPI(t *testing.T) {
	t.Parallel()
	s := start(t)
	owner := storetest.ScopePrefix(t, s.owner, storetest.ScopePrefixOptions{})
	prod := s.admin(owner.OrgNo, environment.Prod, api.ScopeScopesWrite)
	test := s.admin(owner.OrgNo, environment.Test, api.ScopeScopesWrite)
	consumer := storetest.Organisation(t, s.owner, storetest.OrganisationOptions{}).No
	name := owner.Prefix + ":folk/adresse.read"

	// Defining holds in both environments: a TEST token may not.
	body := map[string]any{"prefix": owner.Prefix, "subscope": "folk/adresse.read", "description": "Adresser", "at_max_age": 300}
	r := s.call(http.MethodPost, "/api/v1/scopes", test.token, body)
	require.Equal(t, http.StatusForbidden, r.status, "%s", r.body)
	require.Equal(t, string(access.OtherEnvironment), r.problem(t).Code)

	r = s.call(http.MethodPost, "/api/v1/scopes", prod.token, body)
	require.Equal(t, http.StatusCreated, r.status, "%s", r.body)
	var sc api.ScopeModel
	r.json(t, &sc)
	require.Equal(t, name, sc.Name)
	require.Equal(t, "folk/adresse.read", sc.Subscope)
	require.Equal(t, 300, sc.AtMaxAge)
	require.Equal(t, "PUBLIC", sc.Visibility)
	require.Equal(t, []string{"maskinporten"}, sc.AllowedIntegrationTypes)
	require.Equal(t, owner.OrgNo, sc.OwnerOrgno)
	require.Equal(t, `"1"`, r.header.Get("ETag"))

	// The same name again is 409, as in Digdir's API.
	r = s.call(http.MethodPost, "/api/v1/scopes", prod.token, body)
	require.Equal(t, http.StatusConflict, r.status)
	require.Equal(t, "subscope", r.problem(t).Errors[0].Field)

	// GET by name (it contains / and :), and the list.
	r = s.call(http.MethodGet, "/api/v1/scopes"+scopeQuery(name), test.token, nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	r.json(t, &sc)
	require.Equal(t, name, sc.Name)
	var list []api.ScopeModel
	s.call(http.MethodGet, "/api/v1/scopes", test.token, nil).json(t, &list)
	require.Len(t, list, 1)

	// PUT with a stale If-Match is 412; with the current one it changes.
	change := map[string]any{"description": "Adresser i folkeregisteret", "at_max_age": 600}
	r = s.call(http.MethodPut, "/api/v1/scopes"+scopeQuery(name), prod.token, change, "If-Match", `"1"`)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	require.Equal(t, `"2"`, r.header.Get("ETag"))
	r = s.call(http.MethodPut, "/api/v1/scopes"+scopeQuery(name), prod.token, map[string]any{"description": "Tapt"}, "If-Match", `"1"`)
	require.Equal(t, http.StatusPreconditionFailed, r.status)

	// Field problems in the API's names.
	r = s.call(http.MethodPut, "/api/v1/scopes"+scopeQuery(name), prod.token, map[string]any{"description": "", "at_max_age": 0})
	require.Equal(t, http.StatusUnprocessableEntity, r.status)
	fields := map[string]string{}
	for _, e := range r.problem(t).Errors {
		fields[e.Field] = e.Code
	}
	require.Equal(t, map[string]string{"description": provider.CodeDescriptionMissing, "at_max_age": provider.CodeLifetimeInvalid}, fields)

	// Access per environment: the token's.
	r = s.call(http.MethodPut, "/api/v1/scopes/access/"+consumer+scopeQuery(name), test.token, nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	var acc api.AccessModel
	r.json(t, &acc)
	require.Equal(t, "APPROVED", acc.State)
	require.Equal(t, consumer, acc.ConsumerOrgno)
	require.Equal(t, http.StatusOK, s.call(http.MethodPut, "/api/v1/scopes/access/"+consumer+scopeQuery(name), test.token, nil).status,
		"granting twice changes nothing")
	var accs []api.AccessModel
	s.call(http.MethodGet, "/api/v1/scopes/access"+scopeQuery(name), test.token, nil).json(t, &accs)
	require.Len(t, accs, 1)
	s.call(http.MethodGet, "/api/v1/scopes/access"+scopeQuery(name), prod.token, nil).json(t, &accs)
	require.Empty(t, accs, "shared in TEST, not in PROD")

	// The consumer sees it among what it has been granted in TEST.
	theirs := s.admin(consumer, environment.Test, api.ScopeRead)
	s.call(http.MethodGet, "/api/v1/scopes/access/all", theirs.token, nil).json(t, &accs)
	require.Len(t, accs, 1)
	require.Equal(t, name, accs[0].Scope)
	require.Equal(t, owner.OrgNo, accs[0].OwnerOrgno)

	// A bad organisation number names the field.
	r = s.call(http.MethodPut, "/api/v1/scopes/access/123"+scopeQuery(name), test.token, nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.status)
	require.Equal(t, "consumer_orgno", r.problem(t).Errors[0].Field)

	require.Equal(t, http.StatusNoContent, s.call(http.MethodDelete, "/api/v1/scopes/access/"+consumer+scopeQuery(name), test.token, nil).status)
	require.Equal(t, http.StatusNotFound, s.call(http.MethodDelete, "/api/v1/scopes/access/"+consumer+scopeQuery(name), test.token, nil).status)

	// DELETE deactivates; the list shows it only with inactive=true.
	r = s.call(http.MethodDelete, "/api/v1/scopes"+scopeQuery(name), prod.token, nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	r.json(t, &sc)
	require.False(t, sc.Active)
	s.call(http.MethodGet, "/api/v1/scopes", test.token, nil).json(t, &list)
	require.Empty(t, list)
	s.call(http.MethodGet, "/api/v1/scopes?inactive=true", test.token, nil).json(t, &list)
	require.Len(t, list, 1)

	// The audit log names the API client for each change.
	events, err := audit.History(context.Background(), s.owner, owner.OrgNo, provider.EntityScope, strconvID(t, s, name), 20)
	require.NoError(t, err)
	require.Len(t, events, 5, "create, update, grant, withdraw, deactivate")
	for _, e := range events {
		require.Equal(t, identity.RoleAPIClient, e.ActorRole)
	}
}

func strconvID(t *testing.T, s *site, name string) string {
	t.Helper()
	var id string
	require.NoError(t, s.owner.QueryRow(context.Background(), `SELECT id::text FROM scopes WHERE name = $1`, name).Scan(&id))
	return id
}

// TestScopesOfOthers: another provider's scope is not found, an
// organisation without a prefix may define none, and the public list shows
// every provider's public scopes.
func TestScopesOfOthers(t *testing.T) {
	t.Parallel()
	s := start(t)
	theirs := storetest.Scope(t, s.owner, storetest.ScopeOptions{})
	private := storetest.Scope(t, s.owner, storetest.ScopeOptions{Visibility: storetest.VisibilityPrivate})
	forAll := storetest.Scope(t, s.owner, storetest.ScopeOptions{AccessibleForAll: true})
	a := s.admin("", environment.Prod, api.ScopeScopesWrite, api.ScopeRead)
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		var body any
		if m == http.MethodPut {
			body = map[string]any{"description": "Overtatt"}
		}
		r := s.call(m, "/api/v1/scopes"+scopeQuery(theirs.Name), a.token, body)
		require.Equal(t, http.StatusNotFound, r.status, "%s: %s", m, r.body)
	}
	require.Equal(t, http.StatusNotFound, s.call(http.MethodPut, "/api/v1/scopes/access/974761076"+scopeQuery(theirs.Name), a.token, nil).status)
	require.Equal(t, http.StatusNotFound, s.call(http.MethodGet, "/api/v1/scopes/access"+scopeQuery(theirs.Name), a.token, nil).status)

	r := s.call(http.MethodPost, "/api/v1/scopes", a.token, map[string]any{"prefix": "ingenting", "subscope": "x", "description": "x"})
	require.Equal(t, http.StatusForbidden, r.status, "%s", r.body)
	require.Equal(t, string(access.NotPrefixOwner), r.problem(t).Code)

	var list []api.ScopeModel
	s.call(http.MethodGet, "/api/v1/scopes/all", a.token, nil).json(t, &list)
	var names []string
	for _, sc := range list {
		names = append(names, sc.Name)
	}
	require.Contains(t, names, theirs.Name)
	require.Contains(t, names, forAll.Name)
	require.NotContains(t, names, private.Name)
	s.call(http.MethodGet, "/api/v1/scopes/all?accessible_for_all=true", a.token, nil).json(t, &list)
	require.Len(t, list, 1)
	require.Equal(t, forAll.Name, list[0].Name)

	// A consumer's token (dcr.read) may not manage scopes.
	reader := s.admin("", environment.Test, api.ScopeRead)
	require.Equal(t, http.StatusForbidden, s.call(http.MethodGet, "/api/v1/scopes", reader.token, nil).status)
}

// TestPublicScopePages: GET /scopes/all comes in keyset pages by name,
// linked by Link headers until the last, each public scope once; a page
// that starts after a name longer than any scope name is refused.
func TestPublicScopePages(t *testing.T) {
	t.Parallel()
	s := start(t)
	a := s.admin("", environment.Test, api.ScopeRead)
	many := storetest.ManyScopes(t, s.owner, storetest.ManyScopesOptions{Count: api.PublicScopePageSize + 20})
	private := storetest.Scope(t, s.owner, storetest.ScopeOptions{Visibility: storetest.VisibilityPrivate})
	seen := map[string]bool{}
	next, pages := "/api/v1/scopes/all", 0
	for next != "" {
		r := s.call(http.MethodGet, next, a.token, nil)
		require.Equal(t, http.StatusOK, r.status, "%s", r.body)
		var list []api.ScopeModel
		r.json(t, &list)
		for _, sc := range list {
			require.False(t, seen[sc.Name], "%s twice", sc.Name)
			seen[sc.Name] = true
		}
		pages++
		next = ""
		if link := r.header.Get("Link"); link != "" {
			require.Len(t, list, api.PublicScopePageSize)
			require.True(t, strings.HasSuffix(link, `>; rel="next"`), link)
			next = strings.TrimSuffix(strings.TrimPrefix(link, "<"), `>; rel="next"`)
		}
	}
	require.Equal(t, 2, pages)
	require.Len(t, seen, api.PublicScopePageSize+20)
	require.True(t, seen[many.Prefix+":api-00001"])
	require.False(t, seen[private.Name])

	r := s.call(http.MethodGet, "/api/v1/scopes/all?accessible_for_all=true&after="+url.QueryEscape(many.Prefix+":api-00001"), a.token, nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	require.Empty(t, r.header.Get("Link"))

	r = s.call(http.MethodGet, "/api/v1/scopes/all?after="+strings.Repeat("a", 152), a.token, nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.status, "%s", r.body)
}
