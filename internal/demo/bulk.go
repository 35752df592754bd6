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
