package org_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/org"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

func TestEmailDomain(t *testing.T) {
	t.Parallel()
	valid := map[string]string{
		"kari@konsument.example":  "konsument.example",
		"Kari@Konsument.EXAMPLE":  "konsument.example",
		"a@b.c":                   "b.c",
		"quoted@name\"@digdir.no": "digdir.no",
		"x@sub-domene.digdir.no":  "sub-domene.digdir.no",
	}
	for in, want := range valid {
		got, err := org.EmailDomain(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "@", "kari", "kari@", "@digdir.no", "kari@localhost", "kari@.no", "kari@digdir.",
		"kari@dig..dir", "kari@dig dir.no", "kari@digdir.no>", "kari@xn--æøå.no", "kari@" + strings.Repeat("a", 260) + ".no"} {
		_, err := org.EmailDomain(in)
		require.ErrorIs(t, err, org.ErrBadEmail, in)
	}
}

func FuzzEmailDomain(f *testing.F) {
	for _, s := range []string{"kari@konsument.example", "@", "a@b.c", "x@y..z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := org.EmailDomain(s)
		if err != nil {
			return
		}
		require.Equal(t, strings.ToLower(d), d)
		require.Contains(t, d, ".")
		require.True(t, strings.HasSuffix(strings.ToLower(s), "@"+d))
	})
}

func TestForEmail(t *testing.T) {
	t.Parallel()
	pool := storetest.Pool(t)
	ctx := context.Background()
	require.NoError(t, demo.Seed(ctx, pool))

	orgs, err := org.ForEmail(ctx, pool, demo.Dina.Email)
	require.NoError(t, err)
	require.Equal(t, []org.Organisation{{No: demo.DeltDomene, Name: "Delt Domene AS"}, {No: demo.DeltDomeneHolding, Name: "Delt Domene Holding AS"}}, orgs)

	orgs, err = org.ForEmail(ctx, pool, demo.Ulf.Email)
	require.NoError(t, err)
	require.Empty(t, orgs)

	_, err = org.ForEmailByNo(ctx, pool, demo.Kari.Email, demo.Skatteetaten)
	require.Error(t, err)

	ok, err := org.ProductionRegistered(ctx, pool, demo.EksempelKonsument, demo.Kari.PID)
	require.NoError(t, err)
	require.True(t, ok)
	ok, err = org.ProductionRegistered(ctx, pool, demo.EksempelKonsument, demo.Ola.PID)
	require.NoError(t, err)
	require.False(t, ok)
	ok, err = org.ProductionRegistered(ctx, pool, demo.Skatteetaten, demo.Kari.PID)
	require.NoError(t, err)
	require.False(t, ok, "registered for one organisation only")
}
