package provider

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/store"
)

// EntityScope is the audit log's entity type for a scope.
const EntityScope = "scope"

// Prefixes lists the scope prefixes orgNo owns, in order, retired ones
// included: their scopes are still the organisation's to see and share.
func Prefixes(ctx context.Context, db store.DB, orgNo string) ([]string, error) {
	return prefixesOf(ctx, db, orgNo, false)
}

// OpenPrefixes lists the prefixes orgNo may define new scopes under: those
// it owns that are not retired.
func OpenPrefixes(ctx context.Context, db store.DB, orgNo string) ([]string, error) {
	return prefixesOf(ctx, db, orgNo, true)
}

func prefixesOf(ctx context.Context, db store.DB, orgNo string, onlyOpen bool) ([]string, error) {
	rows, err := db.Query(ctx, `
		SELECT prefix FROM scope_prefixes WHERE org_no = $1 AND (retired_at IS NULL OR NOT $2) ORDER BY prefix`,
		orgNo, onlyOpen)
	if err != nil {
		return nil, fmt.Errorf("prefixes of %s: %w", orgNo, err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("prefixes of %s: %w", orgNo, err)
	}
	return out, nil
}

const scopeColumns = `s.id, s.prefix, s.name, s.description, s.long_description, s.visibility, s.accessible_for_all,
	s.max_token_lifetime, s.integration_types, s.active, s.version, s.created_at, s.created_by, s.updated_at, s.updated_by,
	p.retired_at IS NOT NULL`

// scopeFields are where scopeColumns go, in their order, followed by
// those of the columns a query selects after them (extra).
func scopeFields(s *Scope, extra ...any) []any {
	return append([]any{&s.ID, &s.Prefix, &s.Name, &s.Description, &s.LongDescription, &s.Visibility,
		&s.AccessibleForAll, &s.MaxTokenLifetime, &s.IntegrationTypes, &s.Active, &s.Version, &s.CreatedAt,
		&s.CreatedBy, &s.UpdatedAt, &s.UpdatedBy, &s.PrefixRetired}, extra...)
}

func scanScope(row pgx.Row) (Scope, error) {
	var s Scope
	err := row.Scan(scopeFields(&s)...)
	return s, err
}

// Summary is a scope on "Mine API" in one environment.
type Summary struct {
	Scope
	Grants int // organisations with access in the environment
}

// List returns orgNo's scopes with how many organisations have each in env.
func List(ctx context.Context, db store.DB, orgNo string, env environment.Env) ([]Summary, error) {
	rows, err := db.Query(ctx, `
		SELECT `+scopeColumns+`,
		       (SELECT count(*) FROM scope_grants g WHERE g.scope_id = s.id AND g.env = $2)
		FROM scopes s JOIN scope_prefixes p ON p.prefix = s.prefix
		WHERE p.org_no = $1
		ORDER BY s.active DESC, s.name`, orgNo, string(env))
	if err != nil {
		return nil, fmt.Errorf("scopes of %s: %w", orgNo, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Summary, error) {
		var s Summary
		err := r.Scan(scopeFields(&s.Scope, &s.Grants)...)
		return s, err
	})
	if err != nil {
		return nil, fmt.Errorf("scopes of %s: %w", orgNo, err)
	}
	return out, nil
}

// Get returns a scope under one of orgNo's prefixes; any other scope is
// store.ErrNotFound, so its owner's URL shows nothing to anyone else.
func Get(ctx context.Context, db store.DB, orgNo string, id int64) (Scope, error) {
	s, err := scanScope(db.QueryRow(ctx, `
		SELECT `+scopeColumns+` FROM scopes s JOIN scope_prefixes p ON p.prefix = s.prefix
		WHERE s.id = $1 AND p.org_no = $2`, id, orgNo))
	if err != nil {
		return Scope{}, store.NotFound(err, "get scope "+strconv.FormatInt(id, 10))
	}
	return s, nil
}

func lockScope(ctx context.Context, tx pgx.Tx, orgNo string, id int64) (Scope, error) {
	s, err := scanScope(tx.QueryRow(ctx, `
		SELECT `+scopeColumns+` FROM scopes s JOIN scope_prefixes p ON p.prefix = s.prefix
		WHERE s.id = $1 AND p.org_no = $2 FOR UPDATE OF s FOR SHARE OF p`, id, orgNo))
	if err != nil {
		return Scope{}, store.NotFound(err, "lock scope "+strconv.FormatInt(id, 10))
	}
	return s, nil
}

// changeDefinition is the access rule for a scope's definition: one
// definition is in force in both environments, so changing it is a change
// in production, and only the owner of a prefix defines scopes.
func changeDefinition(ctx context.Context, db store.DB, actor identity.Actor) error {
	prefixes, err := Prefixes(ctx, db, actor.OrgNo)
	if err != nil {
		return err
	}
	if len(prefixes) == 0 {
		return access.Deny(access.NotPrefixOwner)
	}
	return access.ChangeIn(ctx, db, actor, environment.Prod)
}

// DefinitionGate is changeDefinition for the pages that grey out a button.
func DefinitionGate(ctx context.Context, db store.DB, actor identity.Actor) error {
	return changeDefinition(ctx, db, actor)
}

// changeScope is the access rule for changing one scope that exists
// («Endre», «Deaktiver», «Aktiver»): the rule for definitions, and a prefix
// not retired, since "a retired prefix keeps its scopes, which can no
// longer be changed" (migrations/00015_servicedesk.sql). Sharing is not a
// change of the scope: its grants live in their own table, which the
// trigger behind the rule leaves alone, so a retired prefix's scopes may
// still be shared and withdrawn (AddGrants, RemoveGrant).
func changeScope(ctx context.Context, db store.DB, actor identity.Actor, s Scope) error {
	// First, since logging in again is of no help for it.
	if err := notRetired(s); err != nil {
		return err
	}
	return changeDefinition(ctx, db, actor)
}

func notRetired(s Scope) error {
	if s.PrefixRetired {
		return access.Deny(access.PrefixRetired)
	}
	return nil
}

// ScopeGate is changeScope for the pages that grey out a scope's buttons.
func ScopeGate(ctx context.Context, db store.DB, actor identity.Actor, s Scope) error {
	return changeScope(ctx, db, actor, s)
}

func scopeEntry(action audit.Action, id int64, before, after any) audit.Entry {
	return audit.Entry{Action: action, EntityType: EntityScope, EntityID: strconv.FormatInt(id, 10), Before: before, After: after}
}

// Create defines a new scope under one of the actor's prefixes. The form's
// creationKey makes a repeated submit return the scope the first one made.
func Create(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, creationKey uuid.UUID, d Draft) (int64, error) {
	s, errs := d.Normalize().validate(true)
	var id int64
	err := store.InTx(ctx, pool, func(tx pgx.Tx) error {
		if err := changeDefinition(ctx, tx, actor); err != nil {
			return err
		}
		if errs != nil {
			return errs
		}
		// FOR SHARE: the prefix is neither moved nor retired before the scope is made.
		var owner string
		var retired bool
		err := tx.QueryRow(ctx, `SELECT org_no, retired_at IS NOT NULL FROM scope_prefixes WHERE prefix = $1 FOR SHARE`,
			s.Prefix).Scan(&owner, &retired)
		if store.NoRow(err) || err == nil && owner != actor.OrgNo {
			return FieldErrors{FieldPrefix: {Code: CodePrefixNotOwned, Args: []any{s.Prefix}}}
		}
		if err != nil {
			return fmt.Errorf("owner of prefix %q: %w", s.Prefix, err)
		}
		if retired {
			return FieldErrors{FieldPrefix: {Code: CodePrefixRetired, Args: []any{s.Prefix}}}
		}
		err = tx.QueryRow(ctx, `
			INSERT INTO scopes (prefix, name, description, long_description, visibility, accessible_for_all,
			                    max_token_lifetime, integration_types, creation_key, created_by, updated_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
			ON CONFLICT DO NOTHING
			RETURNING id`,
			s.Prefix, s.Name, s.Description, s.LongDescription, s.Visibility, s.AccessibleForAll,
			s.MaxTokenLifetime, s.IntegrationTypes, creationKey, actor.Name).Scan(&id)
		if store.NoRow(err) {
			// The same form sent again finds what it made; otherwise the name is taken.
			err = tx.QueryRow(ctx, `SELECT id FROM scopes WHERE creation_key = $1 AND prefix = $2`, creationKey, s.Prefix).Scan(&id)
			if store.NoRow(err) {
				return FieldErrors{FieldSubscope: {Code: CodeNameTaken, Args: []any{s.Name}}}
			}
			return err
		}
		if err != nil {
			return fmt.Errorf("insert scope %q: %w", s.Name, err)
		}
		s.Version = 1
		return audit.Record(ctx, tx, actor, scopeEntry(audit.ScopeCreate, id, nil, s.snapshot()))
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// Update saves "Endre" (everything but the name), refusing it when the
// scope changed since the form was loaded.
func Update(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, id, version int64, d Draft) error {
	next, errs := d.Normalize().validate(false)
	return store.InTx(ctx, pool, func(tx pgx.Tx) error {
		if err := changeDefinition(ctx, tx, actor); err != nil {
			return err
		}
		before, err := lockScope(ctx, tx, actor.OrgNo, id)
		if err != nil {
			return err
		}
		// The definition rule was asked above, before the lock, so an
		// organisation without prefixes hears why rather than "not found".
		if err := notRetired(before); err != nil {
			return err
		}
		if errs != nil {
			return errs
		}
		after := before
		after.Description, after.LongDescription, after.Visibility = next.Description, next.LongDescription, next.Visibility
		after.AccessibleForAll, after.MaxTokenLifetime, after.IntegrationTypes = next.AccessibleForAll, next.MaxTokenLifetime, next.IntegrationTypes
		if after.snapshot().equal(before.snapshot()) {
			return nil // a second click on "Lagre", or nothing changed
		}
		if before.Version != version {
			return ErrConflict
		}
		after.Version++
		_, err = tx.Exec(ctx, `
			UPDATE scopes SET description = $2, long_description = $3, visibility = $4, accessible_for_all = $5,
			       max_token_lifetime = $6, integration_types = $7, version = version + 1, updated_at = now(), updated_by = $8
			WHERE id = $1`, id, after.Description, after.LongDescription, after.Visibility, after.AccessibleForAll,
			after.MaxTokenLifetime, after.IntegrationTypes, actor.Name)
		if err != nil {
			return fmt.Errorf("update scope %d: %w", id, err)
		}
		return audit.Record(ctx, tx, actor, scopeEntry(audit.ScopeUpdate, id, before.snapshot(), after.snapshot()))
	})
}

// SetActive deactivates (active false) or reactivates a scope. Nothing is
// deleted: a deactivated scope can no longer be picked or issued, and
// integrations that have it keep it, flagged.
func SetActive(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, id, version int64, active bool) error {
	return store.InTx(ctx, pool, func(tx pgx.Tx) error {
		if err := changeDefinition(ctx, tx, actor); err != nil {
			return err
		}
		before, err := lockScope(ctx, tx, actor.OrgNo, id)
		if err != nil {
			return err
		}
		// The definition rule was asked above, before the lock, so an
		// organisation without prefixes hears why rather than "not found".
		if err := notRetired(before); err != nil {
			return err
		}
		if before.Active == active {
			return nil // done already: a second click
		}
		if before.Version != version {
			return ErrConflict
		}
		_, err = tx.Exec(ctx, `
			UPDATE scopes SET active = $2, version = version + 1, updated_at = now(), updated_by = $3 WHERE id = $1`,
			id, active, actor.Name)
		if err != nil {
			return fmt.Errorf("set scope %d active=%t: %w", id, active, err)
		}
		after := before
		after.Active, after.Version = active, before.Version+1
		action := audit.ScopeDeactivate
		if active {
			action = audit.ScopeReactivate
		}
		return audit.Record(ctx, tx, actor, scopeEntry(action, id, before.snapshot(), after.snapshot()))
	})
}

func (a snapshot) equal(b snapshot) bool {
	return a.Description == b.Description && a.LongDescription == b.LongDescription && a.Visibility == b.Visibility &&
		a.AccessibleForAll == b.AccessibleForAll && a.MaxTokenLifetime == b.MaxTokenLifetime &&
		slices.Equal(a.IntegrationTypes, b.IntegrationTypes) && a.Active == b.Active
}
