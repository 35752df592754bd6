package api_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/api"
	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

func rsaJWK(t *testing.T, kid string, private bool) map[string]any {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	var key any = &k.PublicKey
	if private {
		key = k
	}
	raw, err := json.Marshal(jose.JSONWebKey{Key: key, KeyID: kid, Algorithm: "RS256", Use: "sig"})
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	return m
}

func kids(set api.JWKS) []string {
	out := []string{}
	for _, k := range set.Keys {
		out = append(out, k.Kid)
	}
	return out
}

func TestJWKS(t *testing.T) {
	t.Parallel()
	s := start(t)
	a := s.admin("", environment.Test, api.ScopeRead, api.ScopeWrite)
	c := storetest.Integration(t, s.owner, storetest.IntegrationOptions{OrgNo: a.orgNo})
	path := "/api/v1/clients/" + c.ClientID.String() + "/jwks"

	r := s.call(http.MethodGet, path, a.token, nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	var set api.JWKS
	r.json(t, &set)
	require.Empty(t, set.Keys)

	one, two, three := rsaJWK(t, "en", false), rsaJWK(t, "to", false), rsaJWK(t, "tre", false)
	r = s.call(http.MethodPost, path, a.token, map[string]any{"keys": []any{one, two}})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	r.json(t, &set)
	require.Equal(t, []string{"en", "to"}, kids(set))
	require.Equal(t, "sig", set.Keys[0].Use)
	require.NotEmpty(t, set.Keys[0].N)
	require.InDelta(t, time.Now().AddDate(1, 0, 0).Unix(), set.Keys[0].Exp, 120, "a key lives a year")
	require.NotEmpty(t, r.header.Get("ETag"))
	require.Len(t, s.integrationOf(a.orgNo, c.ClientID).Keys, 2, "the page shows them")

	// The whole set is replaced: "en" stays as it was, "to" goes, "tre" comes.
	r = s.call(http.MethodPost, path, a.token, map[string]any{"keys": []any{one, three}})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	r.json(t, &set)
	require.Equal(t, []string{"en", "tre"}, kids(set))
	events, err := audit.History(context.Background(), s.owner, a.orgNo, "integration", c.ClientID.String(), 10)
	require.NoError(t, err)
	var actions []audit.Action
	for _, e := range events {
		if e.ActorName == "Adminklient ("+a.clientID.String()+")" {
			actions = append(actions, e.Action)
		}
	}
	require.ElementsMatch(t, []audit.Action{audit.IntegrationKeyAdd, audit.IntegrationKeyAdd, audit.IntegrationKeyRemove, audit.IntegrationKeyAdd}, actions)

	// Refusals: nothing changes.
	six := []any{}
	for n := range 6 {
		six = append(six, rsaJWK(t, fmt.Sprintf("k%d", n), false))
	}
	noUse := rsaJWK(t, "uten-bruk", false)
	delete(noUse, "use")
	tests := []struct {
		name, field, code string
		keys              []any
	}{
		{"SixthKey", "keys", "too_many_keys", six},
		{"PrivateKey", "keys[1]", "private_key", []any{one, rsaJWK(t, "privat", true)}},
		{"SameKidTwice", "keys[1]", "duplicate_kid", []any{one, rsaJWK(t, "en", false)}},
		{"Empty", "keys", "no_keys", []any{}},
		{"NoUse", "keys[0].use", "invalid_request", []any{noUse}},
	}
	for _, tt := range tests {
		r := s.call(http.MethodPost, path, a.token, map[string]any{"keys": tt.keys})
		require.Equal(t, http.StatusUnprocessableEntity, r.status, "%s: %s", tt.name, r.body)
		p := r.problem(t)
		require.Len(t, p.Errors, 1, tt.name)
		require.Equal(t, tt.field, p.Errors[0].Field, tt.name)
		require.Equal(t, tt.code, p.Errors[0].Code, tt.name)
		require.NotEmpty(t, p.Errors[0].Detail, tt.name)
	}
	s.call(http.MethodGet, path, a.token, nil).json(t, &set)
	require.Equal(t, []string{"en", "tre"}, kids(set))

	// DELETE removes them all.
	require.Equal(t, http.StatusNoContent, s.call(http.MethodDelete, path, a.token, nil).status)
	s.call(http.MethodGet, path, a.token, nil).json(t, &set)
	require.Empty(t, set.Keys)
	require.Empty(t, s.integrationOf(a.orgNo, c.ClientID).Keys)

	// Another organisation's integration: 404 for each.
	theirs := storetest.Integration(t, s.owner, storetest.IntegrationOptions{})
	tpath := "/api/v1/clients/" + theirs.ClientID.String() + "/jwks"
	require.Equal(t, http.StatusNotFound, s.call(http.MethodGet, tpath, a.token, nil).status)
	require.Equal(t, http.StatusNotFound, s.call(http.MethodPost, tpath, a.token, map[string]any{"keys": []any{one}}).status)
	require.Equal(t, http.StatusNotFound, s.call(http.MethodDelete, tpath, a.token, nil).status)
}
