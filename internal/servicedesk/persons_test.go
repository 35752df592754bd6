package servicedesk_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/org"
	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/internal/store"
)

func TestPersonsForProduction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, owner := seeded(t)
	registered := func(orgNo, pid string) bool {
		ok, err := org.ProductionRegistered(ctx, pool, orgNo, pid)
		require.NoError(t, err)
		return ok
	}

	for _, tc := range []struct {
		pid, name string
		test      bool
		want      servicedesk.FieldErrors
	}{
		{"02879010091", "Ola", true, servicedesk.FieldErrors{"fodselsnummer": servicedesk.CodePIDCheckDigit}},
		{demo.Ola.PID, "Ola", false, servicedesk.FieldErrors{"fodselsnummer": servicedesk.CodePIDSynthetic}},
		{"123", "", true, servicedesk.FieldErrors{"fodselsnummer": servicedesk.CodePIDFormat, "navn": servicedesk.CodeNameMissing}},
	} {
		_, err := servicedesk.RegisterPerson(ctx, pool, sven, demo.EksempelKonsument, tc.pid, tc.name, tc.test)
		require.Equal(t, tc.want, err, tc.pid)
	}
	_, err := servicedesk.RegisterPerson(ctx, pool, sven, "999999999", demo.Ola.PID, "Ola", true)
	require.ErrorIs(t, err, store.ErrNotFound)
	require.Empty(t, audited(t, owner, "production_person.register"))
	require.False(t, registered(demo.EksempelKonsument, demo.Ola.PID))

	reg, err := servicedesk.RegisterPerson(ctx, pool, sven, demo.EksempelKonsument, "028790 10090", "Ola Uregistrert", true)
	require.NoError(t, err)
	require.Equal(t, demo.Ola.PID, reg.PID, "the confirmation shows the full number")
	require.Equal(t, "028790 *****", reg.MaskedPID)
	require.False(t, reg.Already)
	again, err := servicedesk.RegisterPerson(ctx, pool, sven, demo.EksempelKonsument, demo.Ola.PID, "Ola Uregistrert", true)
	require.NoError(t, err)
	require.True(t, again.Already)
	require.Equal(t, reg.ID, again.ID)
	require.True(t, registered(demo.EksempelKonsument, demo.Ola.PID))
	require.False(t, registered(demo.Skatteetaten, demo.Ola.PID), "at that organisation only")
	rows := audited(t, owner, "production_person.register")
	require.Len(t, rows, 1)
	require.JSONEq(t, `{"name": "Ola Uregistrert", "pid": "028790 *****", "org_no": "310000019", "env": "PROD"}`, rows[0]["after"].(string))
	require.NotContains(t, rows[0]["after"], demo.Ola.PID)

	found, _, err := servicedesk.SearchPersons(ctx, pool, demo.Ola.PID)
	require.NoError(t, err)
	require.Len(t, found, 1)
	found, _, err = servicedesk.SearchPersons(ctx, pool, "konsument")
	require.NoError(t, err)
	require.Len(t, found, 1)
	require.Equal(t, "Kari Konsument", found[0].Name)
	_, _, err = servicedesk.SearchPersons(ctx, pool, "k")
	require.Equal(t, servicedesk.FieldErrors{"sok": servicedesk.CodeSearchTooShort}, err)

	require.ErrorIs(t, servicedesk.RemovePerson(ctx, pool, sven, demo.Skatteetaten, reg.ID), store.ErrNotFound,
		"another organisation's registration is not found")
	require.True(t, registered(demo.EksempelKonsument, demo.Ola.PID))
	require.NoError(t, servicedesk.RemovePerson(ctx, pool, sven, demo.EksempelKonsument, reg.ID))
	require.NoError(t, servicedesk.RemovePerson(ctx, pool, sven, demo.EksempelKonsument, reg.ID), "a double click")
	require.False(t, registered(demo.EksempelKonsument, demo.Ola.PID))
	rows = audited(t, owner, "production_person.remove")
	require.Len(t, rows, 1)
	require.Equal(t, demo.EksempelKonsument, rows[0]["org"])
	require.Equal(t, "servicedesk", rows[0]["role"])
}
