package token

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/digdir/selvbetjening/internal/store"
)

// Usage is what an integration's page shows of its tokens.
type Usage struct {
	// Issued is the tokens issued in the last 24 hours (to the five minutes).
	Issued int64
	// KeyLastUsed is when each key (by integration_keys.id) last signed a
	// grant that got a token; a key never used is absent.
	KeyLastUsed map[int64]time.Time
}

// UsageOf reads an integration's usage. The caller has read the integration
// for the acting organisation, so the client id is one it may see.
func UsageOf(ctx context.Context, db store.DB, clientID uuid.UUID) (Usage, error) {
	u := Usage{KeyLastUsed: map[int64]time.Time{}}
	if err := db.QueryRow(ctx, `
		SELECT coalesce(sum(count), 0) FROM token_counts
		WHERE client_id = $1 AND outcome = $2 AND bucket > now() - interval '24 hours'`,
		clientID, OutcomeIssued).Scan(&u.Issued); err != nil {
		return Usage{}, fmt.Errorf("token count of %s: %w", clientID, err)
	}
	rows, err := db.Query(ctx, `
		SELECT u.key_id, u.last_used_at FROM token_key_use u
		JOIN integration_keys k ON k.id = u.key_id
		WHERE k.client_id = $1 AND k.removed_at IS NULL`, clientID)
	if err != nil {
		return Usage{}, fmt.Errorf("key use of %s: %w", clientID, err)
	}
	var id int64
	var at time.Time
	if _, err := pgx.ForEachRow(rows, []any{&id, &at}, func() error {
		u.KeyLastUsed[id] = at
		return nil
	}); err != nil {
		return Usage{}, fmt.Errorf("key use of %s: %w", clientID, err)
	}
	return u, nil
}
