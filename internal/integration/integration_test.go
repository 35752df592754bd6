package integration_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/org"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

type testBundle struct {
	ctx        context.Context
	pool       *pgxpool.Pool
	kari       identity.Actor // registered for production
	ola        identity.Actor // logged in with ID-porten, not registered
	nopid      identity.Actor // logged in without a person number
	petra      identity.Actor // another organisation
	regnskap   uuid.UUID      // Kari's organisation's integration in TEST with skatteetaten:mva
	testklient uuid.UUID      // and the one with skatteetaten:testapi
}

// setup makes a consumer organisation with two integrations in TEST, and a
// provider, Skatteetaten, with three scopes: testapi (at most 600 s) shared in
// TEST, mva (300 s) shared in TEST and PROD, and intern shared with no one.
func setup(t *testing.T) testBundle {
	t.Helper()
	pool := storetest.Pool(t)
	ctx := context.Background()
	konsument := storetest.Organisation(t, pool, storetest.OrganisationOptions{Name: "Eksempel Konsument AS"})
	skatt := storetest.Organisation(t, pool, storetest.OrganisationOptions{Name: "Skatteetaten"})
	prefix := storetest.ScopePrefix(t, pool, storetest.ScopePrefixOptions{Prefix: "skatteetaten", OrgNo: skatt.No}).Prefix
	testapi := storetest.Scope(t, pool, storetest.ScopeOptions{Prefix: prefix, Name: "skatteetaten:testapi", MaxTokenLifetime: 600})
	mva := storetest.Scope(t, pool, storetest.ScopeOptions{Prefix: prefix, Name: "skatteetaten:mva", MaxTokenLifetime: 300})
	storetest.Scope(t, pool, storetest.ScopeOptions{Prefix: prefix, Name: "skatteetaten:intern"})
	storetest.Grant(t, pool, storetest.GrantOptions{ScopeID: testapi.ID, OrgNo: konsument.No, Env: environment.Test})
	storetest.Grant(t, pool, storetest.GrantOptions{ScopeID: mva.ID, OrgNo: konsument.No, Env: environment.Test})
	storetest.Grant(t, pool, storetest.GrantOptions{ScopeID: mva.ID, OrgNo: konsument.No, Env: environment.Prod})

	actor := func(name, pid string, o org.Organisation) identity.Actor {
		return identity.Actor{Person: identity.Person{Name: name, PID: pid}, OrgNo: o.No, OrgName: o.Name,
			FreshLoginUntil: time.Now().Add(time.Hour)}
	}
	kari := storetest.ProductionPerson(t, pool, storetest.ProductionPersonOptions{OrgNo: konsument.No})
	petra := storetest.ProductionPerson(t, pool, storetest.ProductionPersonOptions{OrgNo: skatt.No})
	b := testBundle{ctx: ctx, pool: pool,
		kari:  actor("Kari Konsument", kari.PID, konsument),
		ola:   actor("Ola Uregistrert", storetest.PersonNumber(), konsument),
		petra: actor("Petra Tilbyder", petra.PID, skatt),
		regnskap: storetest.Integration(t, pool, storetest.IntegrationOptions{OrgNo: konsument.No, Name: "Regnskapssystem",
			Scopes: []string{mva.Name}}).ClientID,
		testklient: storetest.Integration(t, pool, storetest.IntegrationOptions{OrgNo: konsument.No, Name: "Testklient",
			Scopes: []string{testapi.Name}}).ClientID,
	}
	b.nopid = b.kari
	b.nopid.PID = ""
	return b
}

func draft(name string, scopes ...string) integration.Draft {
	return integration.Draft{Service: integration.ServiceMaskinporten, Name: name, Scopes: scopes, TokenLifetime: "120"}
}

func auditCount(t *testing.T, b testBundle, entityID string) int {
	t.Helper()
	var n int
	require.NoError(t, b.pool.QueryRow(b.ctx, `SELECT count(*) FROM audit_log WHERE entity_id = $1`, entityID).Scan(&n))
	return n
}

func integrationCount(t *testing.T, b testBundle) int {
	t.Helper()
	var n int
	require.NoError(t, b.pool.QueryRow(b.ctx, `SELECT count(*) FROM integrations`).Scan(&n))
	return n
}

func TestIntegrationCreate(t *testing.T) {
	t.Parallel()

	t.Run("StoresScopesAndAudits", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		id, err := integration.Create(b.ctx, b.pool, b.kari, environment.Test, uuid.New(), draft("Lønn", "skatteetaten:mva", "skatteetaten:testapi"))
		require.NoError(t, err)
		i, err := integration.Get(b.ctx, b.pool, b.kari.OrgNo, id)
		require.NoError(t, err)
		require.Equal(t, "Lønn", i.Name)
		require.Equal(t, []string{"skatteetaten:mva", "skatteetaten:testapi"}, i.ScopeNames())
		require.Equal(t, 2, i.ScopeCount)
		require.Equal(t, 120, i.TokenLifetime)
		require.Equal(t, "Kari Konsument", i.CreatedBy)
		require.Equal(t, 1, auditCount(t, b, id.String()))
	})

	t.Run("DoubleSubmitCreatesOne", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		before := integrationCount(t, b)
		key := uuid.New()
		ids := make([]uuid.UUID, 4)
		var wg sync.WaitGroup
		for n := range ids {
			wg.Go(func() {
				id, err := integration.Create(b.ctx, b.pool, b.kari, environment.Test, key, draft("Dobbel"))
				require.NoError(t, err)
				ids[n] = id
			})
		}
		wg.Wait()
		for _, id := range ids {
			require.Equal(t, ids[0], id)
		}
		require.Equal(t, before+1, integrationCount(t, b))
		require.Equal(t, 1, auditCount(t, b, ids[0].String()))
	})

	t.Run("RefusesScopeNotShared", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		before := integrationCount(t, b)
		_, err := integration.Create(b.ctx, b.pool, b.kari, environment.Test, uuid.New(), draft("X", "skatteetaten:intern"))
		var fe integration.FieldErrors
		require.ErrorAs(t, err, &fe)
		require.Equal(t, integration.CodeScopeNotShared, fe["scopes"].Code)
		require.Equal(t, before, integrationCount(t, b), "nothing half-saved")
	})

	t.Run("RefusesScopeSharedOnlyInTest", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		_, err := integration.Create(b.ctx, b.pool, b.kari, environment.Prod, uuid.New(), draft("X", "skatteetaten:testapi"))
		var fe integration.FieldErrors
		require.ErrorAs(t, err, &fe)
		require.Equal(t, integration.CodeScopeNotShared, fe["scopes"].Code)
	})

	t.Run("RefusesLifetimeAboveSmallestScopeMaximum", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		d := draft("X", "skatteetaten:mva", "skatteetaten:testapi") // maxima 300 and 600
		d.TokenLifetime = "301"
		_, err := integration.Create(b.ctx, b.pool, b.kari, environment.Test, uuid.New(), d)
		var fe integration.FieldErrors
		require.ErrorAs(t, err, &fe)
		require.Equal(t, integration.CodeLifetimeTooLong, fe["token_lifetime"].Code)
		require.Equal(t, []any{300}, fe["token_lifetime"].Args)
		d.TokenLifetime = "300"
		_, err = integration.Create(b.ctx, b.pool, b.kari, environment.Test, uuid.New(), d)
		require.NoError(t, err)
	})

	t.Run("ProductionGate", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		_, err := integration.Create(b.ctx, b.pool, b.ola, environment.Prod, uuid.New(), draft("X", "skatteetaten:mva"))
		require.ErrorIs(t, err, access.Deny(access.NotRegisteredForProd))
		_, err = integration.Create(b.ctx, b.pool, b.nopid, environment.Prod, uuid.New(), draft("X", "skatteetaten:mva"))
		require.ErrorIs(t, err, access.Deny(access.NoIDporten))
		_, err = integration.Create(b.ctx, b.pool, b.kari, environment.Prod, uuid.New(), draft("X", "skatteetaten:mva"))
		require.NoError(t, err)
		// A change in PROD needs a recent login, however registered the person is.
		stale := b.kari
		stale.FreshLoginUntil = time.Now().Add(-time.Second)
		_, err = integration.Create(b.ctx, b.pool, stale, environment.Prod, uuid.New(), draft("Z", "skatteetaten:mva"))
		require.ErrorIs(t, err, access.Deny(access.LoginTooOld))
		stale.FreshLoginUntil = time.Time{}
		require.ErrorIs(t, access.ChangeIn(b.ctx, b.pool, stale, environment.Prod), access.Deny(access.LoginTooOld),
			"an unknown login time is too old")
		require.NoError(t, access.ChangeIn(b.ctx, b.pool, stale, environment.Test))
		// TEST is for experimenting: anyone of the organisation may create there.
		_, err = integration.Create(b.ctx, b.pool, b.nopid, environment.Test, uuid.New(), draft("Y"))
		require.NoError(t, err)
	})
}

func TestIntegrationAcrossOrganisations(t *testing.T) {
	t.Parallel()
	b := setup(t)
	id := b.regnskap

	_, err := integration.Get(b.ctx, b.pool, b.petra.OrgNo, id)
	require.ErrorIs(t, err, store.ErrNotFound)
	require.ErrorIs(t, integration.Update(b.ctx, b.pool, b.petra, id, 1, draft("Kapret")), store.ErrNotFound)
	require.ErrorIs(t, integration.Deactivate(b.ctx, b.pool, b.petra, id, 1), store.ErrNotFound)
	_, err = integration.AddKey(b.ctx, b.pool, b.petra, id, "{}")
	require.ErrorIs(t, err, store.ErrNotFound)
	require.ErrorIs(t, integration.RemoveKey(b.ctx, b.pool, b.petra, id, 1), store.ErrNotFound)

	page, err := integration.List(b.ctx, b.pool, b.petra.OrgNo, environment.Test, true, nil)
	require.NoError(t, err)
	require.Empty(t, page.Items)

	i, err := integration.Get(b.ctx, b.pool, b.kari.OrgNo, id)
	require.NoError(t, err)
	require.Equal(t, "Regnskapssystem", i.Name, "unchanged")
	require.Equal(t, 1, auditCount(t, b, id.String()), "only the seed's create")
}

func TestIntegrationUpdate(t *testing.T) {
	t.Parallel()

	t.Run("SavesAndBumpsVersion", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		id := b.testklient
		d := draft("Nytt navn", "skatteetaten:mva")
		d.Description = "Ny beskrivelse"
		require.NoError(t, integration.Update(b.ctx, b.pool, b.ola, id, 1, d))
		i, err := integration.Get(b.ctx, b.pool, b.kari.OrgNo, id)
		require.NoError(t, err)
		require.Equal(t, 2, i.Version)
		require.Equal(t, "Nytt navn", i.Name)
		require.Equal(t, []string{"skatteetaten:mva"}, i.ScopeNames())
		require.Equal(t, "Ola Uregistrert", i.UpdatedBy)
		var before, after string
		require.NoError(t, b.pool.QueryRow(b.ctx, `
			SELECT before->>'name', after->>'name' FROM audit_log
			WHERE entity_id = $1 AND action = 'integration.update'`, id.String()).Scan(&before, &after))
		require.Equal(t, "Testklient", before)
		require.Equal(t, "Nytt navn", after)
	})

	t.Run("SecondSaveOfSameVersionIsRefused", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		id := b.testklient
		require.NoError(t, integration.Update(b.ctx, b.pool, b.kari, id, 1, draft("Karis navn")))
		err := integration.Update(b.ctx, b.pool, b.ola, id, 1, draft("Olas navn"))
		require.ErrorIs(t, err, integration.ErrConflict)
		i, err := integration.Get(b.ctx, b.pool, b.kari.OrgNo, id)
		require.NoError(t, err)
		require.Equal(t, "Karis navn", i.Name, "the first save is not lost")
	})

	t.Run("ConcurrentSavesOneWins", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		id := b.testklient
		errs := make([]error, 5)
		var wg sync.WaitGroup
		for n := range errs {
			wg.Go(func() { errs[n] = integration.Update(b.ctx, b.pool, b.kari, id, 1, draft(fmt.Sprint("Samtidig ", n))) })
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else {
				require.ErrorIs(t, err, integration.ErrConflict)
			}
		}
		require.Equal(t, 1, ok)
	})

	t.Run("SavingTheSameTwiceIsNoConflict", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		id := b.testklient
		d := draft("Dobbelt lagret", "skatteetaten:testapi")
		require.NoError(t, integration.Update(b.ctx, b.pool, b.kari, id, 1, d))
		require.NoError(t, integration.Update(b.ctx, b.pool, b.kari, id, 1, d), "the second click finds it saved")
		i, err := integration.Get(b.ctx, b.pool, b.kari.OrgNo, id)
		require.NoError(t, err)
		require.Equal(t, 2, i.Version)
		require.Equal(t, 2, auditCount(t, b, id.String()), "create and one update")
	})

	t.Run("UnchangedSaveWritesNothing", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		id := b.testklient
		i, err := integration.Get(b.ctx, b.pool, b.kari.OrgNo, id)
		require.NoError(t, err)
		d := integration.Draft{Service: i.Service, Name: i.Name, Description: i.Description,
			Scopes: i.ScopeNames(), TokenLifetime: fmt.Sprint(i.TokenLifetime)}
		require.NoError(t, integration.Update(b.ctx, b.pool, b.kari, id, 1, d))
		after, err := integration.Get(b.ctx, b.pool, b.kari.OrgNo, id)
		require.NoError(t, err)
		require.Equal(t, 1, after.Version)
		require.Equal(t, 1, auditCount(t, b, id.String()))
	})

	t.Run("BadInputSavesNothing", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		id := b.testklient
		err := integration.Update(b.ctx, b.pool, b.kari, id, 1, draft("<script>alert(1)</script>"))
		var fe integration.FieldErrors
		require.ErrorAs(t, err, &fe)
		require.Equal(t, integration.CodeNameMarkup, fe["name"].Code)
		i, err := integration.Get(b.ctx, b.pool, b.kari.OrgNo, id)
		require.NoError(t, err)
		require.Equal(t, 1, i.Version)
		require.Equal(t, 1, auditCount(t, b, id.String()))
	})
}

func TestIntegrationDeactivate(t *testing.T) {
	t.Parallel()
	b := setup(t)
	id := b.testklient
	require.NoError(t, integration.Deactivate(b.ctx, b.pool, b.kari, id, 1))

	active, err := integration.List(b.ctx, b.pool, b.kari.OrgNo, environment.Test, true, nil)
	require.NoError(t, err)
	for _, s := range active.Items {
		require.NotEqual(t, id, s.ClientID, "gone from the default list")
	}
	inactive, err := integration.List(b.ctx, b.pool, b.kari.OrgNo, environment.Test, false, nil)
	require.NoError(t, err)
	require.Len(t, inactive.Items, 1)
	require.Equal(t, id, inactive.Items[0].ClientID)

	i, err := integration.Get(b.ctx, b.pool, b.kari.OrgNo, id)
	require.NoError(t, err, "never hard-deleted")
	require.False(t, i.Active)
	require.NotNil(t, i.DeactivatedAt)
	require.Equal(t, 2, auditCount(t, b, id.String()))

	require.ErrorIs(t, integration.Update(b.ctx, b.pool, b.kari, id, 2, draft("Igjen")), integration.ErrInactive)
	require.ErrorIs(t, integration.Deactivate(b.ctx, b.pool, b.kari, id, 2), integration.ErrInactive)
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	t.Parallel()
	b := setup(t)
	_, err := b.pool.Exec(b.ctx, `UPDATE audit_log SET actor_name = 'x'`)
	require.ErrorContains(t, err, "append-only")
	_, err = b.pool.Exec(b.ctx, `DELETE FROM audit_log`)
	require.ErrorContains(t, err, "append-only")
	_, err = b.pool.Exec(b.ctx, `TRUNCATE audit_log`)
	require.ErrorContains(t, err, "append-only")
}
