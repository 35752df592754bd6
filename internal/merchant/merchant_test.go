package merchant_test

import (
	"context"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

type bundle struct {
	ctx                context.Context
	pool               *pgxpool.Pool // as the serving role, with only its grants
	owner              *pgxpool.Pool
	consumer, provider string         // organisation numbers; the provider owns a prefix
	kari, ola          identity.Actor // the consumer's
	petra              identity.Actor // the provider's
}

func setup(t *testing.T) bundle {
	t.Helper()
	ctx := context.Background()
	url := storetest.URL(t)
	owner, err := store.Open(ctx, url)
	require.NoError(t, err)
	t.Cleanup(owner.Close)
	b := bundle{ctx: ctx, pool: storetest.ServingPool(t, url), owner: owner,
		consumer: storetest.Organisation(t, owner, storetest.OrganisationOptions{Name: "Eksempel Konsument AS"}).No,
		provider: storetest.Organisation(t, owner, storetest.OrganisationOptions{Name: "Skatteetaten"}).No}
	storetest.ScopePrefix(t, owner, storetest.ScopePrefixOptions{OrgNo: b.provider})
	actor := func(name, orgNo string) identity.Actor {
		return identity.Actor{Person: identity.Person{Name: name}, OrgNo: orgNo}
	}
	b.kari, b.ola, b.petra = actor("Kari Konsument", b.consumer), actor("Ola Uregistrert", b.consumer), actor("Petra Tilbyder", b.provider)
	return b
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

	list, err := merchant.StatusList(b.ctx, b.pool, b.consumer)
	require.NoError(t, err)
	require.Equal(t, []merchant.Status{{Service: merchant.Consumer}}, list,
		"a consumer without a prefix uses Maskinporten as consumer only, and has saved nothing")
	require.Equal(t, []merchant.Service{merchant.Consumer}, merchant.WithoutPoints(list))

	storetest.Merchant(t, b.owner, storetest.MerchantOptions{OrgNo: b.provider})
	storetest.Merchant(t, b.owner, storetest.MerchantOptions{OrgNo: b.provider, Service: merchant.Provider, NoPoints: true})
	list, err = merchant.StatusList(b.ctx, b.pool, b.provider)
	require.NoError(t, err)
	require.Equal(t, []merchant.Status{{Service: merchant.Consumer, Saved: true, PointCount: 1},
		{Service: merchant.Provider, Saved: true}}, list, "the owner of a prefix is also an API provider")
	require.True(t, list[0].Complete())
	require.False(t, list[1].Complete(), "no notification point")
	require.Equal(t, []merchant.Service{merchant.Provider}, merchant.WithoutPoints(list))

	require.NoError(t, merchant.Save(b.ctx, b.pool, b.kari, merchant.Consumer, 0, validDraft()))
	list, err = merchant.StatusList(b.ctx, b.pool, b.consumer)
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
		require.Equal(t, 1, auditRows(t, b, b.consumer))

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
		require.Equal(t, 2, auditRows(t, b, b.consumer))

		var before, after string
		require.NoError(t, b.pool.QueryRow(b.ctx, `
			SELECT before->>'version', after->'notification_points'->1->>'email' FROM audit_log
			WHERE entity_type = $1 AND org_no = $2 ORDER BY id DESC LIMIT 1`, merchant.EntityType, b.kari.OrgNo).
			Scan(&before, &after))
		require.Equal(t, "1", before)
		require.Equal(t, "vakt@konsument.example", after)

		history, err := merchant.History(b.ctx, b.pool, b.consumer, merchant.Consumer, 10)
		require.NoError(t, err)
		require.Len(t, history, 2)
		require.Equal(t, []string{merchant.FieldEHF, merchant.FieldPoints}, history[0].Fields, "newest first")
		require.Equal(t, "Kari Konsument", history[0].ActorName)
		require.Nil(t, history[1].Fields, "the first save")
		other, err := merchant.History(b.ctx, b.pool, b.provider, merchant.Consumer, 10)
		require.NoError(t, err)
		require.Empty(t, other, "another organisation's history is its own")

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
		require.Equal(t, 2, auditRows(t, b, b.consumer))
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
		require.Equal(t, 1, auditRows(t, b, b.consumer))
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
		require.Zero(t, auditRows(t, b, b.consumer))
	})

	t.Run("ProviderOnlyForAPrefixOwner", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		_, err := merchant.Get(b.ctx, b.pool, b.kari.OrgNo, merchant.Provider)
		require.ErrorIs(t, err, store.ErrNotFound)
		require.ErrorIs(t, merchant.Save(b.ctx, b.pool, b.kari, merchant.Provider, 0, validDraft()), store.ErrNotFound)

		require.NoError(t, merchant.Save(b.ctx, b.pool, b.petra, merchant.Provider, 0, validDraft()))
		d, err := merchant.Get(b.ctx, b.pool, b.petra.OrgNo, merchant.Provider)
		require.NoError(t, err)
		require.Equal(t, "faktura@konsument.example", d.Invoice.Email)
	})

	t.Run("ScopedToTheActorsOrganisation", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		require.NoError(t, merchant.Save(b.ctx, b.pool, b.kari, merchant.Consumer, 0, validDraft()))
		petras, err := merchant.Get(b.ctx, b.pool, b.petra.OrgNo, merchant.Consumer)
		require.NoError(t, err)
		require.False(t, petras.Saved, "each organisation has its own data for the same service")
		// Petra's save touches her organisation's row, never Kari's.
		require.NoError(t, merchant.Save(b.ctx, b.pool, b.petra, merchant.Consumer, 0, validDraft()))
		karis, err := merchant.Get(b.ctx, b.pool, b.kari.OrgNo, merchant.Consumer)
		require.NoError(t, err)
		require.Equal(t, 1, karis.Version)
	})
}

func TestNotificationPoints(t *testing.T) {
	t.Parallel()
	b := setup(t)
	require.NoError(t, merchant.Save(b.ctx, b.pool, b.kari, merchant.Consumer, 0, validDraft()))
	two := []merchant.Point{{Name: "A", Email: "a@skatt.example"}, {Name: "B", Email: "b@skatt.example", Phone: "+4722077000"}}
	storetest.Merchant(t, b.owner, storetest.MerchantOptions{OrgNo: b.provider, Points: two})
	storetest.Merchant(t, b.owner, storetest.MerchantOptions{OrgNo: b.provider, Service: merchant.Provider})
	none := storetest.Organisation(t, b.owner, storetest.OrganisationOptions{}).No
	storetest.Merchant(t, b.owner, storetest.MerchantOptions{OrgNo: none, NoPoints: true})
	never := storetest.Organisation(t, b.owner, storetest.OrganisationOptions{}).No

	got, err := merchant.NotificationPoints(b.ctx, b.pool, merchant.Consumer, []string{b.consumer, b.provider, none, never})
	require.NoError(t, err)
	require.Len(t, got, 2, "organisations without points are absent")
	require.Equal(t, []merchant.Point{{Name: "Drift", Email: "drift@konsument.example", Phone: "+4791234567"}}, got[b.consumer])
	require.Equal(t, two, got[b.provider], "in the form's order")

	got, err = merchant.NotificationPoints(b.ctx, b.pool, merchant.Provider, []string{b.consumer, b.provider})
	require.NoError(t, err)
	require.Len(t, got, 1, "the points are per service")
	require.Contains(t, got, b.provider)
}

// TestAll: every service the organisation uses, saved or not, with its own
// notification points and no one else's, as merchant.Get reads each.
func TestAll(t *testing.T) {
	t.Parallel()
	b := setup(t)

	list, err := merchant.All(b.ctx, b.pool, b.consumer)
	require.NoError(t, err)
	require.Equal(t, []merchant.Data{{Service: merchant.Consumer}}, list, "nothing saved yet")

	storetest.Merchant(t, b.owner, storetest.MerchantOptions{OrgNo: b.provider, Service: merchant.Provider,
		Points: []merchant.Point{{Name: "Drift", Email: "drift@tilbyder.example", Phone: "+4722225555"}, {Name: "Vakt", Email: "vakt@tilbyder.example"}}})
	storetest.Merchant(t, b.owner, storetest.MerchantOptions{OrgNo: b.provider, Service: merchant.Consumer, NoPoints: true})
	storetest.Merchant(t, b.owner, storetest.MerchantOptions{OrgNo: b.consumer})
	list, err = merchant.All(b.ctx, b.pool, b.provider)
	require.NoError(t, err)
	require.Len(t, list, 2)
	for i, service := range merchant.Services() {
		want, err := merchant.Get(b.ctx, b.pool, b.provider, service)
		require.NoError(t, err)
		require.Equal(t, want, list[i], service)
	}
	require.Len(t, list[1].Points, 2)
	require.Empty(t, list[0].Points)
}
