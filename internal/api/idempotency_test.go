package api_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/api"
	"github.com/digdir/selvbetjening/internal/environment"
)

// TestIdempotencyKey: a retried create returns the first result and makes
// nothing more; the same key with another body is 422; a failed request
// leaves the key free; keys are the organisation's own.
func TestIdempotencyKey(t *testing.T) {
	t.Parallel()
	s := start(t)
	a := s.admin("", environment.Test, api.ScopeRead, api.ScopeWrite)
	body := `{"client_name":"Terraform","integration_type":"maskinporten"}`

	first := s.call(http.MethodPost, "/api/v1/clients", a.token, body, "Idempotency-Key", "nokkel-1")
	require.Equal(t, http.StatusCreated, first.status, "%s", first.body)
	again := s.call(http.MethodPost, "/api/v1/clients", a.token, body, "Idempotency-Key", "nokkel-1")
	require.Equal(t, http.StatusCreated, again.status)
	require.JSONEq(t, string(first.body), string(again.body))
	require.Equal(t, first.header.Get("ETag"), again.header.Get("ETag"))
	require.Equal(t, first.header.Get("Location"), again.header.Get("Location"))
	n, err := integrationCount(s, a.orgNo)
	require.NoError(t, err)
	require.Equal(t, 2, n, "the admin integration and one created")

	other := s.call(http.MethodPost, "/api/v1/clients", a.token, `{"client_name":"Annet","integration_type":"maskinporten"}`,
		"Idempotency-Key", "nokkel-1")
	require.Equal(t, http.StatusUnprocessableEntity, other.status)
	p := other.problem(t)
	require.Equal(t, api.CodeIdempotencyMismatch, p.Code)
	require.Equal(t, "Idempotency-Key", p.Errors[0].Field)

	// A refused request stores nothing: the corrected retry may use the key.
	bad := s.call(http.MethodPost, "/api/v1/clients", a.token, `{"client_name":"","integration_type":"maskinporten"}`,
		"Idempotency-Key", "nokkel-2")
	require.Equal(t, http.StatusUnprocessableEntity, bad.status)
	good := s.call(http.MethodPost, "/api/v1/clients", a.token, `{"client_name":"Rettet","integration_type":"maskinporten"}`,
		"Idempotency-Key", "nokkel-2")
	require.Equal(t, http.StatusCreated, good.status, "%s", good.body)

	// Another organisation's same key is its own.
	b := s.admin("", environment.Test, api.ScopeWrite)
	theirs := s.call(http.MethodPost, "/api/v1/clients", b.token, body, "Idempotency-Key", "nokkel-1")
	require.Equal(t, http.StatusCreated, theirs.status)
	var mine, their api.Client
	first.json(t, &mine)
	theirs.json(t, &their)
	require.NotEqual(t, mine.ClientID, their.ClientID)
	require.Equal(t, b.orgNo, their.ClientOrgno)
}

// TestIdempotencyUnfinishedClaim: a claim left unfinished, as by a process
// that stopped after the change and before storing its answer, makes a
// retry wait (409) for a minute, and then lets the same request run again;
// the creation key made from the Idempotency-Key finds the integration the
// first run made, so nothing is made twice. Another request with the key
// is still refused.
func TestIdempotencyUnfinishedClaim(t *testing.T) {
	t.Parallel()
	s := start(t)
	a := s.admin("", environment.Test, api.ScopeRead, api.ScopeWrite)
	body := `{"client_name":"Terraform","integration_type":"maskinporten"}`
	first := s.call(http.MethodPost, "/api/v1/clients", a.token, body, "Idempotency-Key", "nokkel-1")
	require.Equal(t, http.StatusCreated, first.status, "%s", first.body)
	unfinish := func(age string) {
		_, err := s.owner.Exec(t.Context(), `
			UPDATE api_idempotency_keys SET response = NULL, created_at = now() - $2::interval
			WHERE org_no = $1 AND idem_key = 'nokkel-1'`, a.orgNo, age)
		require.NoError(t, err)
	}

	unfinish("50 seconds")
	r := s.call(http.MethodPost, "/api/v1/clients", a.token, body, "Idempotency-Key", "nokkel-1")
	require.Equal(t, http.StatusConflict, r.status, "%s", r.body)
	require.Equal(t, api.CodeIdempotencyInProgress, r.problem(t).Code)
	require.Equal(t, "1", r.header.Get("Retry-After"))

	unfinish("70 seconds")
	other := s.call(http.MethodPost, "/api/v1/clients", a.token, `{"client_name":"Annet","integration_type":"maskinporten"}`,
		"Idempotency-Key", "nokkel-1")
	require.Equal(t, http.StatusUnprocessableEntity, other.status, "%s", other.body)
	require.Equal(t, api.CodeIdempotencyMismatch, other.problem(t).Code)

	again := s.call(http.MethodPost, "/api/v1/clients", a.token, body, "Idempotency-Key", "nokkel-1")
	require.Equal(t, http.StatusCreated, again.status, "%s", again.body)
	var made, found api.Client
	first.json(t, &made)
	again.json(t, &found)
	require.Equal(t, made.ClientID, found.ClientID)
	n, err := integrationCount(s, a.orgNo)
	require.NoError(t, err)
	require.Equal(t, 2, n, "the admin integration and the one created once")

	// The answer is stored again: the next retry is served from it.
	var stored bool
	require.NoError(t, s.owner.QueryRow(t.Context(), `
		SELECT response IS NOT NULL FROM api_idempotency_keys WHERE org_no = $1 AND idem_key = 'nokkel-1'`, a.orgNo).Scan(&stored))
	require.True(t, stored)
}
