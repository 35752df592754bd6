package main

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestExplainTellsIndexFromSequentialScan: the plans the bench judges are
// the statements as the portal sent them, values of every kind written as
// literals of the types Postgres inferred, and a lookup by the primary key
// passes while a search by an unindexed column of a large table fails, in
// the plan for the values and in the generic plan alike.
func TestExplainTellsIndexFromSequentialScan(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := storetest.Pool(t)
	many := storetest.ManyIntegrations(t, pool, storetest.ManyIntegrationsOptions{Count: largeTable + 500, Active: true})
	p := &portal{owner: pool}
	large, err := p.largeTables(ctx)
	require.NoError(t, err)
	require.True(t, large["integrations"], "integrations has %d rows", largeTable+500)
	require.False(t, large["sessions"])

	judge := func(sql string, args ...any) plan {
		t.Helper()
		pl := plan{sql: sql}
		for _, generic := range []bool{false, true} {
			scans, err := p.explain(ctx, statement{sql, args}, generic)
			require.NoError(t, err, sql)
			for _, s := range scans {
				s.generic, s.large = generic, large[s.relation]
				pl.scans = append(pl.scans, s)
			}
		}
		t.Logf("%s\n  %s", firstLine(sql), describe(pl))
		return pl
	}

	byKey := judge(`SELECT name FROM integrations WHERE client_id = $1 AND org_no = $2`, uuid.New(), many.OrgNo)
	require.True(t, byKey.ok())
	require.Equal(t, "integrations_pkey", byKey.scans[0].index)

	byName := judge(`SELECT client_id FROM integrations WHERE name = ANY($1) AND updated_at < $2`,
		[]string{"Integrasjon 7", "O'Brien"}, time.Now())
	require.False(t, byName.ok())
	require.Equal(t, "Seq Scan", byName.scans[0].node)

	// An INSERT is planned, never run; its JSON and bytes go in as text.
	insert := judge(`INSERT INTO audit_log (actor_name, action, entity_type, entity_id, after) VALUES ($1, $2, $3, $4, $5)`,
		"Test", "integration.create", "integration", uuid.NewString(), []byte(`{"name": "Kari's"}`))
	require.True(t, insert.ok())
	var n int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE actor_name = 'Test'`).Scan(&n))
	require.Zero(t, n)
}

// TestScansOfReadsSubplans: a sequential scan in a subplan counts as much
// as one at the top.
func TestScansOfReadsSubplans(t *testing.T) {
	t.Parallel()
	scans, err := scansOf([]byte(`[{"Plan": {"Node Type": "Index Scan", "Relation Name": "integrations",
		"Index Name": "integrations_pkey", "Plans": [{"Node Type": "Seq Scan", "Relation Name": "scopes",
		"Parent Relationship": "SubPlan"}]}}]`))
	require.NoError(t, err)
	require.Equal(t, []scan{{relation: "integrations", node: "Index Scan", index: "integrations_pkey"},
		{relation: "scopes", node: "Seq Scan"}}, scans)
	require.False(t, plan{scans: []scan{{relation: "scopes", node: "Seq Scan", large: true}}}.ok())
	require.True(t, plan{scans: []scan{{relation: "sessions", node: "Seq Scan"}}}.ok())
}
