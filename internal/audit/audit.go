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
	Action     Action
	EntityType string // e.g. integration
	EntityID   string
	// OrgNo is the organisation the change concerns; the actor's own when
	// empty. Servicedesk acts on other organisations' things.
	OrgNo  string
	Before any // nil when the thing is new
	After  any // nil when the thing is gone
}

// Record writes e inside tx, with the role the actor acted in.
func Record(ctx context.Context, tx pgx.Tx, actor identity.Actor, e Entry) error {
	before, err := jsonOrNil(e.Before)
	if err != nil {
		return fmt.Errorf("audit %s: encode before: %w", e.Action, err)
	}
	after, err := jsonOrNil(e.After)
	if err != nil {
		return fmt.Errorf("audit %s: encode after: %w", e.Action, err)
	}
	orgNo := e.OrgNo
	if orgNo == "" {
		orgNo = actor.OrgNo
	}
	_, err = tx.Exec(ctx, `
		INSERT INTO audit_log (actor_name, actor_email, actor_pid, actor_role, org_no, action, entity_type, entity_id, before, after)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		actor.Name, actor.Email, actor.PID, string(actor.ActingAs()), orgNo, string(e.Action),
		e.EntityType, e.EntityID, before, after)
	if err != nil {
		return fmt.Errorf("audit %s %s: %w", e.Action, e.EntityID, err)
	}
	return nil
}

// RecordAll writes entries inside tx in one statement, for a change that
// touches many things at once (one grant answering every open request), so
// the log gets a row per thing without a query per row.
func RecordAll(ctx context.Context, tx pgx.Tx, actor identity.Actor, entries []Entry) error {
	if len(entries) == 0 {
		return nil
	}
	n := len(entries)
	orgNos, actions, types, ids := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	befores, afters := make([]*string, n), make([]*string, n)
	for i, e := range entries {
		before, err := jsonOrNil(e.Before)
		if err != nil {
			return fmt.Errorf("audit %s: encode before: %w", e.Action, err)
		}
		after, err := jsonOrNil(e.After)
		if err != nil {
			return fmt.Errorf("audit %s: encode after: %w", e.Action, err)
		}
		orgNos[i], actions[i], types[i], ids[i] = e.OrgNo, string(e.Action), e.EntityType, e.EntityID
		if orgNos[i] == "" {
			orgNos[i] = actor.OrgNo
		}
		befores[i], afters[i] = textOrNil(before), textOrNil(after)
	}
	_, err := tx.Exec(ctx, `
		INSERT INTO audit_log (actor_name, actor_email, actor_pid, actor_role, org_no, action, entity_type, entity_id, before, after)
		SELECT $1, $2, $3, $4, e.org_no, e.action, e.entity_type, e.entity_id, e.before::jsonb, e.after::jsonb
		FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
		     AS e(org_no, action, entity_type, entity_id, before, after)`,
		actor.Name, actor.Email, actor.PID, string(actor.ActingAs()), orgNos, actions, types, ids, befores, afters)
	if err != nil {
		return fmt.Errorf("audit %d entries from %s: %w", n, entries[0].Action, err)
	}
	return nil
}

func textOrNil(b []byte) *string {
	if b == nil {
		return nil
	}
	s := string(b)
	return &s
}

func jsonOrNil(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v)
}

// Event is one row of an entity's history, its snapshots still encoded: the
// domain package that wrote them decodes them into a typed change.
type Event struct {
	At        time.Time
	ActorName string
	ActorRole identity.Role
	OrgNo     string
	Action    Action
	Before    json.RawMessage
	After     json.RawMessage
}

// History returns an entity's events within the organisation orgNo, newest
// first, at most limit of them. The organisation is part of the question so
// that no caller can read another organisation's history by its id.
func History(ctx context.Context, db store.DB, orgNo, entityType, entityID string, limit int) ([]Event, error) {
	rows, err := db.Query(ctx, `
		SELECT at, actor_name, actor_role, org_no, action, before, after
		FROM audit_log
		WHERE entity_type = $1 AND entity_id = $2 AND org_no = $3
		ORDER BY id DESC
		LIMIT $4`, entityType, entityID, orgNo, limit)
	if err != nil {
		return nil, fmt.Errorf("audit history %s %s: %w", entityType, entityID, err)
	}
	events, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Event, error) {
		var e Event
		err := r.Scan(&e.At, &e.ActorName, &e.ActorRole, &e.OrgNo, &e.Action, &e.Before, &e.After)
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("audit history %s %s: %w", entityType, entityID, err)
	}
	return events, nil
}
