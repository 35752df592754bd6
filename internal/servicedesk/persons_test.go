package servicedesk_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/org"
	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

func TestPersonsForProduction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t)
	pool, owner := b.serving, b.owner
	konsument := b.organisation(t, "Eksempel Konsument AS")
	other := b.organisation(t, "Skatteetaten")
	storetest.ProductionPerson(t, owner, storetest.ProductionPersonOptions{OrgNo: konsument, Name: "Kari Konsument"})
	olaPID := storetest.PersonNumber() // synthetic, as ID-porten's test persons are
	// The second check digit is the only one that fits: any other is wrong.
	wrongCheckDigit := olaPID[:10] + string('0'+(olaPID[10]-'0'+1)%10)
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
		{wrongCheckDigit, "Ola", true, servicedesk.FieldErrors{"fodselsnummer": servicedesk.CodePIDCheckDigit}},
		{olaPID, "Ola", false, servicedesk.FieldErrors{"fodselsnummer": servicedesk.CodePIDSynthetic}},
		{"123", "", true, servicedesk.FieldErrors{"fodselsnummer": servicedesk.CodePIDFormat, "navn": servicedesk.CodeNameMissing}},
	} {
		_, err := servicedesk.RegisterPerson(ctx, pool, sven, konsument, tc.pid, tc.name, tc.test)
		require.Equal(t, tc.want, err, tc.pid)
	}
	_, err := servicedesk.RegisterPerson(ctx, pool, sven, "999999999", olaPID, "Ola", true)
	require.ErrorIs(t, err, store.ErrNotFound)
	require.Empty(t, audited(t, owner, "production_person.register"))
	require.False(t, registered(konsument, olaPID))

	reg, err := servicedesk.RegisterPerson(ctx, pool, sven, konsument, olaPID[:6]+" "+olaPID[6:], "Ola Uregistrert", true)
	require.NoError(t, err)
	require.Equal(t, olaPID, reg.PID, "the confirmation shows the full number")
	require.Equal(t, olaPID[:6]+" *****", reg.MaskedPID)
	require.False(t, reg.Already)
	again, err := servicedesk.RegisterPerson(ctx, pool, sven, konsument, olaPID, "Ola Uregistrert", true)
	require.NoError(t, err)
	require.True(t, again.Already)
	require.Equal(t, reg.ID, again.ID)
	require.True(t, registered(konsument, olaPID))
	require.False(t, registered(other, olaPID), "at that organisation only")
	rows := audited(t, owner, "production_person.register")
	require.Len(t, rows, 1)
	require.JSONEq(t, `{"name": "Ola Uregistrert", "pid": "`+olaPID[:6]+` *****", "org_no": "`+konsument+`", "env": "PROD"}`, rows[0]["after"].(string))
	require.NotContains(t, rows[0]["after"], olaPID)

	found, _, err := servicedesk.SearchPersons(ctx, pool, olaPID)
	require.NoError(t, err)
	require.Len(t, found, 1)
	found, _, err = servicedesk.SearchPersons(ctx, pool, "konsument")
	require.NoError(t, err)
	require.Len(t, found, 1)
	require.Equal(t, "Kari Konsument", found[0].Name)
	_, _, err = servicedesk.SearchPersons(ctx, pool, "k")
	require.Equal(t, servicedesk.FieldErrors{"sok": servicedesk.CodeSearchTooShort}, err)

	require.ErrorIs(t, servicedesk.RemovePerson(ctx, pool, sven, other, reg.ID), store.ErrNotFound,
		"another organisation's registration is not found")
	require.True(t, registered(konsument, olaPID))
	require.NoError(t, servicedesk.RemovePerson(ctx, pool, sven, konsument, reg.ID))
	require.NoError(t, servicedesk.RemovePerson(ctx, pool, sven, konsument, reg.ID), "a double click")
	require.False(t, registered(konsument, olaPID))
	rows = audited(t, owner, "production_person.remove")
	require.Len(t, rows, 1)
	require.Equal(t, konsument, rows[0]["org"])
	require.Equal(t, "servicedesk", rows[0]["role"])
}
