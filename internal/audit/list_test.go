package audit_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

func TestListFiltersAndPages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := storetest.Pool(t)
	a := storetest.Organisation(t, pool, storetest.OrganisationOptions{Name: "A AS"})
	b := storetest.Organisation(t, pool, storetest.OrganisationOptions{})
	kari := identity.Actor{Person: identity.Person{Name: "Kari Konsument"}, OrgNo: a.No}
	sven := identity.Actor{Person: identity.Person{Name: "Sven Servicedesk"}, Role: identity.RoleServicedesk}
	record := func(actor identity.Actor, e audit.Entry) {
		require.NoError(t, store.InTx(ctx, pool, func(tx pgx.Tx) error { return audit.Record(ctx, tx, actor, e) }))
	}
	for i := range 7 {
		env := "TEST"
		if i%2 == 1 {
			env = "PROD"
		}
		record(kari, audit.Entry{Action: audit.IntegrationCreate, EntityType: "integration", EntityID: fmt.Sprint(i),
			After: map[string]any{"name": fmt.Sprint("i", i), "env": env}})
	}
	record(sven, audit.Entry{Action: audit.EmailDomainLink, EntityType: "email_domain", EntityID: "a.example", OrgNo: b.No,
		After: map[string]any{"domain": "a.example", "org_no": b.No}})

	ids := func(f audit.Filter, before int64, limit int) ([]string, int64) {
		p, err := audit.List(ctx, pool, f, before, limit)
		require.NoError(t, err)
		var out []string
		for _, r := range p.Rows {
			out = append(out, r.EntityID)
		}
		return out, p.Next
	}
	got, next := ids(audit.Filter{}, 0, 3)
	require.Equal(t, []string{"a.example", "6", "5"}, got, "newest first")
	got, next = ids(audit.Filter{}, next, 3)
	require.Equal(t, []string{"4", "3", "2"}, got)
	got, next = ids(audit.Filter{}, next, 3)
	require.Equal(t, []string{"1", "0"}, got)
	require.Zero(t, next, "the last page")

	got, _ = ids(audit.Filter{OrgNo: a.No, Env: "PROD"}, 0, 10)
	require.Equal(t, []string{"5", "3", "1"}, got)
	got, _ = ids(audit.Filter{Role: identity.RoleServicedesk}, 0, 10)
	require.Equal(t, []string{"a.example"}, got)
	got, _ = ids(audit.Filter{OrgNo: b.No}, 0, 10)
	require.Equal(t, []string{"a.example"}, got, "servicedesk's change is in the organisation's part")
	got, _ = ids(audit.Filter{Person: "kari konsument", Action: audit.IntegrationCreate, Env: "TEST"}, 0, 10)
	require.Equal(t, []string{"6", "4", "2", "0"}, got)
	got, _ = ids(audit.Filter{From: time.Now().Add(time.Hour)}, 0, 10)
	require.Empty(t, got)
	got, _ = ids(audit.Filter{From: time.Now().Add(-time.Hour), Until: time.Now().Add(time.Hour), Action: audit.EmailDomainLink}, 0, 10)
	require.Equal(t, []string{"a.example"}, got)

	p, err := audit.List(ctx, pool, audit.Filter{OrgNo: a.No}, 0, 1)
	require.NoError(t, err)
	require.Equal(t, "A AS", p.Rows[0].OrgName)
	require.JSONEq(t, `{"name": "i6", "env": "TEST"}`, string(p.Rows[0].After))

	var exported []string
	require.NoError(t, audit.Export(ctx, pool, audit.Filter{Env: "PROD"}, func(r audit.Row) error {
		exported = append(exported, r.EntityID)
		return nil
	}))
	require.Equal(t, []string{"5", "3", "1"}, exported)
	stop := fmt.Errorf("enough")
	require.ErrorIs(t, audit.Export(ctx, pool, audit.Filter{}, func(audit.Row) error { return stop }), stop)
}

// TestListReadsAnIndexInPageOrder: each filter is served by an index read
// in the order of the page, never a sort of the whole log.
func TestListReadsAnIndexInPageOrder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := storetest.Pool(t)
	_, err := pool.Exec(ctx, `
		INSERT INTO audit_log (actor_name, actor_role, org_no, action, entity_type, entity_id, after)
		SELECT 'Person ' || (n % 500), (ARRAY['employee','servicedesk','api_client'])[1 + n % 3],
		       (300000000 + n % 2000)::text, (ARRAY['integration.create','integration.update','email_domain.link'])[1 + n % 3],
		       'integration', n::text, jsonb_build_object('env', CASE WHEN n % 2 = 0 THEN 'TEST' ELSE 'PROD' END)
		FROM generate_series(1, 200000) AS n;
		ANALYZE audit_log`)
	require.NoError(t, err)
	for name, f := range map[string]string{
		"org":    `a.org_no = '300000007'`,
		"person": `lower(a.actor_name) = lower('Person 7')`,
		"none":   `true`,
	} {
		var plan string
		rows, err := pool.Query(ctx, `EXPLAIN SELECT a.id FROM audit_log a WHERE `+f+` AND a.id < 150000 ORDER BY a.id DESC LIMIT 51`)
		require.NoError(t, err)
		for rows.Next() {
			var line string
			require.NoError(t, rows.Scan(&line))
			plan += line + "\n"
		}
		require.NoError(t, rows.Err())
		require.NotContains(t, plan, "Sort", "%s: %s", name, plan)
		require.NotContains(t, plan, "Seq Scan", "%s: %s", name, plan)
	}
}
