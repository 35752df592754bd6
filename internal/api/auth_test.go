package api_test

import (
	"crypto/rand"
	"crypto/rsa"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/api"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestTokenRefusals: every way a token can be wrong gets 401 or 403 with an
// RFC 6750 challenge and a problem document, and never reaches the data.
func TestTokenRefusals(t *testing.T) {
	t.Parallel()
	s := start(t)
	a := s.admin("", environment.Test, api.ScopeRead, api.ScopeWrite)
	other, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	inactive := s.admin("", environment.Test, api.ScopeRead)
	_, err = s.owner.Exec(t.Context(), `UPDATE integrations SET active = false WHERE client_id = $1`, inactive.clientID)
	require.NoError(t, err)

	tests := []struct {
		name, token, challenge, code string
		status                       int
		header                       string
	}{
		{name: "NoToken", status: 401, challenge: `Bearer realm="selvbetjening"`, code: api.CodeTokenMissing},
		{name: "NotAJWT", token: "abc.def", status: 401, challenge: `error="invalid_token"`, code: api.CodeTokenInvalid},
		{name: "Expired", token: s.token(tokenOptions{clientID: a.clientID, orgNo: a.orgNo, scopes: []string{api.ScopeRead},
			expires: time.Now().Add(-time.Minute)}), status: 401, challenge: `error="invalid_token"`, code: api.CodeTokenInvalid},
		{name: "WronglySigned", token: s.token(tokenOptions{clientID: a.clientID, orgNo: a.orgNo, scopes: []string{api.ScopeRead},
			signer: other}), status: 401, challenge: `error="invalid_token"`, code: api.CodeTokenInvalid},
		{name: "ProdKeyForTestIssuer", token: s.token(tokenOptions{clientID: a.clientID, orgNo: a.orgNo, scopes: []string{api.ScopeRead},
			signer: s.keys[environment.Prod], kid: "k-TEST"}), status: 401, challenge: `error="invalid_token"`, code: api.CodeTokenInvalid},
		{name: "UnknownIssuer", token: s.token(tokenOptions{clientID: a.clientID, orgNo: a.orgNo, scopes: []string{api.ScopeRead},
			issuer: "https://elsewhere.example/"}), status: 401, challenge: `error="invalid_token"`, code: api.CodeTokenInvalid},
		{name: "ClientOfAnotherOrganisation", token: s.token(tokenOptions{clientID: a.clientID, orgNo: storetest.Organisation(t, s.owner, storetest.OrganisationOptions{}).No,
			scopes: []string{api.ScopeRead}}), status: 401, challenge: `error="invalid_token"`, code: api.CodeTokenInvalid},
		{name: "ClientInOtherEnvironment", token: s.token(tokenOptions{env: environment.Prod, clientID: a.clientID, orgNo: a.orgNo,
			scopes: []string{api.ScopeRead}}), status: 401, challenge: `error="invalid_token"`, code: api.CodeTokenInvalid},
		{name: "DeactivatedClient", token: inactive.token, status: 401, challenge: `error="invalid_token"`, code: api.CodeTokenInvalid},
		{name: "UnknownClient", token: s.token(tokenOptions{clientID: uuid.New(), orgNo: a.orgNo, scopes: []string{api.ScopeRead}}),
			status: 401, challenge: `error="invalid_token"`, code: api.CodeTokenInvalid},
		{name: "UnderScoped", token: s.token(tokenOptions{clientID: a.clientID, orgNo: a.orgNo, scopes: []string{api.ScopeScopesWrite}}),
			status: 403, challenge: `error="insufficient_scope", scope="idporten:dcr.read idporten:dcr.write"`, code: api.CodeInsufficientScope},
		{name: "NotBearer", token: "", header: "Basic dXNlcjpwdw==", status: 401, challenge: `Bearer realm="selvbetjening"`, code: api.CodeTokenMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r response
			if tt.header != "" {
				r = s.call(http.MethodGet, "/api/v1/clients", "", nil, "Authorization", tt.header)
			} else {
				r = s.call(http.MethodGet, "/api/v1/clients", tt.token, nil)
			}
			require.Equal(t, tt.status, r.status, "%s", r.body)
			require.Contains(t, r.header.Get("WWW-Authenticate"), tt.challenge)
			require.True(t, strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer "))
			p := r.problem(t)
			require.Equal(t, tt.code, p.Code)
			require.NotEmpty(t, p.Detail)
		})
	}

	// A write needs dcr.write: dcr.read is not enough.
	reader := s.token(tokenOptions{clientID: a.clientID, orgNo: a.orgNo, scopes: []string{api.ScopeRead}})
	r := s.call(http.MethodPost, "/api/v1/clients", reader, map[string]any{"client_name": "x", "integration_type": "maskinporten"})
	require.Equal(t, http.StatusForbidden, r.status)
	require.Contains(t, r.header.Get("WWW-Authenticate"), `scope="idporten:dcr.write"`)
	n, err := integration.ListModels(t.Context(), s.owner, a.orgNo, environment.Test, true, nil, 10)
	require.NoError(t, err)
	require.Len(t, n.Items, 1, "only the admin integration itself")
}

// TestTokenOfDeactivatedClient: once its integration is deactivated, a token
// that worked, and whose signature is remembered, is refused at once for
// reads and changes alike.
func TestTokenOfDeactivatedClient(t *testing.T) {
	t.Parallel()
	s := start(t)
	a := s.admin("", environment.Test, api.ScopeRead, api.ScopeWrite)
	require.Equal(t, http.StatusOK, s.call(http.MethodGet, "/api/v1/clients", a.token, nil).status)
	_, err := s.owner.Exec(t.Context(), `UPDATE integrations SET active = false WHERE client_id = $1`, a.clientID)
	require.NoError(t, err)

	r := s.call(http.MethodGet, "/api/v1/clients", a.token, nil)
	require.Equal(t, http.StatusUnauthorized, r.status, "%s", r.body)
	require.Equal(t, api.CodeTokenInvalid, r.problem(t).Code)

	r = s.call(http.MethodPost, "/api/v1/clients", a.token, map[string]any{"client_name": "x", "integration_type": "maskinporten"})
	require.Equal(t, http.StatusUnauthorized, r.status, "%s", r.body)
	require.Equal(t, api.CodeTokenInvalid, r.problem(t).Code)

	// Active again, the same token reads again: nothing was remembered of the refusal.
	_, err = s.owner.Exec(t.Context(), `UPDATE integrations SET active = true WHERE client_id = $1`, a.clientID)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, s.call(http.MethodGet, "/api/v1/clients", a.token, nil).status)
}

// TestTokenAudience: the token endpoint puts a client's resource into aud,
// so a token minted for another API names it and is refused here; one
// without aud, or with exactly the API's base URL, is accepted.
func TestTokenAudience(t *testing.T) {
	t.Parallel()
	s := start(t)
	a := s.admin("", environment.Test, api.ScopeRead)
	for _, tt := range []struct {
		name   string
		aud    any
		status int
	}{
		{name: "None", status: http.StatusOK},
		{name: "ThisAPI", aud: testAudience, status: http.StatusOK},
		{name: "ThisAPIAsList", aud: []string{testAudience}, status: http.StatusOK},
		{name: "AnotherAPI", aud: "https://api.skatteetaten.example/", status: http.StatusUnauthorized},
		{name: "ThisAPIBesideAnother", aud: []string{testAudience, "https://api.skatteetaten.example/"}, status: http.StatusUnauthorized},
		{name: "ThisAPIsPortal", aud: "https://selvbetjening.test", status: http.StatusUnauthorized},
		{name: "ThisAPIWithSlash", aud: testAudience + "/", status: http.StatusUnauthorized},
		{name: "Empty", aud: "", status: http.StatusUnauthorized},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tok := s.token(tokenOptions{clientID: a.clientID, orgNo: a.orgNo, scopes: []string{api.ScopeRead}, aud: tt.aud})
			r := s.call(http.MethodGet, "/api/v1/clients", tok, nil)
			require.Equal(t, tt.status, r.status, "%s", r.body)
			if tt.status == http.StatusUnauthorized {
				require.Contains(t, r.header.Get("WWW-Authenticate"), `error="invalid_token"`)
				p := r.problem(t)
				require.Equal(t, api.CodeTokenInvalid, p.Code)
				require.Contains(t, p.Detail, testAudience)
			}
		})
	}
}
