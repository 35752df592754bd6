package provider

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/store"
)

// Grant is one organisation's access to a scope in one environment.
type Grant struct {
	Env       environment.Env
	OrgNo     string
	OrgName   string // "" when the portal does not know the organisation yet
	GrantedAt time.Time
	GrantedBy string
	// Integrations counts the organisation's active integrations in Env that have the scope.
	Integrations int
}

// grantsSnapshot is what the audit log stores of a scope's access in one environment.
type grantsSnapshot struct {
	Scope      string   `json:"scope"`
	Env        string   `json:"env"`
	OrgNumbers []string `json:"org_numbers"`
}

// Grants lists who has access to one of orgNo's scopes, environment by
// environment, with their names and how many integrations use it, in one query.
func Grants(ctx context.Context, db store.DB, orgNo string, scopeID int64) (map[environment.Env][]Grant, error) {
	rows, err := db.Query(ctx, `
		SELECT g.env, g.org_no, coalesce(o.name, ''), g.granted_at, g.granted_by, count(i.client_id)
		FROM scope_grants g
		JOIN scopes s ON s.id = g.scope_id
		JOIN scope_prefixes p ON p.prefix = s.prefix AND p.org_no = $2
		LEFT JOIN organisations o ON o.org_no = g.org_no
		LEFT JOIN integration_scopes x ON x.scope_id = g.scope_id
		LEFT JOIN integrations i ON i.client_id = x.client_id AND i.org_no = g.org_no AND i.env = g.env AND i.active
		WHERE g.scope_id = $1
		GROUP BY g.env, g.org_no, o.name, g.granted_at, g.granted_by
		ORDER BY g.env DESC, g.org_no`, scopeID, orgNo)
	if err != nil {
		return nil, fmt.Errorf("grants of scope %d: %w", scopeID, err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Grant, error) {
		var g Grant
		err := r.Scan(&g.Env, &g.OrgNo, &g.OrgName, &g.GrantedAt, &g.GrantedBy, &g.Integrations)
		return g, err
	})
	if err != nil {
		return nil, fmt.Errorf("grants of scope %d: %w", scopeID, err)
	}
	out := map[environment.Env][]Grant{}
	for _, g := range list {
		out[g.Env] = append(out[g.Env], g)
	}
	return out, nil
}

func grantedIn(ctx context.Context, tx pgx.Tx, scopeID int64, env environment.Env) ([]string, error) {
	rows, err := tx.Query(ctx, `SELECT org_no FROM scope_grants WHERE scope_id = $1 AND env = $2 ORDER BY org_no`,
		scopeID, string(env))
	if err != nil {
		return nil, fmt.Errorf("grants of scope %d in %s: %w", scopeID, env, err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("grants of scope %d in %s: %w", scopeID, env, err)
	}
	return out, nil
}

// AddGrants shares one of the actor's scopes in env with every organisation
// number in input ("Legg til tilgang"). One bad number, or one that has
// access already, names that number and shares with none. An open request
// of one of them is answered by it, and its organisation told (notify).
func AddGrants(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, scopeID int64, env environment.Env, input string, notify Notify) ([]string, error) {
	orgNos, err := ParseOrgNumbers(input)
	var fe FieldError
	switch e := err.(type) {
	case nil:
	case *OrgNumberError:
		fe = FieldError{Code: CodeOrgNumberInvalid, Args: []any{e.Value}}
	default:
		if err == ErrTooManyOrgNumbers {
			fe = FieldError{Code: CodeTooManyOrgNumbers, Args: []any{MaxOrgNumbers}}
		} else {
			fe = FieldError{Code: CodeOrgNumbersMissing}
		}
	}
	err = store.InTx(ctx, pool, func(tx pgx.Tx) error {
		s, err := lockScope(ctx, tx, actor.OrgNo, scopeID)
		if err != nil {
			return err
		}
		if err := access.ChangeIn(ctx, tx, actor, env); err != nil {
			return err
		}
		if fe.Code != "" {
			return FieldErrors{FieldOrgNumbers: fe}
		}
		before, err := grantedIn(ctx, tx, scopeID, env)
		if err != nil {
			return err
		}
		var twice []string
		for _, o := range orgNos {
			if slices.Contains(before, o) {
				twice = append(twice, o)
			}
		}
		if len(twice) > 0 {
			return FieldErrors{FieldOrgNumbers: {Code: CodeAlreadyShared, Args: []any{twice, env}}}
		}
		if err := insertGrants(ctx, tx, actor, scopeID, env, orgNos); err != nil {
			return err
		}
		// Whoever had asked for it has it now: their open requests are answered.
		rows, err := tx.Query(ctx, `
			UPDATE scope_access_requests SET state = 'APPROVED', answered_by = $4, answered_at = now()
			WHERE scope_id = $1 AND env = $2 AND org_no = ANY($3) AND state = 'REQUESTED'
			RETURNING id`,
			scopeID, string(env), orgNos, actor.Name)
		if err != nil {
			return fmt.Errorf("answer requests for scope %d in %s: %w", scopeID, env, err)
		}
		answered, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return fmt.Errorf("answer requests for scope %d in %s: %w", scopeID, env, err)
		}
		requests, err := answeredByGrant(ctx, tx, answered)
		if err != nil {
			return err
		}
		if err := notify.queue(ctx, tx, EventAnswered, requests); err != nil {
			return err
		}
		after := slices.Sorted(slices.Values(append(slices.Clone(before), orgNos...)))
		return audit.Record(ctx, tx, actor, scopeEntry(audit.ScopeGrantAdd, scopeID,
			grantsSnapshot{Scope: s.Name, Env: string(env), OrgNumbers: before},
			grantsSnapshot{Scope: s.Name, Env: string(env), OrgNumbers: after}))
	})
	if err != nil {
		return nil, err
	}
	return orgNos, nil
}

func insertGrants(ctx context.Context, tx pgx.Tx, actor identity.Actor, scopeID int64, env environment.Env, orgNos []string) error {
	_, err := tx.Exec(ctx, `
		INSERT INTO scope_grants (scope_id, org_no, env, granted_by)
		SELECT $1, unnest($2::text[]), $3, $4
		ON CONFLICT DO NOTHING`, scopeID, orgNos, string(env), actor.Name)
	if err != nil {
		return fmt.Errorf("share scope %d in %s: %w", scopeID, env, err)
	}
	return nil
}

// RemoveGrant withdraws orgNo's access to one of the actor's scopes in env
// ("Fjern tilgang"). Their integrations keep the scope, flagged.
func RemoveGrant(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, scopeID int64, env environment.Env, orgNo string) error {
	return store.InTx(ctx, pool, func(tx pgx.Tx) error {
		s, err := lockScope(ctx, tx, actor.OrgNo, scopeID)
		if err != nil {
			return err
		}
		if err := access.ChangeIn(ctx, tx, actor, env); err != nil {
			return err
		}
		before, err := grantedIn(ctx, tx, scopeID, env)
		if err != nil {
			return err
		}
		if !slices.Contains(before, orgNo) {
			return ErrNotShared
		}
		if _, err := tx.Exec(ctx, `DELETE FROM scope_grants WHERE scope_id = $1 AND env = $2 AND org_no = $3`,
			scopeID, string(env), orgNo); err != nil {
			return fmt.Errorf("withdraw scope %d in %s: %w", scopeID, env, err)
		}
		after := slices.DeleteFunc(slices.Clone(before), func(o string) bool { return o == orgNo })
		return audit.Record(ctx, tx, actor, scopeEntry(audit.ScopeGrantRemove, scopeID,
			grantsSnapshot{Scope: s.Name, Env: string(env), OrgNumbers: before},
			grantsSnapshot{Scope: s.Name, Env: string(env), OrgNumbers: after}))
	})
}
