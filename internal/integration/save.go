package integration

import (
	"context"
	"fmt"
	"slices"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/scope"
	"github.com/digdir/selvbetjening/internal/store"
)

// checkScopes validates the chosen scopes against what is shared with the
// organisation in env, and the lifetime against the smallest scope maximum.
func checkScopes(ctx context.Context, db store.DB, orgNo string, env environment.Env, d Draft, lifetime int) ([]int64, error) {
	shared, err := scope.SharedByName(ctx, db, orgNo, env, d.Scopes)
	if err != nil {
		return nil, err
	}
	errs := FieldErrors{}
	var missing []string
	ids := make([]int64, 0, len(d.Scopes))
	smallest := 0
	for _, name := range d.Scopes {
		s, ok := shared[name]
		if !ok {
			missing = append(missing, name)
			continue
		}
		ids = append(ids, s.ID)
		if smallest == 0 || s.MaxTokenLifetime < smallest {
			smallest = s.MaxTokenLifetime
		}
	}
	if len(missing) > 0 {
		errs["scopes"] = FieldError{Code: CodeScopeNotShared, Args: []any{missing, env}}
	}
	if smallest > 0 && lifetime > smallest {
		errs["token_lifetime"] = FieldError{Code: CodeLifetimeTooLong, Args: []any{smallest}}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return ids, nil
}

// Create stores a new integration for the actor's organisation. The form's
// creationKey makes a repeated submit (a double click) return the integration
// the first one created instead of a second one.
func Create(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, env environment.Env,
	creationKey uuid.UUID, d Draft) (uuid.UUID, error) {
	var clientID uuid.UUID
	err := store.InTx(ctx, pool, func(tx pgx.Tx) error {
		// In the transaction, as Update and Deactivate ask it: the gate and
		// the change read the same moment.
		if err := access.ChangeIn(ctx, tx, actor, env); err != nil {
			return err
		}
		var err error
		clientID, err = Insert(ctx, tx, actor, env, uuid.New(), creationKey, d)
		return err
	})
	if err != nil {
		return uuid.Nil, err
	}
	return clientID, nil
}

// Update saves the edit form, refusing it when the integration changed since
// the form was loaded (version), so no one's change is silently lost.
func Update(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, clientID uuid.UUID, version int, d Draft) error {
	d = d.Normalize()
	lifetime, errs := d.Validate()
	return store.InTx(ctx, pool, func(tx pgx.Tx) error {
		before, err := lockForChange(ctx, tx, actor.OrgNo, clientID)
		if err != nil {
			return err
		}
		if err := access.ChangeIn(ctx, tx, actor, before.Env); err != nil {
			return err
		}
		if errs != nil {
			return errs
		}
		if before.matches(d, lifetime) {
			// Nothing to change: a second click on "Lagre", or a form saved
			// unchanged. Neither is a conflict, and neither is worth a version.
			return nil
		}
		if before.Version != version {
			return ErrConflict
		}
		ids, err := checkScopes(ctx, tx, actor.OrgNo, before.Env, d, lifetime)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `
			UPDATE integrations
			SET name = $3, description = $4, token_lifetime = $5, scope_count = $6,
			    version = version + 1, updated_at = now(), updated_by = $7
			WHERE client_id = $1 AND org_no = $2`,
			clientID, actor.OrgNo, d.Name, d.Description, lifetime, len(ids), actor.Name)
		if err != nil {
			return fmt.Errorf("update integration %s: %w", clientID, err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM integration_scopes WHERE client_id = $1`, clientID); err != nil {
			return fmt.Errorf("clear scopes of %s: %w", clientID, err)
		}
		if err := setScopes(ctx, tx, clientID, ids); err != nil {
			return err
		}
		after := before
		after.Name, after.Description, after.TokenLifetime = d.Name, d.Description, lifetime
		after.Scopes, after.Version = namesAsScopes(d.Scopes), before.Version+1
		return audit.Record(ctx, tx, actor, recordEntry(audit.IntegrationUpdate, clientID, before.snapshot(), after.snapshot()))
	})
}

// Deactivate makes an integration inactive. Nothing is deleted: its history stays.
func Deactivate(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, clientID uuid.UUID, version int) error {
	return store.InTx(ctx, pool, func(tx pgx.Tx) error {
		before, err := lockForChange(ctx, tx, actor.OrgNo, clientID)
		if err != nil {
			return err
		}
		if err := access.ChangeIn(ctx, tx, actor, before.Env); err != nil {
			return err
		}
		if before.Version != version {
			return ErrConflict
		}
		_, err = tx.Exec(ctx, `
			UPDATE integrations
			SET active = false, deactivated_at = now(), version = version + 1, updated_at = now(), updated_by = $3
			WHERE client_id = $1 AND org_no = $2`, clientID, actor.OrgNo, actor.Name)
		if err != nil {
			return fmt.Errorf("deactivate integration %s: %w", clientID, err)
		}
		after := before
		after.Active, after.Version = false, before.Version+1
		return audit.Record(ctx, tx, actor, recordEntry(audit.IntegrationDeactivate, clientID, before.snapshot(), after.snapshot()))
	})
}

// matches reports whether the integration already holds what d asks for.
func (i Integration) matches(d Draft, lifetime int) bool {
	have, want := i.ScopeNames(), slices.Clone(d.Scopes)
	slices.Sort(have)
	slices.Sort(want)
	return i.Name == d.Name && i.Description == d.Description && i.TokenLifetime == lifetime &&
		slices.Equal(have, want)
}

func setScopes(ctx context.Context, tx pgx.Tx, clientID uuid.UUID, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `
		INSERT INTO integration_scopes (client_id, scope_id) SELECT $1, unnest($2::bigint[])`, clientID, ids)
	if err != nil {
		return fmt.Errorf("set scopes of %s: %w", clientID, err)
	}
	return nil
}

func namesAsScopes(names []string) []GrantedScope {
	out := make([]GrantedScope, len(names))
	for i, n := range names {
		out[i] = GrantedScope{Name: n, Shared: true}
	}
	return out
}
