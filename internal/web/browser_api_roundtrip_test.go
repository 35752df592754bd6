package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/api"
	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// apiClient is a script of Eksempel Konsument AS calling the REST API with
// an access token it got from the portal's own TEST token endpoint, for an
// admin integration Kari made (guide «Selvbetjening som API-konsument»:
// the admin scopes are shared like any other scope).
type apiClient struct {
	site  *webtest.Site
	id    uuid.UUID
	name  string
	grant tokenClient
}

func newAPIClient(t *testing.T, site *webtest.Site) apiClient {
	t.Helper()
	const name = "Adminklient"
	c := tokenIntegration(t, site, name, "adminklient-1", tokenTestRSA(), api.ScopeRead, api.ScopeWrite)
	return apiClient{site: site, id: c.clientID, name: name, grant: c}
}

// token fetches an access token for the next call, as a script does when
// its last one is about to expire: a subtest may wait for a free browser
// for longer than a token lives.
func (c apiClient) token(t *testing.T) string {
	t.Helper()
	a := requestToken(t, c.site, c.grant.sign(t, c.grant.grantClaims(c.site, api.ScopeRead+" "+api.ScopeWrite)))
	require.Equal(t, http.StatusOK, a.status, a.raw)
	return a.body["access_token"].(string)
}

// actorName is how the audit log names the API client: its integration's
// name and client id, as it has no person number and no e-mail address.
func (c apiClient) actorName() string { return c.name + " (" + c.id.String() + ")" }

// apiAnswer is what the API said.
type apiAnswer struct {
	status int
	header http.Header
	body   []byte
}

func (a apiAnswer) decode(t *testing.T, v any) {
	t.Helper()
	require.NoError(t, json.Unmarshal(a.body, v), "body: %s", a.body)
}

func (c apiClient) call(t *testing.T, method, path string, body any, headers ...string) apiAnswer {
	t.Helper()
	var reader io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		require.NoError(t, err)
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, c.site.URL+path, reader)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+c.token(t))
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return apiAnswer{status: resp.StatusCode, header: resp.Header, body: raw}
}

// TestBrowserAPIRoundTrip: what a script makes through the API is what Kari
// finds in the browser, with the API client named in the history and in
// "Endringslogg"; what Kari makes in the browser the script finds with the
// same fields, and its change through the API shows on her page. One rule,
// two doors.
func TestBrowserAPIRoundTrip(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	script := newAPIClient(t, site)

	t.Run("FromAPIToBrowser", func(t *testing.T) {
		t.Parallel()
		created := script.call(t, http.MethodPost, paths.APIClients("", false), map[string]any{
			"client_name": "Laget med API-et", "description": "Fra et skript i byggekjeden",
			"integration_type": "maskinporten", "scopes": []string{"skatteetaten:testapi"}, "access_token_lifetime": 100,
		})
		require.Equal(t, http.StatusCreated, created.status, "%s", created.body)
		var c api.Client
		created.decode(t, &c)

		b := site.Browser(t)
		browserInnlogging(t, b, demo.Kari, "TEST")
		require.Contains(t, b.Text(), "Laget med API-et", "the list shows it, newest change first")
		b.ClickLink("Laget med API-et")
		require.Equal(t, paths.Integration(c.ClientID), b.Path())
		require.Equal(t, c.ClientID.String(), b.Value("Klient-ID"))
		page := b.Text()
		require.Contains(t, page, "Fra et skript i byggekjeden")
		require.Contains(t, textBetween(page, "Scopes", "Nøkler"), "skatteetaten:testapi")
		require.Contains(t, page, "100 sekunder")
		require.Regexp(t, regexp.QuoteMeta(script.actorName())+`\s+Opprettet`, textAfter(page, "Historikk"))

		b.Within("Hovedmeny").ClickLink("Virksomhetens tjenester")
		b.Within("Hovedmeny").ClickLink("Endringslogg")
		b.SelectOption("Rolle", "API-klient")
		b.ClickButton("Vis")
		log := b.Within("Endringslogg")
		require.Regexp(t, regexp.QuoteMeta(script.actorName())+`\s+API-klient\s+TEST\s+Opprettet`, log.Text())
		require.NotContains(t, log.Text(), "Kari Konsument", "the filter keeps the API client's changes only")
		// The other subtest's change through the API may be the newest row:
		// the row is the one of this creation, picked by what it says.
		row := log.WithinRow("Opprettet", "Laget med API-et")
		row.Expand("Vis før og etter")
		require.Regexp(t, `Navn\s+–\s+Laget med API-et`, row.Text(), "the snapshot is the integration the script made")
	})

	t.Run("FromBrowserToAPI", func(t *testing.T) {
		t.Parallel()
		b := site.Browser(t)
		browserInnlogging(t, b, demo.Kari, "TEST")
		picker := browserStartCreate(t, b, "TEST", "Laget i nettleseren")
		id := uuid.MustParse(browserFinishCreate(t, b, picker, demo.Kari, "Laget i nettleseren", "skatteetaten:testapi"))

		want := api.Client{
			ClientID: id, ClientName: "Laget i nettleseren", ClientOrgno: demo.EksempelKonsument,
			Description: "Laget i nettleseren", IntegrationType: "maskinporten", ApplicationType: "web",
			TokenEndpointAuthMethod: "private_key_jwt", GrantTypes: []string{"urn:ietf:params:oauth:grant-type:jwt-bearer"},
			Scopes: []string{"skatteetaten:testapi"}, AccessTokenLifetime: 120, Active: true,
		}
		same := func(t *testing.T, got api.Client) {
			t.Helper()
			require.False(t, got.Created.IsZero())
			require.False(t, got.LastUpdated.Before(got.Created))
			got.Created, got.LastUpdated = want.Created, want.LastUpdated
			require.Equal(t, want, got)
		}

		list := script.call(t, http.MethodGet, paths.APIClients("", false), nil)
		require.Equal(t, http.StatusOK, list.status, "%s", list.body)
		var clients []api.Client
		list.decode(t, &clients)
		i := -1
		for n, c := range clients {
			if c.ClientID == id {
				i = n
			}
		}
		require.NotEqual(t, -1, i, "GET /clients lists the integration made in the browser")
		same(t, clients[i])

		one := script.call(t, http.MethodGet, paths.APIClient(id), nil)
		require.Equal(t, http.StatusOK, one.status, "%s", one.body)
		var c api.Client
		one.decode(t, &c)
		same(t, c)

		changed := script.call(t, http.MethodPut, paths.APIClient(id), map[string]any{
			"client_name": "Endret med API-et", "description": "Skriptet endret beskrivelsen",
			"integration_type": "maskinporten", "scopes": []string{"skatteetaten:testapi"}, "access_token_lifetime": 90,
		}, "If-Match", one.header.Get("ETag"))
		require.Equal(t, http.StatusOK, changed.status, "%s", changed.body)

		b.Open(paths.Integration(id))
		page := b.Text()
		require.Contains(t, page, "Endret med API-et")
		require.Contains(t, page, "Skriptet endret beskrivelsen")
		require.Contains(t, page, "90 sekunder")
		require.Regexp(t, regexp.QuoteMeta(script.actorName())+`\s+Endret`, textAfter(page, "Historikk"))
		require.Regexp(t, `Kari Konsument\s+Opprettet`, textAfter(page, "Historikk"))
	})
}
