package audit_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
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

// TestExportReadsInBatchesHoldingNothing: the export of more rows than a
// batch hands on every one once, newest first, the filter kept; while its
// caller writes a row out (at a slow client's pace), it holds no
// connection (a pool of one is free for another query) and no snapshot
// in the database, so vacuum is never kept waiting.
func TestExportReadsInBatchesHoldingNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := storetest.URL(t)
	owner, err := store.Open(ctx, url)
	require.NoError(t, err)
	t.Cleanup(owner.Close)
	const n = 2*audit.ExportBatch + 1
	_, err = owner.Exec(ctx, `
		INSERT INTO audit_log (actor_name, actor_role, org_no, action, entity_type, entity_id, after)
		SELECT 'Person', 'employee', '', 'integration.update', 'integration', n::text,
		       jsonb_build_object('env', CASE WHEN n % 2 = 0 THEN 'TEST' ELSE 'PROD' END)
		FROM generate_series(1, $1) AS n`, n)
	require.NoError(t, err)
	cfg, err := pgxpool.ParseConfig(url)
	require.NoError(t, err)
	cfg.MaxConns = 1
	one, err := pgxpool.NewWithConfig(ctx, cfg)
	require.NoError(t, err)
	t.Cleanup(one.Close)

	var ids []int64
	err = audit.Export(ctx, one, audit.Filter{}, func(r audit.Row) error {
		ids = append(ids, r.ID)
		if len(ids)%audit.ExportBatch != 1 {
			return nil
		}
		// Mid-batch: the pool's one connection is free, and no other
		// session of this database holds a snapshot.
		waiting, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		var holding int
		require.NoError(t, one.QueryRow(waiting, `
			SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xmin IS NOT NULL`).Scan(&holding))
		require.Zero(t, holding, "after row %d", len(ids))
		// A change made during the export comes after it.
		_, err := owner.Exec(ctx, `
			INSERT INTO audit_log (actor_name, actor_role, org_no, action, entity_type, entity_id, after)
			VALUES ('Person', 'employee', '', 'integration.update', 'integration', 'later', '{}')`)
		return err
	})
	require.NoError(t, err)
	require.Len(t, ids, n)
	for i := 1; i < len(ids); i++ {
		require.Less(t, ids[i], ids[i-1], "newest first, each once")
	}

	prod := 0
	require.NoError(t, audit.Export(ctx, one, audit.Filter{Env: "PROD"}, func(r audit.Row) error {
		require.Equal(t, "PROD", r.Env)
		prod++
		return nil
	}))
	require.Equal(t, audit.ExportBatch+1, prod)
}
