package audit_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestHistoryIsTheOrganisations: a history is read within one organisation,
// and a servicedesk change is filed under the organisation it concerns,
// with the role the actor acted in.
func TestHistoryIsTheOrganisations(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := storetest.Pool(t)
	const consumer, other = "310000019", "974760673"
	kari := identity.Actor{Person: identity.Person{Name: "Kari"}, OrgNo: consumer, Role: identity.RoleEmployee}
	sven := identity.Actor{Person: identity.Person{Name: "Sven"}, Role: identity.RoleServicedesk}
	record := func(actor identity.Actor, e audit.Entry) {
		t.Helper()
		require.NoError(t, store.InTx(ctx, pool, func(tx pgx.Tx) error { return audit.Record(ctx, tx, actor, e) }))
	}
	record(kari, audit.Entry{Action: audit.IntegrationCreate, EntityType: "integration", EntityID: "c1", After: map[string]string{"name": "A"}})
	record(sven, audit.Entry{Action: audit.IntegrationDeactivate, EntityType: "integration", EntityID: "c1", OrgNo: consumer})
	record(identity.Actor{Person: identity.Person{Name: "Ola"}, OrgNo: other},
		audit.Entry{Action: audit.IntegrationUpdate, EntityType: "integration", EntityID: "c1"})

	events, err := audit.History(ctx, pool, consumer, "integration", "c1", 10)
	require.NoError(t, err)
	require.Len(t, events, 2, "the other organisation's row under the same id stays out")
	require.Equal(t, audit.IntegrationDeactivate, events[0].Action, "newest first")
	require.Equal(t, identity.RoleServicedesk, events[0].ActorRole)
	require.Equal(t, "Sven", events[0].ActorName)
	require.Equal(t, identity.RoleEmployee, events[1].ActorRole)
	require.JSONEq(t, `{"name":"A"}`, string(events[1].After))

	events, err = audit.History(ctx, pool, other, "integration", "c1", 10)
	require.NoError(t, err)
	require.Len(t, events, 1)
	require.Equal(t, identity.RoleEmployee, events[0].ActorRole, "no role set acts as an employee")
}

// TestRecordAllWritesARowPerEntry: one statement, the same rows Record would write.
func TestRecordAllWritesARowPerEntry(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := storetest.Pool(t)
	const provider, consumer = "974761076", "310000019"
	petra := identity.Actor{Person: identity.Person{Name: "Petra"}, OrgNo: provider}
	require.NoError(t, store.InTx(ctx, pool, func(tx pgx.Tx) error {
		if err := audit.RecordAll(ctx, tx, petra, nil); err != nil {
			return err
		}
		return audit.RecordAll(ctx, tx, petra, []audit.Entry{
			{Action: audit.ScopeAccessApprove, EntityType: "scope_access_request", EntityID: "1",
				Before: map[string]string{"state": "REQUESTED"}, After: map[string]string{"state": "APPROVED"}},
			{Action: audit.ScopeAccessApprove, EntityType: "scope_access_request", EntityID: "2", OrgNo: consumer},
		})
	}))
	events, err := audit.History(ctx, pool, provider, "scope_access_request", "1", 10)
	require.NoError(t, err)
	require.Len(t, events, 1)
	require.Equal(t, "Petra", events[0].ActorName)
	require.Equal(t, identity.RoleEmployee, events[0].ActorRole)
	require.JSONEq(t, `{"state":"REQUESTED"}`, string(events[0].Before))
	require.JSONEq(t, `{"state":"APPROVED"}`, string(events[0].After))
	events, err = audit.History(ctx, pool, consumer, "scope_access_request", "2", 10)
	require.NoError(t, err)
	require.Len(t, events, 1, "filed under the organisation it concerns")
	require.Nil(t, events[0].Before)
}
