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

// SharedCondition is the one answer, in SQL, to "is scope s offered to this
// organisation in this environment": the scope is active, and its provider
// has granted it to the organisation there or opened it to every
// organisation (accessible_for_all). orgNo and env name the statement's
// parameters ("$1", "$2"), and the statement calls scopes s. Every query that
// offers, accepts or flags a scope asks it this way, so the rule changes in
// one place; the picker's page (SharedPageSQL) spells it as a union for its
// plan, and TestSharedPageAgreesWithSharedCondition holds the two together.
//
// The grant is looked up per scope row, by the grants' primary key
// (org_no, env, scope_id): every statement that asks holds a few rows (the
// names chosen, an integration's scopes, the picker's search hits), and an
// organisation may hold thousands of grants. An uncorrelated IN read all of
// them for each statement, and under NOT (ExplainSQL) it also made the
// planner read every scope: EXPLAIN ANALYZE of a search at make
// bench-scale's 100,000 integrations took 6 ms, and 0.4 ms this way.
func SharedCondition(orgNo, env string) string {
	return `(s.active AND (s.accessible_for_all OR EXISTS (SELECT FROM scope_grants shared
		WHERE shared.org_no = ` + orgNo + ` AND shared.env = ` + env + ` AND shared.scope_id = s.id)))`
}

// SharedPage lists the scopes offered to orgNo in env (shared with it
// there, or open to every organisation) whose name or description contains
// search, leaving out those already chosen. Each branch of the union starts
// from an index: the grants by (org_no, env), the open scopes by
// scopes_for_all.
func SharedPage(ctx context.Context, db store.DB, orgNo string, env environment.Env,
	search string, exclude []string, offset, limit int) (Page, error) {
	if exclude == nil {
		// A nil slice reaches Postgres as NULL, and NOT (x = ANY(NULL)) is
		// never true: the picker would offer nothing before a first choice.
		exclude = []string{}
	}
	rows, err := db.Query(ctx, SharedPageSQL,
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

// SharedPageSQL is the picker's query, exported for its query-plan test:
// $1 org_no, $2 env, $3 the ILIKE pattern, $4 names left out, $5 offset, $6 limit.
const SharedPageSQL = `
		SELECT id, name, description, max_token_lifetime FROM (
			SELECT s.id, s.name, s.description, s.max_token_lifetime
			FROM scope_grants g JOIN scopes s ON s.id = g.scope_id
			WHERE g.org_no = $1 AND g.env = $2 AND s.active
			  AND (s.name ILIKE $3 OR s.description ILIKE $3)
			  AND NOT (s.name = ANY($4))
			UNION ALL
			SELECT s.id, s.name, s.description, s.max_token_lifetime
			FROM scopes s
			WHERE s.accessible_for_all AND s.active
			  AND (s.name ILIKE $3 OR s.description ILIKE $3)
			  AND NOT (s.name = ANY($4))
			  -- Each scope once, without a costly de-duplication of the union.
			  AND NOT EXISTS (SELECT 1 FROM scope_grants g WHERE g.scope_id = s.id AND g.org_no = $1 AND g.env = $2)
		) offered
		ORDER BY name
		OFFSET $5 LIMIT $6`

// SharedByName returns those of names that are offered to orgNo in env:
// shared with it there, or open to every organisation. The caller compares
// lengths to find what is not offered.
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

// Unshared is a scope that exists but is not offered to the organisation
// in the environment asked about: the FAQ of Digdir's "Selvbetjening som
// API-konsument", answered in the product.
type Unshared struct {
	Name             string
	SharedInOtherEnv bool
	// CanAsk: the organisation may ask the provider for access ("Be om
	// tilgang"): the scope is public, or shared with them in the other environment.
	CanAsk bool
	// Asked: a request of theirs for it in this environment awaits an answer.
	Asked bool
}

// MaxUnshared is how many scopes not offered the picker names at a time.
const MaxUnshared = 5

// ExplainMissing names scopes matching search that are not offered to
// orgNo in env: a public scope, or one shared with orgNo in the other
// environment, when its name or description contains search; a private
// scope only when search is its exact name, so the picker cannot be used to
// list what providers keep private.
func ExplainMissing(ctx context.Context, db store.DB, orgNo string, env environment.Env, search string) ([]Unshared, error) {
	rows, err := db.Query(ctx, ExplainSQL,
		orgNo, string(env), likePattern(search), string(env.Other()), strings.TrimSpace(search), MaxUnshared)
	if err != nil {
		return nil, fmt.Errorf("explain missing scopes: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Unshared, error) {
		var u Unshared
		err := r.Scan(&u.Name, &u.SharedInOtherEnv, &u.CanAsk, &u.Asked)
		return u, err
	})
	if err != nil {
		return nil, fmt.Errorf("explain missing scopes: %w", err)
	}
	return out, nil
}

// ExplainSQL is ExplainMissing's query, exported for its query-plan test: $1 org_no, $2 env, $3 the ILIKE
// pattern, $4 the other env, $5 the exact search, $6 the limit.
var ExplainSQL = `
		SELECT s.name, o.scope_id IS NOT NULL, s.visibility = 'PUBLIC' OR o.scope_id IS NOT NULL,
		       EXISTS (SELECT 1 FROM scope_access_requests r
		               WHERE r.scope_id = s.id AND r.org_no = $1 AND r.env = $2 AND r.state = 'REQUESTED')
		FROM scopes s
		LEFT JOIN scope_grants o ON o.scope_id = s.id AND o.org_no = $1 AND o.env = $4
		WHERE s.active AND NOT s.accessible_for_all
		  -- Two branches, so that each can use its index (the name's, the trigrams').
		  AND s.id IN (SELECT id FROM scopes WHERE name = $5
		               UNION ALL
		               SELECT id FROM scopes WHERE name ILIKE $3 OR description ILIKE $3)
		  AND (s.name = $5 OR o.scope_id IS NOT NULL OR s.visibility = 'PUBLIC')
		  AND NOT ` + SharedCondition("$1", "$2") + `
		ORDER BY o.scope_id IS NULL, s.name
		LIMIT $6`

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
