package incident_test

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/incident"
	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestQueryPlans: with ten thousand organisations, a thousand incidents
// and twenty of them with ten thousand e-mails each, a page of "Hendelser"
// reads one range of the incidents' primary key and no e-mail at all; a
// page of an incident's "Utsendte varsler" and its count by status read
// that incident's entries of (cause, recipient); and "Send varsel" finds
// the users of Maskinporten in TEST by the index of active integrations
// (reading the names of thousands of users from the whole small table of
// organisations is the cheaper way), and a few chosen organisations by
// their primary key. Each is asked both with the values of one request and
// as the generic plan a prepared statement may settle on.
func TestQueryPlans(t *testing.T) {
	t.Parallel()
	pool := storetest.Pool(t)
	ctx := context.Background()
	orgNos := storetest.ManyMerchant(t, pool, storetest.ManyMerchantOptions{Count: 10000, PointsEach: 2})
	// Three thousand use Maskinporten in TEST, six thousand in PROD, and
	// every one has tried and deactivated integrations in TEST behind it.
	storetest.ManyIntegrations(t, pool, storetest.ManyIntegrationsOptions{OrgNos: orgNos[:3000], Count: 6000, Active: true})
	storetest.ManyIntegrations(t, pool, storetest.ManyIntegrationsOptions{OrgNos: orgNos[2000:8000], Count: 6000,
		Env: environment.Prod, Active: true})
	storetest.ManyIntegrations(t, pool, storetest.ManyIntegrationsOptions{OrgNos: orgNos, Count: 60000})
	_, err := pool.Exec(ctx, `
		INSERT INTO incidents (title, body, service, envs, severity, audience, creation_key, created_by, created_at,
		                       org_count, recipients)
		SELECT 'Hendelse ' || n, 'Tekst', 'maskinporten-konsument', '{TEST}', 'critical', 'users', gen_random_uuid(),
		       'Testdata', now() - (1000 - n) * interval '1 hour', 5000, 10000
		FROM generate_series(1, 1000) AS n`)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `
		INSERT INTO incident_organisations (incident_id, org_no)
		SELECT i, o FROM generate_series(981, 1000) AS i, unnest($1::text[]) AS o`, orgNos[:5000])
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `
		INSERT INTO mail_deliveries (cause, recipient, org_no, subject, body_text)
		SELECT 'incident:' || i, 'varsel-' || p || '@' || o || '.example', o, 'Hendelse ' || i, 'Tekst'
		FROM generate_series(981, 1000) AS i, unnest($1::text[]) AS o, generate_series(0, 1) AS p`, orgNos[:5000])
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `VACUUM ANALYZE incidents, incident_organisations, mail_deliveries, integrations, organisations`)
	require.NoError(t, err)

	// explain asks for the plan of one request's values, or for the generic
	// plan a prepared statement may settle on after a few executions.
	explain := func(generic bool, q string, args ...any) string {
		t.Helper()
		if generic {
			return storetest.ExplainGeneric(t, pool, q, args...)
		}
		return storetest.Explain(t, pool, q, args...)
	}
	for _, generic := range []bool{false, true} {
		for _, before := range []int64{math.MaxInt64, 500} {
			plan := explain(generic, incident.ListSQL, before, incident.PageSize+1)
			t.Logf("incidents before %d (generic %t):\n%s", before, generic, plan)
			require.Contains(t, plan, "Index Scan Backward using incidents_pkey")
			require.NotContains(t, plan, "Seq Scan")
			require.NotContains(t, plan, "mail_deliveries")
			require.NotContains(t, plan, "incident_organisations")
		}

		cause := mail.IncidentCause(990)
		plan := explain(generic, mail.DeliveriesSQL, cause, "varsel-0@400000100.example", 100)
		t.Logf("a page of an incident's deliveries (generic %t):\n%s", generic, plan)
		require.Contains(t, plan, "mail_deliveries_once")
		require.NotContains(t, plan, "Seq Scan")

		plan = explain(generic, mail.SummarySQL, cause)
		t.Logf("an incident's deliveries by status (generic %t):\n%s", generic, plan)
		require.Contains(t, plan, "mail_deliveries_once")
		require.NotContains(t, plan, "Seq Scan")

		plan = explain(generic, incident.AffectedSQL(incident.UsersSQL[merchant.Consumer]), []string{"TEST"})
		t.Logf("the users of Maskinporten in TEST (generic %t):\n%s", generic, plan)
		require.Contains(t, plan, "integrations_active_env")
		require.NotContains(t, plan, "Seq Scan on integrations")

		plan = explain(generic, incident.AffectedSQL(incident.ChosenSQL), orgNos[4000:4020])
		t.Logf("twenty chosen organisations (generic %t):\n%s", generic, plan)
		require.Contains(t, plan, "organisations_pkey")
		require.NotContains(t, plan, "Seq Scan")
	}
}
