package org_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

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
	konsument := storetest.Organisation(t, pool, storetest.OrganisationOptions{Name: "Eksempel Konsument AS"})
	skatt := storetest.Organisation(t, pool, storetest.OrganisationOptions{Name: "Skatteetaten"})
	storetest.EmailDomain(t, pool, storetest.EmailDomainOptions{Domain: "konsument.example", OrgNo: konsument.No})
	storetest.EmailDomain(t, pool, storetest.EmailDomainOptions{Domain: "skatteetaten.no", OrgNo: skatt.No})
	// One domain leading to two organisations, listed by name.
	holding := storetest.Organisation(t, pool, storetest.OrganisationOptions{Name: "Delt Domene Holding AS"})
	delt := storetest.Organisation(t, pool, storetest.OrganisationOptions{Name: "Delt Domene AS"})
	for _, o := range []org.Organisation{holding, delt} {
		storetest.EmailDomain(t, pool, storetest.EmailDomainOptions{Domain: "deltdomene.example", OrgNo: o.No})
	}
	kari := storetest.ProductionPerson(t, pool, storetest.ProductionPersonOptions{OrgNo: konsument.No}).PID
	ola := storetest.PersonNumber()

	orgs, err := org.ForEmail(ctx, pool, "dina@deltdomene.example")
	require.NoError(t, err)
	require.Equal(t, []org.Organisation{delt, holding}, orgs)

	orgs, err = org.ForEmail(ctx, pool, "ulf@ukjent.example")
	require.NoError(t, err)
	require.Empty(t, orgs)

	_, err = org.ForEmailByNo(ctx, pool, "kari@konsument.example", skatt.No)
	require.Error(t, err)

	ok, err := org.ProductionRegistered(ctx, pool, konsument.No, kari)
	require.NoError(t, err)
	require.True(t, ok)
	ok, err = org.ProductionRegistered(ctx, pool, konsument.No, ola)
	require.NoError(t, err)
	require.False(t, ok)
	ok, err = org.ProductionRegistered(ctx, pool, skatt.No, kari)
	require.NoError(t, err)
	require.False(t, ok, "registered for one organisation only")
}
