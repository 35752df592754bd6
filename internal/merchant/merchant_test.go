package merchant_test

import (
	"context"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

type bundle struct {
	ctx   context.Context
	pool  *pgxpool.Pool // as the serving role, with only its grants
	owner *pgxpool.Pool
	kari  identity.Actor // Eksempel Konsument AS: consumer only
	ola   identity.Actor // the same organisation
	petra identity.Actor // Skatteetaten: consumer and provider
}

func setup(t *testing.T) bundle {
	t.Helper()
	ctx := context.Background()
	url := storetest.URL(t)
	owner, err := store.Open(ctx, url)
	require.NoError(t, err)
	t.Cleanup(owner.Close)
	require.NoError(t, demo.Seed(ctx, owner))
	actor := func(p demo.Person, orgNo string) identity.Actor {
		return identity.Actor{Person: identity.Person{Name: p.Name, Email: p.Email, PID: p.PID}, OrgNo: orgNo}
	}
	return bundle{ctx: ctx, pool: storetest.ServingPool(t, url), owner: owner,
		kari: actor(demo.Kari, demo.EksempelKonsument), ola: actor(demo.Ola, demo.EksempelKonsument),
		petra: actor(demo.Petra, demo.Skatteetaten)}
}

func auditRows(t *testing.T, b bundle, orgNo string) int {
	t.Helper()
	var n int
	require.NoError(t, b.pool.QueryRow(b.ctx, `SELECT count(*) FROM audit_log WHERE entity_type = $1 AND org_no = $2`,
		merchant.EntityType, orgNo).Scan(&n))
	return n
}

func TestStatusList(t *testing.T) {
	t.Parallel()
	b := setup(t)

	list, err := merchant.StatusList(b.ctx, b.pool, demo.EksempelKonsument)
	require.NoError(t, err)
	require.Equal(t, []merchant.Status{{Service: merchant.Consumer}}, list,
		"a consumer without a prefix uses Maskinporten as consumer only, and has saved nothing")
	require.Equal(t, []merchant.Service{merchant.Consumer}, merchant.WithoutPoints(list))

	list, err = merchant.StatusList(b.ctx, b.pool, demo.Skatteetaten)
	require.NoError(t, err)
	require.Len(t, list, 2, "the owner of a prefix is also an API provider")
	require.Equal(t, merchant.Consumer, list[0].Service)
	require.Equal(t, merchant.Provider, list[1].Service)
	require.True(t, list[0].Complete(), "the demo data gives Skatteetaten complete merchant data as consumer")

	require.NoError(t, merchant.Save(b.ctx, b.pool, b.kari, merchant.Consumer, 0, validDraft()))
	list, err = merchant.StatusList(b.ctx, b.pool, demo.EksempelKonsument)
	require.NoError(t, err)
	require.Equal(t, []merchant.Status{{Service: merchant.Consumer, Saved: true, PointCount: 1}}, list)
	require.True(t, list[0].Complete())
	require.Empty(t, merchant.WithoutPoints(list))
}

func TestSave(t *testing.T) {
	t.Parallel()

	t.Run("FirstSaveThenEdit", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		d, err := merchant.Get(b.ctx, b.pool, b.kari.OrgNo, merchant.Consumer)
		require.NoError(t, err)
		require.False(t, d.Saved)
		require.Zero(t, d.Version)

		require.NoError(t, merchant.Save(b.ctx, b.pool, b.kari, merchant.Consumer, 0, validDraft()))
		d, err = merchant.Get(b.ctx, b.pool, b.kari.OrgNo, merchant.Consumer)
		require.NoError(t, err)
		require.True(t, d.Saved)
		require.Equal(t, 1, d.Version)
		require.Equal(t, "Kari Konsument", d.UpdatedBy)
		require.Equal(t, []merchant.Point{{Name: "Drift", Email: "drift@konsument.example", Phone: "+4791234567"}}, d.Points)
		require.Equal(t, 1, auditRows(t, b, b.kari.OrgNo))

		next := validDraft()
		next.Points = append(next.Points, merchant.Point{Name: "Vakt", Email: "vakt@konsument.example"})
		next.Invoice.EHF = true
		require.NoError(t, merchant.Save(b.ctx, b.pool, b.kari, merchant.Consumer, 1, next))
		d, err = merchant.Get(b.ctx, b.pool, b.kari.OrgNo, merchant.Consumer)
		require.NoError(t, err)
		require.Equal(t, 2, d.Version)
		require.True(t, d.Invoice.EHF)
		require.Len(t, d.Points, 2)
		require.Equal(t, "Vakt", d.Points[1].Name, "the form's order is kept")
		require.Equal(t, 2, auditRows(t, b, b.kari.OrgNo))

		var before, after string
		require.NoError(t, b.pool.QueryRow(b.ctx, `
			SELECT before->>'version', after->'notification_points'->1->>'email' FROM audit_log
			WHERE entity_type = $1 AND org_no = $2 ORDER BY id DESC LIMIT 1`, merchant.EntityType, b.kari.OrgNo).
			Scan(&before, &after))
		require.Equal(t, "1", before)
		require.Equal(t, "vakt@konsument.example", after)

		// Removing every point is allowed: the warning then shows again.
		none := next
		none.Points = nil
		require.NoError(t, merchant.Save(b.ctx, b.pool, b.kari, merchant.Consumer, 2, none))
		d, err = merchant.Get(b.ctx, b.pool, b.kari.OrgNo, merchant.Consumer)
		require.NoError(t, err)
		require.Empty(t, d.Points)
	})

	t.Run("SecondEditorGetsConflict", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		require.NoError(t, merchant.Save(b.ctx, b.pool, b.kari, merchant.Consumer, 0, validDraft()))
		kari := validDraft()
		kari.Invoice.ContactPerson = "Kari"
		ola := validDraft()
		ola.Invoice.ContactPerson = "Ola"
		require.NoError(t, merchant.Save(b.ctx, b.pool, b.kari, merchant.Consumer, 1, kari))
		require.ErrorIs(t, merchant.Save(b.ctx, b.pool, b.ola, merchant.Consumer, 1, ola), merchant.ErrConflict)
		d, err := merchant.Get(b.ctx, b.pool, b.kari.OrgNo, merchant.Consumer)
		require.NoError(t, err)
		require.Equal(t, "Kari", d.Invoice.ContactPerson)
		require.Equal(t, 2, auditRows(t, b, b.kari.OrgNo))
	})

	t.Run("TwoFirstSavesWithDifferentDataConflict", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		require.NoError(t, merchant.Save(b.ctx, b.pool, b.kari, merchant.Consumer, 0, validDraft()))
		other := validDraft()
		other.Invoice.ContactPerson = "Ola"
		require.ErrorIs(t, merchant.Save(b.ctx, b.pool, b.ola, merchant.Consumer, 0, other), merchant.ErrConflict)
	})

	t.Run("DoubleClickSavesOnce", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Go(func() { errs[i] = merchant.Save(b.ctx, b.pool, b.kari, merchant.Consumer, 0, validDraft()) })
		}
		wg.Wait()
		for _, err := range errs {
			require.NoError(t, err, "the same form sent again is no conflict")
		}
		require.Equal(t, 1, auditRows(t, b, b.kari.OrgNo))
		d, err := merchant.Get(b.ctx, b.pool, b.kari.OrgNo, merchant.Consumer)
		require.NoError(t, err)
		require.Equal(t, 1, d.Version)
		require.Len(t, d.Points, 1)
	})

	t.Run("InvalidSavesNothing", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		d := validDraft()
		d.Points = append(d.Points, merchant.Point{Name: "Vakt", Email: "ikke-en-adresse"})
		err := merchant.Save(b.ctx, b.pool, b.kari, merchant.Consumer, 0, d)
		var fe merchant.FieldErrors
		require.ErrorAs(t, err, &fe)
		require.Equal(t, merchant.CodeEmailInvalid, fe[merchant.PointField(1, merchant.FieldPointEmail)].Code)
		got, err := merchant.Get(b.ctx, b.pool, b.kari.OrgNo, merchant.Consumer)
		require.NoError(t, err)
		require.False(t, got.Saved)
		require.Zero(t, auditRows(t, b, b.kari.OrgNo))
	})

	t.Run("ProviderOnlyForAPrefixOwner", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		_, err := merchant.Get(b.ctx, b.pool, b.kari.OrgNo, merchant.Provider)
		require.ErrorIs(t, err, store.ErrNotFound)
		require.ErrorIs(t, merchant.Save(b.ctx, b.pool, b.kari, merchant.Provider, 0, validDraft()), store.ErrNotFound)

		d, err := merchant.Get(b.ctx, b.pool, b.petra.OrgNo, merchant.Provider)
		require.NoError(t, err)
		require.True(t, d.Saved, "the demo data has Skatteetaten's")
		require.NoError(t, merchant.Save(b.ctx, b.pool, b.petra, merchant.Provider, d.Version, validDraft()))
		d, err = merchant.Get(b.ctx, b.pool, b.petra.OrgNo, merchant.Provider)
		require.NoError(t, err)
		require.Equal(t, "faktura@konsument.example", d.Invoice.Email)
	})

	t.Run("ScopedToTheActorsOrganisation", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		require.NoError(t, merchant.Save(b.ctx, b.pool, b.kari, merchant.Consumer, 0, validDraft()))
		petras, err := merchant.Get(b.ctx, b.pool, b.petra.OrgNo, merchant.Consumer)
		require.NoError(t, err)
		require.NotEqual(t, "faktura@konsument.example", petras.Invoice.Email,
			"each organisation has its own data for the same service")
		// Petra's save touches Skatteetaten's row, never Kari's.
		require.NoError(t, merchant.Save(b.ctx, b.pool, b.petra, merchant.Consumer, petras.Version, validDraft()))
		karis, err := merchant.Get(b.ctx, b.pool, b.kari.OrgNo, merchant.Consumer)
		require.NoError(t, err)
		require.Equal(t, 1, karis.Version)
	})
}

func TestNotificationPoints(t *testing.T) {
	t.Parallel()
	b := setup(t)
	require.NoError(t, merchant.Save(b.ctx, b.pool, b.kari, merchant.Consumer, 0, validDraft()))
	got, err := merchant.NotificationPoints(b.ctx, b.pool, merchant.Consumer,
		[]string{demo.EksempelKonsument, demo.Skatteetaten, demo.Digdir})
	require.NoError(t, err)
	require.Len(t, got, 2, "Digdir has none, and is absent")
	require.Equal(t, "drift@konsument.example", got[demo.EksempelKonsument][0].Email)
	require.NotEmpty(t, got[demo.Skatteetaten])

	got, err = merchant.NotificationPoints(b.ctx, b.pool, merchant.Provider, []string{demo.EksempelKonsument, demo.Skatteetaten})
	require.NoError(t, err)
	require.Len(t, got, 1, "the points are per service: Eksempel Konsument AS has none as provider")
	require.Contains(t, got, demo.Skatteetaten)
}
