package storetest

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/environment"
)

// ManyScopesOptions describe a mass of scopes under one prefix, shared with
// one organisation, for tests of scale.
type ManyScopesOptions struct {
	Prefix string          // a new prefix of a new provider by default
	OrgNo  string          // the organisation they are shared with; a new one by default
	Env    environment.Env // where they are shared with OrgNo; TEST by default
	Count  int
	// Others shares each scope also with this many other organisation
	// numbers in TEST and PROD, so that OrgNo's grants are a few among many.
	Others int
}

// ManyScopes adds Count scopes named Prefix:api-00001, … (described as
// "Lastscope nummer n"), set-based, then ANALYZE, so a test can ask
// Postgres for the picker's plans at scale.
func ManyScopes(t testing.TB, db *pgxpool.Pool, o ManyScopesOptions) ManyScopesOptions {
	t.Helper()
	ctx := context.Background()
	if o.Prefix == "" {
		o.Prefix = ScopePrefix(t, db, ScopePrefixOptions{}).Prefix
	}
	if o.OrgNo == "" {
		o.OrgNo = Organisation(t, db, OrganisationOptions{}).No
	}
	if o.Env == "" {
		o.Env = environment.Test
	}
	_, err := db.Exec(ctx, `
		INSERT INTO scopes (prefix, name, description, max_token_lifetime, created_by, updated_by)
		SELECT $1, $1 || ':api-' || lpad(i::text, 5, '0'), 'Lastscope nummer ' || i, 600, 'Testdata', 'Testdata'
		FROM generate_series(1, $2::int) AS i`, o.Prefix, o.Count)
	require.NoError(t, err, "%d scopes under %s", o.Count, o.Prefix)
	_, err = db.Exec(ctx, `
		INSERT INTO scope_grants (scope_id, org_no, env, granted_by)
		SELECT s.id, $2, $3, 'Testdata' FROM scopes s WHERE s.prefix = $1`, o.Prefix, o.OrgNo, string(o.Env))
	require.NoError(t, err)
	_, err = db.Exec(ctx, `
		INSERT INTO scope_grants (scope_id, org_no, env, granted_by)
		SELECT s.id, (400000000 + n)::text, e.env, 'Testdata'
		FROM scopes s, generate_series(1, $2::int) AS n, (VALUES ('TEST'), ('PROD')) AS e(env)
		WHERE s.prefix = $1
		ON CONFLICT DO NOTHING`, o.Prefix, o.Others)
	require.NoError(t, err)
	_, err = db.Exec(ctx, `ANALYZE scopes, scope_grants`)
	require.NoError(t, err)
	return o
}
