// Package scope knows the scopes API providers define and the organisations
// and environments they share each one with.
package scope

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/store"
)

// Scope is one scope as a consumer sees it.
type Scope struct {
	ID               int64
	Name             string
	Description      string
	MaxTokenLifetime int // seconds
}

// Page is one page of the scope picker.
type Page struct {
	Scopes []Scope
	More   bool // another page follows
}

// MaxSearchLength bounds the picker's search text.
const MaxSearchLength = 100

// SharedCondition is the one answer, in SQL, to "is scope s shared with this
// organisation in this environment": the scope is active and its provider
// has granted it to the organisation there. orgNo and env name the
// statement's parameters ("$1", "$2"), and the statement calls scopes s.
// Every query that offers, accepts or flags a scope asks it this way, so the
// rule changes in one place.
//
// The grants are an uncorrelated IN: in a WHERE Postgres makes it a semi
// join, and in a select list or under NOT a hashed subplan read once per
// statement, never a lookup per scope row.
func SharedCondition(orgNo, env string) string {
	return `(s.active AND s.id IN (SELECT shared.scope_id FROM scope_grants shared
		WHERE shared.org_no = ` + orgNo + ` AND shared.env = ` + env + `))`
}

// SharedPage lists the scopes shared with orgNo in env whose name or
// description contains search, leaving out those already chosen.
func SharedPage(ctx context.Context, db store.DB, orgNo string, env environment.Env,
	search string, exclude []string, offset, limit int) (Page, error) {
	if exclude == nil {
		// A nil slice reaches Postgres as NULL, and NOT (x = ANY(NULL)) is
		// never true: the picker would offer nothing before a first choice.
		exclude = []string{}
	}
	rows, err := db.Query(ctx, `
		SELECT s.id, s.name, s.description, s.max_token_lifetime
		FROM scopes s
		WHERE `+SharedCondition("$1", "$2")+`
		  AND (s.name ILIKE $3 OR s.description ILIKE $3)
		  AND NOT (s.name = ANY($4))
		ORDER BY s.name
		OFFSET $5 LIMIT $6`,
		orgNo, string(env), likePattern(search), exclude, offset, limit+1)
	if err != nil {
		return Page{}, fmt.Errorf("shared scopes for %s in %s: %w", orgNo, env, err)
	}
	scopes, err := pgx.CollectRows(rows, scanScope)
	if err != nil {
		return Page{}, fmt.Errorf("shared scopes for %s in %s: %w", orgNo, env, err)
	}
	p := Page{Scopes: scopes}
	if len(scopes) > limit {
		p.Scopes, p.More = scopes[:limit], true
	}
	return p, nil
}

// SharedByName returns those of names that are shared with orgNo in env.
// The caller compares lengths to find what is not shared.
func SharedByName(ctx context.Context, db store.DB, orgNo string, env environment.Env, names []string) (map[string]Scope, error) {
	rows, err := db.Query(ctx, `
		SELECT s.id, s.name, s.description, s.max_token_lifetime
		FROM scopes s
		WHERE s.name = ANY($3) AND `+SharedCondition("$1", "$2"),
		orgNo, string(env), names)
	if err != nil {
		return nil, fmt.Errorf("look up scopes for %s in %s: %w", orgNo, env, err)
	}
	scopes, err := pgx.CollectRows(rows, scanScope)
	if err != nil {
		return nil, fmt.Errorf("look up scopes for %s in %s: %w", orgNo, env, err)
	}
	byName := make(map[string]Scope, len(scopes))
	for _, s := range scopes {
		byName[s.Name] = s
	}
	return byName, nil
}

// Unshared is a scope that exists but is not shared with the organisation in
// the environment asked about: the FAQ of Digdir's "Selvbetjening som
// API-konsument", answered in the product.
type Unshared struct {
	Name             string
	SharedInOtherEnv bool
}

// ExplainMissing says why scopes matching search are not offered in env:
// a scope shared with orgNo in the other environment is named when its name
// contains search; any other scope only when search is its exact name, so
// the picker cannot be used to list every provider's scopes.
func ExplainMissing(ctx context.Context, db store.DB, orgNo string, env environment.Env, search string) ([]Unshared, error) {
	rows, err := db.Query(ctx, `
		SELECT s.name, `+SharedCondition("$1", "$4")+`
		FROM scopes s
		WHERE s.active
		  AND (s.name = $5 OR (`+SharedCondition("$1", "$4")+` AND s.name ILIKE $3))
		  AND NOT `+SharedCondition("$1", "$2")+`
		ORDER BY s.name
		LIMIT 5`,
		orgNo, string(env), likePattern(search), string(env.Other()), strings.TrimSpace(search))
	if err != nil {
		return nil, fmt.Errorf("explain missing scopes: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Unshared, error) {
		var u Unshared
		err := r.Scan(&u.Name, &u.SharedInOtherEnv)
		return u, err
	})
	if err != nil {
		return nil, fmt.Errorf("explain missing scopes: %w", err)
	}
	return out, nil
}

// likePattern makes search a literal substring pattern for ILIKE.
func likePattern(search string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.TrimSpace(search)) + "%"
}

func scanScope(r pgx.CollectableRow) (Scope, error) {
	var s Scope
	err := r.Scan(&s.ID, &s.Name, &s.Description, &s.MaxTokenLifetime)
	return s, err
}
