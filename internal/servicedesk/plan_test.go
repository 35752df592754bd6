package servicedesk_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestSearchQueryPlans: among twenty thousand organisations, each with a
// registered person and an e-mail domain, every console search of three
// characters or more reads the trigram index of what it searches, never the
// whole table. Organisations are asked as the generic plan a prepared
// statement may settle on after a few executions too, as the number's
// prefix is why their index is a trigram one (a text_pattern_ops b-tree
// needs the prefix as a constant). The generic plans of persons and domains
// guess a hundred hits and read more than their custom plans; Postgres keeps
// a custom plan when the generic one costs more.
func TestSearchQueryPlans(t *testing.T) {
	t.Parallel()
	pool := storetest.Pool(t)
	ctx := context.Background()
	// Numbers spread over the whole range (7919 is prime to 10⁹), names and
	// domains of random-looking words, so a search finds a few of them.
	_, err := pool.Exec(ctx, `
		INSERT INTO organisations (org_no, name)
		SELECT lpad((n * 7919 % 1000000000)::text, 9, '0'), 'Virksomhet ' || substr(md5(n::text), 1, 10) || ' AS'
		FROM generate_series(1, 20000) AS n`)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `
		INSERT INTO production_persons (org_no, pid, name)
		SELECT org_no, lpad(row_number() OVER ()::text, 11, '0'), 'Person ' || substr(md5(org_no), 1, 10)
		FROM organisations`)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `
		INSERT INTO email_domains (domain, org_no)
		SELECT substr(md5(org_no || 'domene'), 1, 12) || '.example', org_no FROM organisations`)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `VACUUM ANALYZE organisations, production_persons, email_domains`)
	require.NoError(t, err)

	var orgNo, orgWord, personWord, domainWord string
	require.NoError(t, pool.QueryRow(ctx, `
		SELECT o.org_no, substr(o.name, 12, 5), substr(p.name, 8, 5), substr(d.domain, 1, 5)
		FROM organisations o JOIN production_persons p USING (org_no) JOIN email_domains d USING (org_no)
		ORDER BY o.org_no OFFSET 10000 LIMIT 1`).Scan(&orgNo, &orgWord, &personWord, &domainWord))

	// explain asks for the plan of one request's values, or for the generic
	// plan a prepared statement may settle on after a few executions.
	explain := func(generic bool, q string, args ...any) string {
		t.Helper()
		if generic {
			return storetest.ExplainGeneric(t, pool, q, args...)
		}
		return storetest.Explain(t, pool, q, args...)
	}
	limit := servicedesk.SearchLimit + 1
	for _, generic := range []bool{false, true} {
		plan := explain(generic, servicedesk.OrganisationsByNameSQL, orgWord, limit)
		t.Logf("organisations by name %q (generic %t):\n%s", orgWord, generic, plan)
		require.Contains(t, plan, "Bitmap Index Scan on organisations_search")
		require.NotContains(t, plan, "Seq Scan")

		plan = explain(generic, servicedesk.OrganisationsByNumberOrNameSQL, orgNo[:6], orgNo[:6], limit)
		t.Logf("organisations by number %s (generic %t):\n%s", orgNo[:6], generic, plan)
		require.Contains(t, plan, "Bitmap Index Scan on organisations_search")
		require.NotContains(t, plan, "Seq Scan")

		if generic {
			continue
		}
		plan = explain(generic, servicedesk.PersonsByNameSQL, personWord, limit)
		t.Logf("persons by name %q (generic %t):\n%s", personWord, generic, plan)
		require.Contains(t, plan, "Bitmap Index Scan on production_persons_search")
		require.NotContains(t, plan, "Seq Scan on production_persons")

		plan = explain(generic, servicedesk.DomainsSQL, domainWord, limit)
		t.Logf("domains %q (generic %t):\n%s", domainWord, generic, plan)
		require.Contains(t, plan, "Bitmap Index Scan on email_domains_search")
		require.NotContains(t, plan, "Seq Scan on email_domains")
	}

	// The searches themselves find what the plans were asked for.
	orgs, _, err := servicedesk.SearchOrganisations(ctx, pool, orgNo[:6])
	require.NoError(t, err)
	require.Contains(t, orgNumbers(orgs), orgNo)
	orgs, _, err = servicedesk.SearchOrganisations(ctx, pool, strings.ToUpper(orgWord))
	require.NoError(t, err)
	require.Contains(t, orgNumbers(orgs), orgNo)
}

func orgNumbers(orgs []servicedesk.Organisation) []string {
	nos := make([]string, len(orgs))
	for i, o := range orgs {
		nos[i] = o.No
	}
	return nos
}
