package servicedesk_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/internal/store"
)

func TestOrganisations(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, owner := seeded(t)

	t.Run("CreateRefusesBadInputAndSavesNothing", func(t *testing.T) {
		for _, tc := range []struct {
			no, name string
			want     servicedesk.FieldErrors
		}{
			{"974761077", "Feil AS", servicedesk.FieldErrors{"organisasjonsnummer": servicedesk.CodeOrgNoCheckDigit}},
			{"12345", "", servicedesk.FieldErrors{"organisasjonsnummer": servicedesk.CodeOrgNoFormat, "navn": servicedesk.CodeNameMissing}},
			{demo.Skatteetaten, "Et annet navn", servicedesk.FieldErrors{"organisasjonsnummer": servicedesk.CodeOrgNoTaken}},
		} {
			_, err := servicedesk.CreateOrganisation(ctx, pool, sven, tc.no, tc.name)
			var errs servicedesk.FieldErrors
			require.True(t, errors.As(err, &errs), "%v", err)
			require.Equal(t, tc.want, errs)
		}
		require.Empty(t, audited(t, owner, "organisation.create"))
	})

	t.Run("CreateOnceAndRename", func(t *testing.T) {
		no, err := servicedesk.CreateOrganisation(ctx, pool, sven, " 974 760 673 ", "Brønnøysundregistrene")
		require.NoError(t, err)
		require.Equal(t, "974760673", no)
		_, err = servicedesk.CreateOrganisation(ctx, pool, sven, "974760673", "Brønnøysundregistrene")
		require.NoError(t, err, "a double click is the organisation already made")
		rows := audited(t, owner, "organisation.create")
		require.Len(t, rows, 1)
		require.Equal(t, "servicedesk", rows[0]["role"])
		require.Equal(t, "974760673", rows[0]["org"])
		require.Equal(t, demo.Sven.Name, rows[0]["actor"])

		require.NoError(t, servicedesk.RenameOrganisation(ctx, pool, sven, "974760673", 1, "Brreg"))
		require.NoError(t, servicedesk.RenameOrganisation(ctx, pool, sven, "974760673", 1, "Brreg"), "the same again changes nothing")
		err = servicedesk.RenameOrganisation(ctx, pool, sven, "974760673", 1, "Noe annet")
		require.Equal(t, servicedesk.FieldErrors{"navn": servicedesk.CodeVersionConflict}, err)
		err = servicedesk.RenameOrganisation(ctx, pool, sven, "974760673", 2, "")
		require.Equal(t, servicedesk.FieldErrors{"navn": servicedesk.CodeNameMissing}, err)
		require.ErrorIs(t, servicedesk.RenameOrganisation(ctx, pool, sven, "999999999", 1, "X"), store.ErrNotFound)
		o, err := servicedesk.GetOrganisation(ctx, pool, "974760673")
		require.NoError(t, err)
		require.Equal(t, "Brreg", o.Name)
		require.Equal(t, 2, o.Version)
		rows = audited(t, owner, "organisation.rename")
		require.Len(t, rows, 1)
		require.JSONEq(t, `{"org_no": "974760673", "name": "Brønnøysundregistrene", "version": 1}`, rows[0]["before"].(string))
	})

	t.Run("Search", func(t *testing.T) {
		names := func(q string) []string {
			orgs, _, err := servicedesk.SearchOrganisations(ctx, pool, q)
			require.NoError(t, err)
			var out []string
			for _, o := range orgs {
				out = append(out, o.Name)
			}
			return out
		}
		require.Equal(t, []string{"Delt Domene AS", "Delt Domene Holding AS"}, names("delt domene"))
		require.Equal(t, []string{"Eksempel Konsument AS"}, names("310 000 019"))
		require.Equal(t, []string{"Delt Domene AS", "Delt Domene Holding AS", "Eksempel Konsument AS"}, names("3100000"))
		require.Empty(t, names("100%"), "LIKE's wildcards are text")
		require.Empty(t, names("_"))
		require.Len(t, names(""), 6)
	})

	t.Run("Overview", func(t *testing.T) {
		o, err := servicedesk.GetOverview(ctx, pool, demo.EksempelKonsument)
		require.NoError(t, err)
		require.Equal(t, []string{"konsument.example"}, o.Domains)
		require.Len(t, o.Persons, 1)
		require.Equal(t, "Kari Konsument", o.Persons[0].Name)
		require.Equal(t, "158385 *****", o.Persons[0].MaskedPID)
		require.Len(t, o.Envs, 2)
		require.Equal(t, environment.Test, o.Envs[0].Env)
		require.Len(t, o.Envs[0].Integrations, 2)
		require.Equal(t, []string{"idporten:dcr.read", "idporten:dcr.write", "idporten:scopes.write",
			"skatteetaten:mva", "skatteetaten:testapi"}, o.Envs[0].Scopes)
		require.Equal(t, []string{"skatteetaten:mva"}, o.Envs[1].Scopes)
		s, err := servicedesk.GetOverview(ctx, pool, demo.Skatteetaten)
		require.NoError(t, err)
		require.Len(t, s.Prefixes, 1)
		require.Equal(t, 5, s.Prefixes[0].ScopeCount)
		_, err = servicedesk.GetOverview(ctx, pool, "999999999")
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}
