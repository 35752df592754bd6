package servicedesk_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

func TestOrganisations(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t)
	pool, owner := b.serving, b.owner
	taken := b.organisation(t, "Skatteetaten")

	t.Run("CreateRefusesBadInputAndSavesNothing", func(t *testing.T) {
		for _, tc := range []struct {
			no, name string
			want     servicedesk.FieldErrors
		}{
			{"974761077", "Feil AS", servicedesk.FieldErrors{"organisasjonsnummer": servicedesk.CodeOrgNoCheckDigit}},
			{"12345", "", servicedesk.FieldErrors{"organisasjonsnummer": servicedesk.CodeOrgNoFormat, "navn": servicedesk.CodeNameMissing}},
			{taken, "Et annet navn", servicedesk.FieldErrors{"organisasjonsnummer": servicedesk.CodeOrgNoTaken}},
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
		require.Equal(t, sven.Person.Name, rows[0]["actor"])

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
		deltDomene := b.organisation(t, "Delt Domene AS")
		b.organisation(t, "Delt Domene Holding AS")
		b.organisation(t, "Eksempel Søk AS")
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
		require.Equal(t, []string{"Delt Domene AS"}, names(deltDomene[:3]+" "+deltDomene[3:6]+" "+deltDomene[6:]), "by the number, spaces and all")
		require.Equal(t, []string{"Eksempel Søk AS"}, names("SØK"), "by a part of the name, in any case")
		require.Empty(t, names("100%"), "LIKE's wildcards are text")
		require.Empty(t, names("_"))
		require.GreaterOrEqual(t, len(names("")), 4, "nothing typed lists every organisation, by name")
	})

	t.Run("Overview", func(t *testing.T) {
		konsument := b.organisation(t, "Eksempel Konsument AS")
		storetest.EmailDomain(t, owner, storetest.EmailDomainOptions{Domain: "konsument.example", OrgNo: konsument})
		storetest.ProductionPerson(t, owner, storetest.ProductionPersonOptions{OrgNo: konsument, PID: "15838510075",
			Name: "Kari Konsument"})
		provider := b.organisation(t, "Tilbyder AS")
		prefix := storetest.ScopePrefix(t, owner, storetest.ScopePrefixOptions{Prefix: "tilbyder", OrgNo: provider}).Prefix
		mva := storetest.Scope(t, owner, storetest.ScopeOptions{Prefix: prefix, Name: "tilbyder:mva"})
		testapi := storetest.Scope(t, owner, storetest.ScopeOptions{Prefix: prefix, Name: "tilbyder:testapi"})
		storetest.Scope(t, owner, storetest.ScopeOptions{Prefix: prefix, Name: "tilbyder:intern"})
		for _, g := range []storetest.GrantOptions{
			{ScopeID: mva.ID, OrgNo: konsument, Env: environment.Test},
			{ScopeID: testapi.ID, OrgNo: konsument, Env: environment.Test},
			{ScopeID: mva.ID, OrgNo: konsument, Env: environment.Prod},
		} {
			storetest.Grant(t, owner, g)
		}
		storetest.Integration(t, owner, storetest.IntegrationOptions{OrgNo: konsument, Name: "Regnskapssystem", Scopes: []string{"tilbyder:mva"}})
		storetest.Integration(t, owner, storetest.IntegrationOptions{OrgNo: konsument, Name: "Testklient"})

		o, err := servicedesk.GetOverview(ctx, pool, konsument)
		require.NoError(t, err)
		require.Equal(t, []string{"konsument.example"}, o.Domains)
		require.Len(t, o.Persons, 1)
		require.Equal(t, "Kari Konsument", o.Persons[0].Name)
		require.Equal(t, "158385 *****", o.Persons[0].MaskedPID)
		require.Len(t, o.Envs, 2)
		require.Equal(t, environment.Test, o.Envs[0].Env)
		require.Len(t, o.Envs[0].Integrations, 2)
		require.Empty(t, o.Envs[1].Integrations)
		require.Equal(t, []string{"tilbyder:mva", "tilbyder:testapi"}, o.Envs[0].Scopes)
		require.Equal(t, []string{"tilbyder:mva"}, o.Envs[1].Scopes)
		require.Equal(t, []merchant.Data{{Service: merchant.Consumer}}, o.Merchant, "a consumer's service, nothing saved yet")
		saved := storetest.Merchant(t, owner, storetest.MerchantOptions{OrgNo: provider, Service: merchant.Provider})
		s, err := servicedesk.GetOverview(ctx, pool, provider)
		require.NoError(t, err)
		require.Len(t, s.Prefixes, 1)
		require.Equal(t, 3, s.Prefixes[0].ScopeCount)
		require.Len(t, s.Merchant, 2, "a provider uses both services")
		require.Equal(t, saved, s.Merchant[1])
		_, err = servicedesk.GetOverview(ctx, pool, "999999999")
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}
