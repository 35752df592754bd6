package integration

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/keys"
	"github.com/digdir/selvbetjening/internal/store"
)

// keyAudit is what the audit log records of a key: never the key material.
type keyAudit struct {
	KID         string     `json:"kid"`
	Algorithm   string     `json:"alg"`
	Fingerprint string     `json:"fingerprint"`
	ExpiresAt   *time.Time `json:"expires_at,omitempty"`
}

// KeyExpiry is when a key added at uploaded expires, as Maskinporten's keys
// do: at its certificate's own expiry (certExpiry, nil without a
// certificate), and at most a year after the upload. Adding the same key
// again renews it.
func KeyExpiry(certExpiry *time.Time, uploaded time.Time) time.Time {
	limit := uploaded.AddDate(1, 0, 0)
	if certExpiry != nil && certExpiry.Before(limit) {
		return *certExpiry
	}
	return limit
}

// renewSlack is how much later a renewal must move a key's expiry to be
// recorded: a double click on "Legg til nøkkel" renews once.
const renewSlack = time.Minute

// AddKey parses a pasted public key and adds it to the integration. Private
// keys, weak or expired keys are refused by keys.Parse before anything is
// stored. Pasting a key that is already active renews it: its expiry moves
// to KeyExpiry from now.
func AddKey(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, clientID uuid.UUID, pasted string) (keys.PublicKey, error) {
	now := time.Now()
	key, parseErr := keys.Parse(pasted, now)
	expires := KeyExpiry(key.ExpiresAt, now).UTC().Truncate(time.Second)
	err := store.InTx(ctx, pool, func(tx pgx.Tx) error {
		i, err := lockForChange(ctx, tx, actor.OrgNo, clientID)
		if err != nil {
			return err
		}
		if err := access.ChangeIn(ctx, tx, actor, i.Env); err != nil {
			return err
		}
		if parseErr != nil {
			return parseErr
		}
		var (
			active        int
			sameID        *int64
			sameExpiresAt *time.Time
			sameKey       bool
		)
		if err := tx.QueryRow(ctx, `
			SELECT count(*),
			       (array_agg(id) FILTER (WHERE fingerprint = $2 AND kid = $3))[1],
			       (array_agg(expires_at) FILTER (WHERE fingerprint = $2 AND kid = $3))[1],
			       coalesce(bool_or(fingerprint = $2), false)
			FROM integration_keys WHERE client_id = $1 AND removed_at IS NULL`,
			clientID, key.Fingerprint, key.KID).Scan(&active, &sameID, &sameExpiresAt, &sameKey); err != nil {
			return fmt.Errorf("count keys of %s: %w", clientID, err)
		}
		switch {
		case sameID != nil:
			// The same key pasted again: renewed when that moves its expiry
			// (a double click does not).
			if !expires.After(sameExpiresAt.Add(renewSlack)) {
				return nil
			}
			return renewKey(ctx, tx, actor, clientID, *sameID, *sameExpiresAt, expires, key)
		case sameKey:
			return ErrDuplicateKey // one key under two kids would be one key twice
		case active >= MaxActiveKeys:
			return ErrTooManyKeys
		}
		_, err = tx.Exec(ctx, `
			INSERT INTO integration_keys (client_id, kid, algorithm, key_type, bits, fingerprint, jwk, expires_at, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			clientID, key.KID, key.Algorithm, key.KeyType, key.Bits, key.Fingerprint, key.JWK, expires, actor.Name)
		if store.IsUniqueViolation(err, "integration_keys_active_kid") {
			return ErrDuplicateKey
		}
		if err != nil {
			return fmt.Errorf("insert key for %s: %w", clientID, err)
		}
		if err := touch(ctx, tx, actor, clientID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, recordEntry(audit.IntegrationKeyAdd, clientID, nil,
			keyAudit{KID: key.KID, Algorithm: key.Algorithm, Fingerprint: key.Fingerprint, ExpiresAt: &expires}))
	})
	key.ExpiresAt = &expires
	return key, err
}

// renewKey moves an active key's expiry later, and records it.
func renewKey(ctx context.Context, tx pgx.Tx, actor identity.Actor, clientID uuid.UUID, keyID int64,
	was, expires time.Time, key keys.PublicKey) error {
	if _, err := tx.Exec(ctx, `UPDATE integration_keys SET expires_at = $2 WHERE id = $1`, keyID, expires); err != nil {
		return fmt.Errorf("renew key %d of %s: %w", keyID, clientID, err)
	}
	if err := touch(ctx, tx, actor, clientID); err != nil {
		return err
	}
	k := keyAudit{KID: key.KID, Algorithm: key.Algorithm, Fingerprint: key.Fingerprint}
	before, after := k, k
	before.ExpiresAt, after.ExpiresAt = &was, &expires
	return audit.Record(ctx, tx, actor, recordEntry(audit.IntegrationKeyRenew, clientID, before, after))
}

// RemoveKey retires an active key; the row stays for the history.
func RemoveKey(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, clientID uuid.UUID, keyID int64) error {
	return store.InTx(ctx, pool, func(tx pgx.Tx) error {
		i, err := lockForChange(ctx, tx, actor.OrgNo, clientID)
		if err != nil {
			return err
		}
		if err := access.ChangeIn(ctx, tx, actor, i.Env); err != nil {
			return err
		}
		var (
			k          keyAudit
			wasRemoved bool
		)
		err = tx.QueryRow(ctx, `
			SELECT kid, algorithm, fingerprint, expires_at, removed_at IS NOT NULL
			FROM integration_keys WHERE id = $1 AND client_id = $2 FOR UPDATE`, keyID, clientID).
			Scan(&k.KID, &k.Algorithm, &k.Fingerprint, &k.ExpiresAt, &wasRemoved)
		if err != nil {
			return store.NotFound(err, fmt.Sprintf("remove key %d of %s", keyID, clientID))
		}
		if wasRemoved {
			return nil // removed already, by a double click or someone else
		}
		if _, err := tx.Exec(ctx, `UPDATE integration_keys SET removed_at = now(), removed_by = $2 WHERE id = $1`,
			keyID, actor.Name); err != nil {
			return fmt.Errorf("remove key %d of %s: %w", keyID, clientID, err)
		}
		if err := touch(ctx, tx, actor, clientID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, recordEntry(audit.IntegrationKeyRemove, clientID, k, nil))
	})
}

// touch records who changed the integration last. Keys do not bump the
// version: adding a key must not void someone's open edit form.
func touch(ctx context.Context, tx pgx.Tx, actor identity.Actor, clientID uuid.UUID) error {
	_, err := tx.Exec(ctx, `UPDATE integrations SET updated_at = now(), updated_by = $2 WHERE client_id = $1`,
		clientID, actor.Name)
	if err != nil {
		return fmt.Errorf("touch integration %s: %w", clientID, err)
	}
	return nil
}
