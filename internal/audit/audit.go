// Package audit writes the append-only audit log. Record takes the caller's
// transaction, so a change and its audit row commit or roll back together.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/store"
)

// Entry is one change: who did what to which thing, with its state before and after.
type Entry struct {
	Action     string // e.g. integration.create
	EntityType string // e.g. integration
	EntityID   string
	Before     any // nil when the thing is new
	After      any // nil when the thing is gone
}

// Record writes e inside tx.
func Record(ctx context.Context, tx pgx.Tx, actor identity.Actor, e Entry) error {
	before, err := jsonOrNil(e.Before)
	if err != nil {
		return fmt.Errorf("audit %s: encode before: %w", e.Action, err)
	}
	after, err := jsonOrNil(e.After)
	if err != nil {
		return fmt.Errorf("audit %s: encode after: %w", e.Action, err)
	}
	_, err = tx.Exec(ctx, `
		INSERT INTO audit_log (actor_name, actor_email, actor_pid, org_no, action, entity_type, entity_id, before, after)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		actor.Name, actor.Email, actor.PID, actor.OrgNo, e.Action, e.EntityType, e.EntityID, before, after)
	if err != nil {
		return fmt.Errorf("audit %s %s: %w", e.Action, e.EntityID, err)
	}
	return nil
}

func jsonOrNil(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v)
}

// Event is one row of an entity's history as the pages show it.
type Event struct {
	At        time.Time
	ActorName string
	OrgNo     string
	Action    string
	Before    json.RawMessage
	After     json.RawMessage
}

// History returns an entity's events, newest first, at most limit of them.
func History(ctx context.Context, db store.DB, entityType, entityID string, limit int) ([]Event, error) {
	rows, err := db.Query(ctx, `
		SELECT at, actor_name, org_no, action, before, after
		FROM audit_log
		WHERE entity_type = $1 AND entity_id = $2
		ORDER BY id DESC
		LIMIT $3`, entityType, entityID, limit)
	if err != nil {
		return nil, fmt.Errorf("audit history %s %s: %w", entityType, entityID, err)
	}
	events, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Event, error) {
		var e Event
		err := r.Scan(&e.At, &e.ActorName, &e.OrgNo, &e.Action, &e.Before, &e.After)
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("audit history %s %s: %w", entityType, entityID, err)
	}
	return events, nil
}
