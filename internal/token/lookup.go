package token

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/store"
)

// client is what the one SELECT of a token request returns: the
// integration, the key its kid names, and those of its scopes that were
// requested.
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
	scopes        []clientScope
}

// clientScope is a requested scope that is on the integration.
type clientScope struct {
	Name        string `json:"name"`
	Active      bool   `json:"active"`
	Shared      bool   `json:"shared"` // granted to the organisation in this environment, or accessible for all
	MaxLifetime int    `json:"max"`
}

// LookUpSQL is the first of the two round trips: one row, none when the
// client id is unknown, with those of the integration's scopes that were
// requested as a JSON array (a requested scope missing from it is not on
// the integration). Every row is read by primary key or unique index:
// integrations by client_id, integration_keys by client_id and kid, the
// integration's scopes by integration_scopes' primary key and scopes' by
// theirs, and each grant by scope_grants' primary key (org_no, env,
// scope_id), so the cost does not grow with how many scopes an
// organisation has been granted.
//
// Its shape keeps one generic plan: nothing in it is estimated from the
// size of the requested list (an unnest of $3 made Postgres plan every
// execution anew, at four times the cost of running it), and the scopes
// come from the integration, whose few rows the statistics know.
const LookUpSQL = `
SELECT i.org_no, i.env, i.active, i.token_lifetime,
       coalesce(k.id, 0), coalesce(k.algorithm, ''), k.jwk, k.expires_at,
       (SELECT json_agg(json_build_object(
                   'name', s.name, 'active', s.active,
                   'shared', s.accessible_for_all OR EXISTS (
                       SELECT FROM scope_grants g WHERE g.org_no = i.org_no AND g.env = i.env AND g.scope_id = s.id),
                   'max', coalesce(s.max_token_lifetime, 0)))
        FROM integration_scopes x
        JOIN scopes s ON s.id = x.scope_id
        WHERE x.client_id = i.client_id AND s.name = ANY ($3::text[]))
FROM integrations i
LEFT JOIN integration_keys k ON k.client_id = i.client_id AND k.kid = $2 AND k.removed_at IS NULL
WHERE i.client_id = $1`

func lookUp(ctx context.Context, pool *pgxpool.Pool, a *Assertion) (client, error) {
	var c client
	// The client id as its 16 bytes, which pgx encodes directly: a
	// uuid.UUID goes through its driver.Valuer's text, a failed binary
	// encoding of that text and a parse of it on every request.
	err := pool.QueryRow(ctx, LookUpSQL, [16]byte(a.ClientID), a.KID, a.Scopes).Scan(&c.orgNo, &c.env, &c.active,
		&c.tokenLifetime, &c.keyID, &c.keyAlg, &c.jwk, &c.keyExpires, &c.scopes)
	switch {
	case store.NoRow(err):
		return client{}, nil
	case err != nil:
		return client{}, fmt.Errorf("look up client %s: %w", a.ClientID, err)
	}
	c.found = true
	return c, nil
}

// lifetime checks every requested scope, in the order asked for, and
// returns the token's lifetime: the integration's, never above the lowest
// maximum of the scopes.
func (c client) lifetime(a *Assertion) (int, *Refusal) {
	lifetime := c.tokenLifetime
	for _, name := range a.Scopes {
		i := slices.IndexFunc(c.scopes, func(s clientScope) bool { return s.Name == name })
		if i < 0 {
			return 0, refuse(CodeScopeNotOnIntg, name)
		}
		switch s := c.scopes[i]; {
		case !s.Active:
			return 0, refuse(CodeScopeInactive, s.Name)
		case !s.Shared:
			return 0, refuse(CodeScopeNotGranted, c.orgNo, s.Name, string(c.env))
		}
		if m := c.scopes[i].MaxLifetime; m > 0 && m < lifetime {
			lifetime = m
		}
	}
	return lifetime, nil
}

// OnRequestPath reports whether a statement is one of the two a token
// request makes, for a benchmark that counts round trips.
func OnRequestPath(sql string) bool { return sql == LookUpSQL || sql == rememberJTISQL }

// rememberJTISQL is the second round trip. A jti is kept until its
// assertion expires; a row past that (not yet swept) may be taken again.
const rememberJTISQL = `
INSERT INTO token_jtis (client_id, jti, expires_at) VALUES ($1, $2, $3)
ON CONFLICT (client_id, jti) DO UPDATE SET expires_at = excluded.expires_at
WHERE token_jtis.expires_at <= now()`

// rememberJTI reports whether the assertion's jti is new.
func rememberJTI(ctx context.Context, pool *pgxpool.Pool, a *Assertion) (bool, error) {
	tag, err := pool.Exec(ctx, rememberJTISQL, [16]byte(a.ClientID), a.JTI, a.Expiry)
	if err != nil {
		return false, fmt.Errorf("remember jti of %s: %w", a.ClientID, err)
	}
	return tag.RowsAffected() == 1, nil
}
