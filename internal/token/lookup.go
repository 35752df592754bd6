package token

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/environment"
)

// client is what the one SELECT of a token request returns: the
// integration, the key its kid names, and each requested scope.
type client struct {
	found         bool
	orgNo         string
	env           environment.Env
	active        bool
	tokenLifetime int
	keyID         int64 // 0: no active key with that kid
	keyAlg        string
	jwk           []byte
	keyExpires    *time.Time
	scopes        []requestedScope
}

type requestedScope struct {
	name        string
	onClient    bool // the scope exists and is on the integration
	active      bool
	shared      bool // granted to the organisation in this environment, or accessible for all
	maxLifetime int
}

// lookUpSQL is the first of the two round trips: one row per requested
// scope, none when the client id is unknown. Every join is by primary key
// or unique index: integrations by client_id, integration_keys by the
// partial unique (client_id, kid), scopes by name, integration_scopes and
// scope_grants by their primary keys.
const lookUpSQL = `
SELECT i.org_no, i.env, i.active, i.token_lifetime,
       coalesce(k.id, 0), coalesce(k.algorithm, ''), k.jwk, k.expires_at,
       r.name, x.scope_id IS NOT NULL, coalesce(s.active, false),
       coalesce(s.accessible_for_all, false) OR g.scope_id IS NOT NULL, coalesce(s.max_token_lifetime, 0)
FROM integrations i
LEFT JOIN integration_keys k ON k.client_id = i.client_id AND k.kid = $2 AND k.removed_at IS NULL
CROSS JOIN unnest($3::text[]) WITH ORDINALITY AS r(name, n)
LEFT JOIN scopes s ON s.name = r.name
LEFT JOIN integration_scopes x ON x.client_id = i.client_id AND x.scope_id = s.id
LEFT JOIN scope_grants g ON g.scope_id = s.id AND g.org_no = i.org_no AND g.env = i.env
WHERE i.client_id = $1
ORDER BY r.n`

func lookUp(ctx context.Context, pool *pgxpool.Pool, a *Assertion) (client, error) {
	rows, err := pool.Query(ctx, lookUpSQL, a.ClientID, a.KID, a.Scopes)
	if err != nil {
		return client{}, fmt.Errorf("look up client %s: %w", a.ClientID, err)
	}
	defer rows.Close()
	var c client
	for rows.Next() {
		var s requestedScope
		if err := rows.Scan(&c.orgNo, &c.env, &c.active, &c.tokenLifetime, &c.keyID, &c.keyAlg, &c.jwk, &c.keyExpires,
			&s.name, &s.onClient, &s.active, &s.shared, &s.maxLifetime); err != nil {
			return client{}, fmt.Errorf("look up client %s: %w", a.ClientID, err)
		}
		c.found = true
		c.scopes = append(c.scopes, s)
	}
	if err := rows.Err(); err != nil {
		return client{}, fmt.Errorf("look up client %s: %w", a.ClientID, err)
	}
	return c, nil
}

// lifetime checks every requested scope and returns the token's lifetime:
// the integration's, never above the lowest maximum of the scopes.
func (c client) lifetime(a *Assertion) (int, *Refusal) {
	lifetime := c.tokenLifetime
	for _, s := range c.scopes {
		switch {
		case !s.onClient:
			return 0, refuse(CodeScopeNotOnIntg, s.name)
		case !s.active:
			return 0, refuse(CodeScopeInactive, s.name)
		case !s.shared:
			return 0, refuse(CodeScopeNotGranted, c.orgNo, s.name, string(c.env))
		}
		if s.maxLifetime > 0 && s.maxLifetime < lifetime {
			lifetime = s.maxLifetime
		}
	}
	return lifetime, nil
}

// OnRequestPath reports whether a statement is one of the two a token
// request makes, for a benchmark that counts round trips.
func OnRequestPath(sql string) bool { return sql == lookUpSQL || sql == rememberJTISQL }

// rememberJTISQL is the second round trip. A jti is kept until its
// assertion expires; a row past that (not yet swept) may be taken again.
const rememberJTISQL = `
INSERT INTO token_jtis (client_id, jti, expires_at) VALUES ($1, $2, $3)
ON CONFLICT (client_id, jti) DO UPDATE SET expires_at = excluded.expires_at
WHERE token_jtis.expires_at <= now()`

// rememberJTI reports whether the assertion's jti is new.
func rememberJTI(ctx context.Context, pool *pgxpool.Pool, a *Assertion) (bool, error) {
	tag, err := pool.Exec(ctx, rememberJTISQL, a.ClientID, a.JTI, a.Expiry)
	if err != nil {
		return false, fmt.Errorf("remember jti of %s: %w", a.ClientID, err)
	}
	return tag.RowsAffected() == 1, nil
}
