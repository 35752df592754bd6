package servicedesk_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

func TestPrefixes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t)
	pool, owner := b.serving, b.owner
	konsument := b.organisation(t, "Eksempel Konsument AS")
	second := b.organisation(t, "Andre Virksomhet AS")
	storetest.ScopePrefix(t, owner, storetest.ScopePrefixOptions{Prefix: "skatteetaten"})

	for _, tc := range []struct {
		prefix, orgNo string
		want          servicedesk.FieldErrors
	}{
		{"Konsument_API", konsument, servicedesk.FieldErrors{"prefiks": servicedesk.CodePrefixInvalid}},
		{"konsument", "31000001", servicedesk.FieldErrors{"organisasjonsnummer": servicedesk.CodeOrgNoFormat}},
		{"konsument", "974760673", servicedesk.FieldErrors{"organisasjonsnummer": servicedesk.CodeOrgUnknown}},
		{"skatteetaten", konsument, servicedesk.FieldErrors{"prefiks": servicedesk.CodePrefixTaken}},
	} {
		_, err := servicedesk.AssignPrefix(ctx, pool, sven, tc.prefix, tc.orgNo)
		require.Equal(t, tc.want, err, tc.prefix)
	}
	require.Empty(t, audited(t, owner, "scope_prefix.assign"))

	_, err := servicedesk.AssignPrefix(ctx, pool, sven, "konsument", konsument)
	require.NoError(t, err)
	_, err = servicedesk.AssignPrefix(ctx, pool, sven, "konsument", konsument)
	require.NoError(t, err, "a double click assigns once")
	require.Len(t, audited(t, owner, "scope_prefix.assign"), 1)
	p, err := servicedesk.GetPrefix(ctx, pool, "konsument")
	require.NoError(t, err)
	require.Equal(t, konsument, p.OrgNo, "the prefix is Eksempel Konsument AS's: it defines the scopes under it")
	_, err = servicedesk.GetPrefix(ctx, pool, "finnes-ikke")
	require.ErrorIs(t, err, store.ErrNotFound)

	require.Equal(t, servicedesk.FieldErrors{"organisasjonsnummer": servicedesk.CodeSamePrefixOwner},
		servicedesk.MovePrefix(ctx, pool, sven, "konsument", 1, konsument))
	require.NoError(t, servicedesk.MovePrefix(ctx, pool, sven, "konsument", 1, second))
	require.Equal(t, servicedesk.FieldErrors{"": servicedesk.CodeVersionConflict},
		servicedesk.MovePrefix(ctx, pool, sven, "konsument", 1, konsument), "a form for the old version")
	moves := audited(t, owner, "scope_prefix.move")
	require.Len(t, moves, 2, "both organisations' logs")
	require.Equal(t, konsument, moves[0]["org"])
	require.Equal(t, second, moves[1]["org"])

	// Scopes under the prefix can be made until it is retired, and then
	// not, whatever writes them; they are kept.
	_, err = owner.Exec(ctx, `INSERT INTO scopes (prefix, name) VALUES ('konsument', 'konsument:data')`)
	require.NoError(t, err)
	require.NoError(t, servicedesk.RetirePrefix(ctx, pool, sven, "konsument", 2))
	_, err = pool.Exec(ctx, `INSERT INTO scopes (prefix, name) VALUES ('konsument', 'konsument:mer')`)
	require.ErrorContains(t, err, "scope prefix konsument is retired")
	_, err = pool.Exec(ctx, `UPDATE scopes SET description = 'ny' WHERE name = 'konsument:data'`)
	require.ErrorContains(t, err, "scope prefix konsument is retired")
	p, err = servicedesk.GetPrefix(ctx, pool, "konsument")
	require.NoError(t, err)
	require.True(t, p.Retired)
	require.Equal(t, 1, p.ScopeCount, "its scopes are kept")
	require.Equal(t, servicedesk.FieldErrors{"": servicedesk.CodePrefixRetired}, servicedesk.RetirePrefix(ctx, pool, sven, "konsument", 3))
	require.Equal(t, servicedesk.FieldErrors{"": servicedesk.CodePrefixRetired},
		servicedesk.MovePrefix(ctx, pool, sven, "konsument", 3, konsument))
	_, err = servicedesk.AssignPrefix(ctx, pool, sven, "konsument", second)
	require.Equal(t, servicedesk.FieldErrors{"prefiks": servicedesk.CodePrefixTaken}, err, "a retired prefix is not given again")
	require.Len(t, audited(t, owner, "scope_prefix.retire"), 1)
}
