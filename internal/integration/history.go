package integration

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/store"
)

// Field names a part of an integration a change may touch.
type Field string

const (
	FieldName          Field = "name"
	FieldDescription   Field = "description"
	FieldScopes        Field = "scopes"
	FieldTokenLifetime Field = "token_lifetime"
)

// Fields lists every field a Change may name, in the order pages show them.
func Fields() []Field { return []Field{FieldName, FieldDescription, FieldScopes, FieldTokenLifetime} }

// FieldChange is one field's value before and after, written plainly (a
// list comma-separated); empty for no value.
type FieldChange struct {
	Field         Field
	Before, After string
}

// Change is one row of an integration's history, decoded from the audit
// log's snapshots: what the pages show, with nothing left to guess.
type Change struct {
	At        time.Time
	ActorName string
	ActorRole identity.Role
	Action    audit.Action
	Fields    []FieldChange // what an update changed
	KeyID     string        // the kid a key event concerns
}

// History returns the integration's changes within orgNo, newest first.
func History(ctx context.Context, db store.DB, orgNo string, clientID uuid.UUID, limit int) ([]Change, error) {
	events, err := audit.History(ctx, db, orgNo, auditEntity, clientID.String(), limit)
	if err != nil {
		return nil, err
	}
	changes := make([]Change, len(events))
	for i, e := range events {
		changes[i] = decodeChange(e)
	}
	return changes, nil
}

// auditEntity is the audit log's entity type for an integration.
const auditEntity = "integration"

// decodeChange reads an audit event of this package. The action says which
// snapshot type was written; a row that does not decode shows its action
// alone rather than failing the page.
func decodeChange(e audit.Event) Change {
	c := Change{At: e.At, ActorName: e.ActorName, ActorRole: e.ActorRole, Action: e.Action}
	switch e.Action {
	case audit.IntegrationKeyAdd, audit.IntegrationKeyRemove, audit.IntegrationKeyRenew:
		var k keyAudit
		raw := e.After
		if e.Action == audit.IntegrationKeyRemove {
			raw = e.Before
		}
		if json.Unmarshal(raw, &k) == nil {
			c.KeyID = k.KID
		}
	case audit.IntegrationUpdate:
		var before, after snapshot
		if json.Unmarshal(e.Before, &before) != nil || json.Unmarshal(e.After, &after) != nil {
			return c
		}
		c.Fields = changedFields(before, after)
	}
	return c
}

func changedFields(before, after snapshot) []FieldChange {
	var out []FieldChange
	add := func(f Field, b, a string) {
		if a != b {
			out = append(out, FieldChange{Field: f, Before: b, After: a})
		}
	}
	add(FieldName, before.Name, after.Name)
	add(FieldDescription, before.Description, after.Description)
	add(FieldScopes, strings.Join(before.Scopes, ", "), strings.Join(after.Scopes, ", "))
	add(FieldTokenLifetime, strconv.Itoa(before.TokenLifetime), strconv.Itoa(after.TokenLifetime))
	return out
}

// recordEntry is the audit row of a change to the integration clientID.
func recordEntry(action audit.Action, clientID uuid.UUID, before, after any) audit.Entry {
	return audit.Entry{Action: action, EntityType: auditEntity, EntityID: clientID.String(), Before: before, After: after}
}
