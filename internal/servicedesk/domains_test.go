package servicedesk_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/internal/store"
)

func TestDomains(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, owner := seeded(t)
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
	require.Empty(t, audited(t, owner, "email_domain.link"))

	d, err := servicedesk.LinkDomain(ctx, pool, sven, " Konsument.Example ", demo.DeltDomene)
	require.NoError(t, err)
	require.Equal(t, "konsument.example", d)
	_, err = servicedesk.LinkDomain(ctx, pool, sven, "konsument.example", demo.DeltDomene)
	require.NoError(t, err, "a double click links once")
	require.Equal(t, []string{demo.DeltDomene, demo.EksempelKonsument}, leadsTo("konsument.example"))
	rows := audited(t, owner, "email_domain.link")
	require.Len(t, rows, 1)
	require.Equal(t, demo.DeltDomene, rows[0]["org"])
	require.Equal(t, "servicedesk", rows[0]["role"])

	require.NoError(t, servicedesk.UnlinkDomain(ctx, pool, sven, "konsument.example", demo.EksempelKonsument))
	require.NoError(t, servicedesk.UnlinkDomain(ctx, pool, sven, "konsument.example", demo.EksempelKonsument))
	require.Equal(t, []string{demo.DeltDomene}, leadsTo("konsument.example"))
	require.Len(t, audited(t, owner, "email_domain.unlink"), 1)
	require.ErrorIs(t, servicedesk.UnlinkDomain(ctx, pool, sven, "..", demo.DeltDomene), store.ErrNotFound)
	require.Empty(t, leadsTo("ingen.example"))

	found, _, err := servicedesk.SearchDomains(ctx, pool, "delt")
	require.NoError(t, err)
	require.Len(t, found, 1)
	require.Equal(t, "deltdomene.example", found[0].Domain)
	require.Len(t, found[0].Orgs, 2)
}
