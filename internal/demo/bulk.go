package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/integration"
)

// BulkLoad adds orgs organisations with perOrg integrations each (three in
// four in TEST), and extra more in TEST for Eksempel Konsument AS, for
// benchmarks of the list at scale. The integrations go in with one COPY, in
// integration.InsertColumns and the two timestamps, spread out so the list
// has an order to page through; they have no scopes, keys or audit entries.
// Only tests of scale load this way (benchmarks here, query plans with
// storetest.ManyIntegrations); everything else creates integrations with
// integration.Insert.
func BulkLoad(ctx context.Context, pool *pgxpool.Pool, orgs, perOrg, extra int) error {
	_, err := pool.Exec(ctx, `
		INSERT INTO organisations (org_no, name)
		SELECT (400000000 + o)::text, 'Last AS ' || o FROM generate_series(1, $1::int) AS o
		ON CONFLICT DO NOTHING`, orgs)
	if err != nil {
		return fmt.Errorf("bulk organisations: %w", err)
	}
	columns := append(slices.Clone(integration.InsertColumns), "created_at", "updated_at")
	now := time.Now()
	spread := orgs * perOrg
	row := func(n int) ([]any, error) {
		if n < spread {
			env, at := environment.Test, now.Add(-time.Duration(n)*time.Minute)
			if (n/orgs)%4 == 0 {
				env = environment.Prod
			}
			return integrationRow(fmt.Sprint(400000000+1+n%orgs), env, fmt.Sprint("integrasjon-", n),
				1+n%5, n%10 != 0, at), nil
		}
		i := n - spread + 1
		return integrationRow(EksempelKonsument, environment.Test, fmt.Sprint("Kundeintegrasjon ", i),
			1, true, now.Add(-time.Duration(i)*time.Second)), nil
	}
	if _, err := pool.CopyFrom(ctx, pgx.Identifier{"integrations"}, columns,
		pgx.CopyFromSlice(spread+extra, row)); err != nil {
		return fmt.Errorf("bulk integrations: %w", err)
	}
	if _, err := pool.Exec(ctx, `ANALYZE organisations, integrations`); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
}

// integrationRow is one bulk row: integration.NewRow's values, then
// created_at and updated_at.
func integrationRow(orgNo string, env environment.Env, name string, scopeCount int, active bool, at time.Time) []any {
	r := integration.NewRow{ClientID: uuid.New(), OrgNo: orgNo, Env: env,
		Service: integration.ServiceMaskinporten, Name: name, TokenLifetime: integration.DefaultTokenLifetime,
		Active: active, ScopeCount: scopeCount, CreationKey: uuid.New(), CreatedBy: "Last"}
	return append(r.Values(), at, at)
}

// BulkPrefix is the prefix of BulkScopes' scopes, owned by Digdir.
const BulkPrefix = "last"

// BulkScopes adds n scopes under BulkPrefix (last:api-00001, …), each
// shared with Eksempel Konsument AS in TEST and with others organisations
// numbers in TEST and PROD, for benchmarks and query plans of the picker at
// scale. Set-based: a few statements, no loop.
func BulkScopes(ctx context.Context, pool *pgxpool.Pool, n, others int) error {
	_, err := pool.Exec(ctx, `INSERT INTO scope_prefixes (prefix, org_no) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
		BulkPrefix, Digdir)
	if err != nil {
		return fmt.Errorf("bulk prefix: %w", err)
	}
	_, err = pool.Exec(ctx, `
		INSERT INTO scopes (prefix, name, description, max_token_lifetime, created_by, updated_by)
		SELECT $1, $1 || ':api-' || lpad(i::text, 5, '0'), 'Lastscope nummer ' || i, 600, 'Last', 'Last'
		FROM generate_series(1, $2::int) AS i
		ON CONFLICT (name) DO NOTHING`, BulkPrefix, n)
	if err != nil {
		return fmt.Errorf("bulk scopes: %w", err)
	}
	_, err = pool.Exec(ctx, `
		INSERT INTO scope_grants (scope_id, org_no, env, granted_by)
		SELECT s.id, $2, 'TEST', 'Last' FROM scopes s WHERE s.prefix = $1
		ON CONFLICT DO NOTHING`, BulkPrefix, EksempelKonsument)
	if err != nil {
		return fmt.Errorf("bulk grants: %w", err)
	}
	_, err = pool.Exec(ctx, `
		INSERT INTO scope_grants (scope_id, org_no, env, granted_by)
		SELECT s.id, (400000000 + o)::text, e.env, 'Last'
		FROM scopes s, generate_series(1, $2::int) AS o, (VALUES ('TEST'), ('PROD')) AS e(env)
		WHERE s.prefix = $1
		ON CONFLICT DO NOTHING`, BulkPrefix, others)
	if err != nil {
		return fmt.Errorf("bulk grants to others: %w", err)
	}
	if _, err := pool.Exec(ctx, `ANALYZE scopes, scope_grants`); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
}

// BulkGiveScope gives every bulk-loaded integration of orgNo in env the
// scope (one shared with it there), so that a list naming each
// integration's scopes, the REST API's, reads real rows at scale. The
// integrations already count one scope (BulkLoad). One statement.
func BulkGiveScope(ctx context.Context, pool *pgxpool.Pool, orgNo string, env environment.Env, scope string) error {
	_, err := pool.Exec(ctx, `
		INSERT INTO integration_scopes (client_id, scope_id)
		SELECT i.client_id, s.id FROM integrations i, scopes s
		WHERE i.org_no = $1 AND i.env = $2 AND i.created_by = 'Last' AND s.name = $3
		ON CONFLICT DO NOTHING`, orgNo, string(env), scope)
	if err != nil {
		return fmt.Errorf("bulk scope %s: %w", scope, err)
	}
	// The names are rewritten on each integration's row (migration 00020);
	// vacuum now, as autovacuum would before long, so that no run measures
	// the dead rows left behind.
	if _, err := pool.Exec(ctx, `VACUUM (ANALYZE) integrations, integration_scopes`); err != nil {
		return fmt.Errorf("vacuum: %w", err)
	}
	return nil
}
