package integration

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/digdir/selvbetjening/internal/scope"
	"github.com/digdir/selvbetjening/internal/store"
)

const integrationColumns = `client_id, org_no, env, service, name, description, token_lifetime, active,
	scope_count, version, created_at, created_by, updated_at, updated_by, deactivated_at`

func scanIntegration(row pgx.Row) (Integration, error) {
	var i Integration
	err := row.Scan(&i.ClientID, &i.OrgNo, &i.Env, &i.Service, &i.Name, &i.Description, &i.TokenLifetime,
		&i.Active, &i.ScopeCount, &i.Version, &i.CreatedAt, &i.CreatedBy, &i.UpdatedAt, &i.UpdatedBy, &i.DeactivatedAt)
	return i, err
}

// Get returns an integration of orgNo with its scopes and active keys.
// Another organisation's integration is store.ErrNotFound, never shown.
func Get(ctx context.Context, db store.DB, orgNo string, clientID uuid.UUID) (Integration, error) {
	i, err := scanIntegration(db.QueryRow(ctx, `
		SELECT `+integrationColumns+` FROM integrations WHERE client_id = $1 AND org_no = $2`,
		clientID, orgNo))
	if err != nil {
		return Integration{}, store.NotFound(err, "get integration "+clientID.String())
	}
	if i.Scopes, err = scopesOf(ctx, db, i); err != nil {
		return Integration{}, err
	}
	if i.Keys, err = keysOf(ctx, db, i.ClientID); err != nil {
		return Integration{}, err
	}
	return i, nil
}

// scopesOf lists an integration's scopes, each marked with whether it is
// still offered to the organisation in the integration's environment (shared
// there, or open to all) and whether its provider has deactivated it.
func scopesOf(ctx context.Context, db store.DB, i Integration) ([]GrantedScope, error) {
	rows, err := db.Query(ctx, `
		SELECT s.name, s.description, s.max_token_lifetime, `+scope.SharedCondition("$2", "$3")+`, NOT s.active
		FROM integration_scopes x
		JOIN scopes s ON s.id = x.scope_id
		WHERE x.client_id = $1
		ORDER BY s.name`, i.ClientID, i.OrgNo, string(i.Env))
	if err != nil {
		return nil, fmt.Errorf("scopes of %s: %w", i.ClientID, err)
	}
	scopes, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (GrantedScope, error) {
		var s GrantedScope
		err := r.Scan(&s.Name, &s.Description, &s.MaxTokenLifetime, &s.Shared, &s.Deactivated)
		return s, err
	})
	if err != nil {
		return nil, fmt.Errorf("scopes of %s: %w", i.ClientID, err)
	}
	return scopes, nil
}

func keysOf(ctx context.Context, db store.DB, clientID uuid.UUID) ([]Key, error) {
	rows, err := db.Query(ctx, `
		SELECT id, kid, algorithm, key_type, bits, fingerprint, expires_at, created_at, created_by
		FROM integration_keys
		WHERE client_id = $1 AND removed_at IS NULL
		ORDER BY created_at, id`, clientID)
	if err != nil {
		return nil, fmt.Errorf("keys of %s: %w", clientID, err)
	}
	keys, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Key, error) {
		var k Key
		err := r.Scan(&k.ID, &k.KID, &k.Algorithm, &k.KeyType, &k.Bits, &k.Fingerprint, &k.ExpiresAt, &k.CreatedAt, &k.CreatedBy)
		return k, err
	})
	if err != nil {
		return nil, fmt.Errorf("keys of %s: %w", clientID, err)
	}
	return keys, nil
}

// lockForChange reads an active integration of orgNo for update; the
// caller compares its version with the one the user's form was built from.
func lockForChange(ctx context.Context, tx pgx.Tx, orgNo string, clientID uuid.UUID) (Integration, error) {
	i, err := scanIntegration(tx.QueryRow(ctx, `
		SELECT `+integrationColumns+` FROM integrations WHERE client_id = $1 AND org_no = $2 FOR UPDATE`,
		clientID, orgNo))
	if err != nil {
		return Integration{}, store.NotFound(err, "lock integration "+clientID.String())
	}
	if !i.Active {
		return i, ErrInactive
	}
	if i.Scopes, err = scopesOf(ctx, tx, i); err != nil {
		return Integration{}, err
	}
	return i, nil
}
