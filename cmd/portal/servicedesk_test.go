package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestServicedeskGrantBootstrapsTheFirst: the first servicedesk person is
// made from the command line, audited, and shown masked; bad input says
// what is wrong and changes nothing.
func TestServicedeskGrantBootstrapsTheFirst(t *testing.T) {
	t.Parallel()
	dbURL := storetest.URL(t)
	env := map[string]string{"DATABASE_URL": dbURL}
	getenv := func(k string) string { return env[k] }
	staff := func() (n int) {
		pool, err := store.Open(t.Context(), dbURL)
		require.NoError(t, err)
		defer pool.Close()
		require.NoError(t, pool.QueryRow(t.Context(), `SELECT count(*) FROM servicedesk_staff`).Scan(&n))
		return n
	}
	var out bytes.Buffer
	const sven = "24816810023" // synthetic: a test deployment over http accepts it
	for _, args := range [][]string{
		{"servicedesk"}, {"servicedesk", "revoke"}, {"servicedesk", "grant", "--navn", "Sven"},
		{"servicedesk", "grant", "--fodselsnummer", sven}, {"servicedesk", "grant", "--ukjent", "x"},
	} {
		require.ErrorContains(t, run(t.Context(), args, getenv, &out, nil), "usage: portal servicedesk grant", args)
	}
	err := run(t.Context(), []string{"servicedesk", "grant", "--fodselsnummer", "24816810024", "--navn", "Sven"}, getenv, &out, nil)
	require.EqualError(t, err, "servicedesk grant: --fodselsnummer: Fødselsnummeret har feil kontrollsiffer. Sjekk at det er skrevet riktig.")
	require.NotContains(t, err.Error(), "24816810024", "the number is never repeated")
	require.Zero(t, staff())

	require.NoError(t, run(t.Context(), []string{"servicedesk", "grant", "--fodselsnummer", sven, "--navn", "Sven Servicedesk"}, getenv, &out, nil))
	require.Equal(t, "Servicedesk-rollen er gitt til Sven Servicedesk (248168 *****).\n", out.String())
	require.NotContains(t, out.String(), sven)
	require.Equal(t, 1, staff())
	err = run(t.Context(), []string{"servicedesk", "grant", "--fodselsnummer", sven, "--navn", "Sven Servicedesk"}, getenv, &out, nil)
	require.ErrorContains(t, err, "har allerede servicedesk-rollen")

	pool, err := store.Open(t.Context(), dbURL)
	require.NoError(t, err)
	defer pool.Close()
	var role, after string
	require.NoError(t, pool.QueryRow(t.Context(),
		`SELECT actor_role, after::text FROM audit_log WHERE action = 'servicedesk.grant'`).Scan(&role, &after))
	require.Equal(t, "servicedesk", role)
	require.JSONEq(t, `{"name": "Sven Servicedesk", "pid": "248168 *****"}`, after)

	t.Run("SyntheticRefusedInProduction", func(t *testing.T) {
		env := map[string]string{"DATABASE_URL": dbURL, "TEST_DEPLOYMENT": "0"}
		err := run(t.Context(), []string{"servicedesk", "grant", "--fodselsnummer", "15838510075", "--navn", "Kari"},
			func(k string) string { return env[k] }, &out, nil)
		require.ErrorContains(t, err, "syntetisk testnummer")
		require.Equal(t, 1, staff())
	})
}
