package demo

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
)

// BulkLoad adds orgs organisations with perOrg integrations each (three in
// four in TEST), and extra more in TEST for Eksempel Konsument AS, for
// benchmarks of the list at scale. Set-based: a few statements, no loop.
func BulkLoad(ctx context.Context, pool *pgxpool.Pool, orgs, perOrg, extra int) error {
	_, err := pool.Exec(ctx, `
		INSERT INTO organisations (org_no, name)
		SELECT (400000000 + o)::text, 'Last AS ' || o FROM generate_series(1, $1::int) AS o
		ON CONFLICT DO NOTHING`, orgs)
	if err != nil {
		return fmt.Errorf("bulk organisations: %w", err)
	}
	_, err = pool.Exec(ctx, `
		INSERT INTO integrations (client_id, org_no, env, service, name, description, token_lifetime,
		                          scope_count, active, creation_key, created_by, updated_by, created_at, updated_at)
		SELECT gen_random_uuid(), (400000000 + 1 + i % $1::int)::text,
		       CASE WHEN (i / $1::int) % 4 = 0 THEN 'PROD' ELSE 'TEST' END,
		       'maskinporten', 'integrasjon-' || i, '', 120, 1 + i % 5, i % 10 <> 0,
		       gen_random_uuid(), 'Last', 'Last', now() - make_interval(mins => i), now() - make_interval(mins => i)
		FROM generate_series(0, $1::int * $2::int - 1) AS i`, orgs, perOrg)
	if err != nil {
		return fmt.Errorf("bulk integrations: %w", err)
	}
	_, err = pool.Exec(ctx, `
		INSERT INTO integrations (client_id, org_no, env, service, name, description, token_lifetime,
		                          scope_count, creation_key, created_by, updated_by, created_at, updated_at)
		SELECT gen_random_uuid(), $2, 'TEST', 'maskinporten', 'Kundeintegrasjon ' || i, '', 120, 1,
		       gen_random_uuid(), 'Last', 'Last', now() - make_interval(secs => i), now() - make_interval(secs => i)
		FROM generate_series(1, $1::int) AS i`, extra, EksempelKonsument)
	if err != nil {
		return fmt.Errorf("bulk integrations for %s: %w", EksempelKonsument, err)
	}
	if _, err := pool.Exec(ctx, `ANALYZE organisations, integrations`); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
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
