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

// StoredKey is an active key with the public JWK as stored: what the REST
// API's GET /clients/{id}/jwks returns.
type StoredKey struct {
	Key
	JWK []byte
}

// PublicKeys returns the active keys of orgNo's integration, oldest first.
func PublicKeys(ctx context.Context, db store.DB, orgNo string, clientID uuid.UUID) ([]StoredKey, error) {
	rows, err := db.Query(ctx, `
		SELECT k.id, k.kid, k.algorithm, k.key_type, k.bits, k.fingerprint, k.expires_at, k.created_at, k.created_by, k.jwk
		FROM integration_keys k JOIN integrations i ON i.client_id = k.client_id
		WHERE k.client_id = $1 AND i.org_no = $2 AND k.removed_at IS NULL
		ORDER BY k.created_at, k.id`, clientID, orgNo)
	if err != nil {
		return nil, fmt.Errorf("public keys of %s: %w", clientID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (StoredKey, error) {
		var k StoredKey
		err := r.Scan(&k.ID, &k.KID, &k.Algorithm, &k.KeyType, &k.Bits, &k.Fingerprint, &k.ExpiresAt, &k.CreatedAt, &k.CreatedBy, &k.JWK)
		return k, err
	})
	if err != nil {
		return nil, fmt.Errorf("public keys of %s: %w", clientID, err)
	}
	return out, nil
}

// KeySetError is why one key of a set is refused: Index is its place in
// the set, Err a refusal of keys.Parse or ErrDuplicateKey.
type KeySetError struct {
	Index int
	Err   error
}

func (e *KeySetError) Error() string { return fmt.Sprintf("key %d: %v", e.Index, e.Err) }
func (e *KeySetError) Unwrap() error { return e.Err }

// ReplaceKeys makes the integration's active keys exactly the set given, as
// Digdir's API does on every write of a JWKS: keys already there (same kid,
// same key) stay as they are, the others are removed and the new ones added,
// each with its audit entry, all in one transaction. A key sent again is
// renewed: its expiry moves a year on (KeyExpiry), as in Maskinporten. The same rules as for
// a pasted key apply to each (keys.Parse refuses private, weak and expired
// keys), and the set may hold at most MaxActiveKeys. An empty set removes
// every key.
func ReplaceKeys(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, clientID uuid.UUID, jwks []string) error {
	if len(jwks) > MaxActiveKeys {
		return ErrTooManyKeys
	}
	now := time.Now()
	parsed := make([]keys.PublicKey, len(jwks))
	var parseErr error
	seen := map[string]bool{}
	for n, s := range jwks {
		k, err := keys.Parse(s, now)
		if err == nil && seen[k.KID] {
			err = ErrDuplicateKey
		}
		if err != nil {
			parseErr = &KeySetError{Index: n, Err: err}
			break
		}
		seen[k.KID] = true
		parsed[n] = k
	}
	return store.InTx(ctx, pool, func(tx pgx.Tx) error {
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
		current, err := keysOf(ctx, tx, clientID)
		if err != nil {
			return err
		}
		wanted := map[string]bool{}
		for _, k := range parsed {
			wanted[k.KID+"\x00"+k.Fingerprint] = true
		}
		have := map[string]Key{}
		changed := false
		for _, k := range current {
			have[k.KID+"\x00"+k.Fingerprint] = k
			if wanted[k.KID+"\x00"+k.Fingerprint] {
				continue
			}
			if _, err := tx.Exec(ctx, `UPDATE integration_keys SET removed_at = now(), removed_by = $2 WHERE id = $1`,
				k.ID, actor.Name); err != nil {
				return fmt.Errorf("remove key %d of %s: %w", k.ID, clientID, err)
			}
			changed = true
			if err := audit.Record(ctx, tx, actor, recordEntry(audit.IntegrationKeyRemove, clientID,
				keyAudit{KID: k.KID, Algorithm: k.Algorithm, Fingerprint: k.Fingerprint, ExpiresAt: &k.ExpiresAt}, nil)); err != nil {
				return err
			}
		}
		for n, k := range parsed {
			expires := KeyExpiry(k.ExpiresAt, now).UTC().Truncate(time.Second)
			if kept, ok := have[k.KID+"\x00"+k.Fingerprint]; ok {
				// Sent again, the key is renewed, as a pasted one is.
				if expires.After(kept.ExpiresAt.Add(renewSlack)) {
					if err := renewKey(ctx, tx, actor, clientID, kept.ID, kept.ExpiresAt, expires, k); err != nil {
						return err
					}
				}
				continue
			}
			_, err := tx.Exec(ctx, `
				INSERT INTO integration_keys (client_id, kid, algorithm, key_type, bits, fingerprint, jwk, expires_at, created_by)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
				clientID, k.KID, k.Algorithm, k.KeyType, k.Bits, k.Fingerprint, k.JWK, expires, actor.Name)
			if store.IsUniqueViolation(err, "integration_keys_active_kid") {
				// A key kept under this kid is another key: one kid, two keys.
				return &KeySetError{Index: n, Err: ErrDuplicateKey}
			}
			if err != nil {
				return fmt.Errorf("insert key for %s: %w", clientID, err)
			}
			changed = true
			if err := audit.Record(ctx, tx, actor, recordEntry(audit.IntegrationKeyAdd, clientID, nil,
				keyAudit{KID: k.KID, Algorithm: k.Algorithm, Fingerprint: k.Fingerprint, ExpiresAt: &expires})); err != nil {
				return err
			}
		}
		if !changed {
			return nil // the set it has already: a retry
		}
		return touch(ctx, tx, actor, clientID)
	})
}
