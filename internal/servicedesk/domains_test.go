package servicedesk_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

func TestDomains(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t)
	pool := b.serving
	konsument := b.organisation(t, "Eksempel Konsument AS")
	second := b.organisation(t, "Andre Virksomhet AS")
	storetest.EmailDomain(t, b.owner, storetest.EmailDomainOptions{Domain: "konsument.example", OrgNo: konsument})
	leadsTo := func(domain string) []string {
		d, ok, err := servicedesk.GetDomain(ctx, pool, domain)
		require.NoError(t, err)
		require.True(t, ok)
		var out []string
		for _, o := range d.Orgs {
			out = append(out, o.No)
		}
		return out
	}

	_, err := servicedesk.LinkDomain(ctx, pool, sven, "ikke et domene", "123")
	require.Equal(t, servicedesk.FieldErrors{"domene": servicedesk.CodeDomainInvalid, "organisasjonsnummer": servicedesk.CodeOrgNoFormat}, err)
	_, err = servicedesk.LinkDomain(ctx, pool, sven, "ny.example", "974760673")
	require.Equal(t, servicedesk.FieldErrors{"organisasjonsnummer": servicedesk.CodeOrgUnknown}, err, "a valid number, but no organisation")
	require.Empty(t, audited(t, b.owner, "email_domain.link"))

	d, err := servicedesk.LinkDomain(ctx, pool, sven, " Konsument.Example ", second)
	require.NoError(t, err)
	require.Equal(t, "konsument.example", d)
	_, err = servicedesk.LinkDomain(ctx, pool, sven, "konsument.example", second)
	require.NoError(t, err, "a double click links once")
	require.Equal(t, []string{second, konsument}, leadsTo("konsument.example"), "by the organisations' names")
	rows := audited(t, b.owner, "email_domain.link")
	require.Len(t, rows, 1)
	require.Equal(t, second, rows[0]["org"])
	require.Equal(t, "servicedesk", rows[0]["role"])
	require.Equal(t, sven.Person.Name, rows[0]["actor"])

	require.NoError(t, servicedesk.UnlinkDomain(ctx, pool, sven, "konsument.example", konsument))
	require.NoError(t, servicedesk.UnlinkDomain(ctx, pool, sven, "konsument.example", konsument), "a double click")
	require.Equal(t, []string{second}, leadsTo("konsument.example"))
	require.Len(t, audited(t, b.owner, "email_domain.unlink"), 1)
	require.ErrorIs(t, servicedesk.UnlinkDomain(ctx, pool, sven, "..", second), store.ErrNotFound)
	require.Empty(t, leadsTo("ingen.example"))

	shared := storetest.EmailDomain(t, b.owner, storetest.EmailDomainOptions{Domain: "deltdomene.example"})
	storetest.EmailDomain(t, b.owner, storetest.EmailDomainOptions{Domain: "deltdomene.example", OrgNo: konsument})
	found, _, err := servicedesk.SearchDomains(ctx, pool, "delt")
	require.NoError(t, err)
	require.Len(t, found, 1)
	require.Equal(t, shared.Domain, found[0].Domain)
	require.Len(t, found[0].Orgs, 2, "one hit per domain, with every organisation it leads to")
}
