package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/store"
)

// ByName returns the scope named name under one of orgNo's prefixes; any
// other name is store.ErrNotFound. Digdir's API names scopes, not ids.
func ByName(ctx context.Context, db store.DB, orgNo, name string) (Scope, error) {
	s, err := scanScope(db.QueryRow(ctx, `
		SELECT `+scopeColumns+` FROM scopes s JOIN scope_prefixes p ON p.prefix = s.prefix
		WHERE s.name = $1 AND p.org_no = $2`, name, orgNo))
	if err != nil {
		return Scope{}, store.NotFound(err, "scope "+name)
	}
	return s, nil
}

// PublicScope is a scope as every organisation may see it, with its owner.
type PublicScope struct {
	Scope
	OwnerOrgNo string
}

// PublicPage is one page of Public; Next is where the page after it starts
// (the last name of this one), empty on the last page.
type PublicPage struct {
	Items []PublicScope
	Next  string
}

// Public lists a page of at most limit active PUBLIC scopes of every
// provider, by name, from the first name after after (from the first when
// empty); with onlyForAll, only those open to every organisation without a
// grant. Names are unique, so the name alone is the keyset, and the unique
// index on it serves both the order and the start.
func Public(ctx context.Context, db store.DB, onlyForAll bool, after string, limit int) (PublicPage, error) {
	rows, err := db.Query(ctx, `
		SELECT `+scopeColumns+`, p.org_no FROM scopes s JOIN scope_prefixes p ON p.prefix = s.prefix
		WHERE s.active AND s.visibility = 'PUBLIC' AND (s.accessible_for_all OR NOT $1) AND s.name > $2
		ORDER BY s.name
		LIMIT $3`, onlyForAll, after, limit+1)
	if err != nil {
		return PublicPage{}, fmt.Errorf("public scopes after %q: %w", after, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (PublicScope, error) {
		var s PublicScope
		err := r.Scan(scopeFields(&s.Scope, &s.OwnerOrgNo)...)
		return s, err
	})
	if err != nil {
		return PublicPage{}, fmt.Errorf("public scopes after %q: %w", after, err)
	}
	page := PublicPage{Items: out}
	if len(out) > limit {
		page.Items = out[:limit]
		page.Next = page.Items[limit-1].Name
	}
	return page, nil
}

// Access is one organisation's access to a scope in one environment, in
// the states of Digdir's API: a grant is APPROVED, a request REQUESTED or
// DENIED.
type Access struct {
	Scope        string
	Prefix       string
	OwnerOrgNo   string
	OwnerName    string
	ConsumerNo   string
	ConsumerName string
	State        string
	Created      time.Time
	LastUpdated  time.Time
}

// GrantedTo lists what orgNo has in env: every grant (APPROVED) and every
// request not granted (REQUESTED or DENIED), by scope name, in one query.
func GrantedTo(ctx context.Context, db store.DB, orgNo string, env environment.Env) ([]Access, error) {
	rows, err := db.Query(ctx, `
		SELECT s.name, s.prefix, p.org_no, po.name, $1, coalesce(co.name, ''), 'APPROVED', g.granted_at, g.granted_at
		FROM scope_grants g
		JOIN scopes s ON s.id = g.scope_id
		JOIN scope_prefixes p ON p.prefix = s.prefix
		JOIN organisations po ON po.org_no = p.org_no
		LEFT JOIN organisations co ON co.org_no = g.org_no
		WHERE g.org_no = $1 AND g.env = $2
		UNION ALL
		SELECT s.name, s.prefix, p.org_no, po.name, $1, coalesce(co.name, ''), r.state, r.requested_at, coalesce(r.answered_at, r.requested_at)
		FROM scope_access_requests r
		JOIN scopes s ON s.id = r.scope_id
		JOIN scope_prefixes p ON p.prefix = s.prefix
		JOIN organisations po ON po.org_no = p.org_no
		LEFT JOIN organisations co ON co.org_no = r.org_no
		WHERE r.org_no = $1 AND r.env = $2 AND r.state <> 'APPROVED'
		ORDER BY 1, 7`, orgNo, string(env))
	if err != nil {
		return nil, fmt.Errorf("access of %s in %s: %w", orgNo, env, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Access, error) {
		var a Access
		err := r.Scan(&a.Scope, &a.Prefix, &a.OwnerOrgNo, &a.OwnerName, &a.ConsumerNo, &a.ConsumerName, &a.State,
			&a.Created, &a.LastUpdated)
		return a, err
	})
	if err != nil {
		return nil, fmt.Errorf("access of %s in %s: %w", orgNo, env, err)
	}
	return out, nil
}
