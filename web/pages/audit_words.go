package pages

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/web/text"
)

// changedField is one field of a change's snapshots: its value before and
// after, in words, and whether it changed.
type changedField struct {
	Label, Before, After string
	Changed              bool
}

// snapshotFields lays a change's before and after side by side, field by
// field, in the order of the labels the catalogue knows, then the others.
func snapshotFields(ctx context.Context, r audit.Row) []changedField {
	t := text.From(ctx)
	before, after := decodeSnapshot(r.Before), decodeSnapshot(r.After)
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	order := slices.Sorted(maps.Keys(keys))
	slices.SortStableFunc(order, func(a, b string) int { return t.Audit.FieldOrder(a) - t.Audit.FieldOrder(b) })
	out := make([]changedField, 0, len(order))
	for _, k := range order {
		b, a := valueWords(t, before, k), valueWords(t, after, k)
		out = append(out, changedField{Label: t.Audit.FieldLabel(k), Before: b, After: a, Changed: b != a})
	}
	return out
}

func decodeSnapshot(raw json.RawMessage) map[string]any {
	var m map[string]any
	if len(raw) == 0 || json.Unmarshal(raw, &m) != nil {
		return nil
	}
	return m
}

// valueWords is one value of a snapshot in words; "" when absent.
func valueWords(t *text.Catalogue, m map[string]any, k string) string {
	v, ok := m[k]
	if !ok || v == nil {
		return ""
	}
	switch x := v.(type) {
	case bool:
		if x {
			return t.Audit.Yes
		}
		return t.Audit.No
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			parts = append(parts, fmt.Sprint(e))
		}
		return strings.Join(parts, ", ")
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// roleName names the role an actor acted in.
func roleName(ctx context.Context, r identity.Role) string {
	if name, ok := text.From(ctx).Role(r); ok {
		return name
	}
	return string(r)
}

// AuditCSVHeader is the export's first line.
func AuditCSVHeader(t *text.Catalogue) []string {
	a := t.Audit
	return []string{a.ColID, a.ColWhen, a.ColWho, a.ColRole, t.Servicedesk.ColOrgNo, t.Servicedesk.ColOrganisation,
		a.ColEnv, a.ColWhat, a.ColEntityType, a.ColEntity, a.ColBefore, a.ColAfter}
}

// AuditCSVRecord appends one row of the export to record. A cell that a
// spreadsheet would take for a formula starts with an apostrophe.
func AuditCSVRecord(t *text.Catalogue, r audit.Row, record []string) []string {
	action, ok := t.Action(r.Action)
	if !ok {
		action = string(r.Action)
	}
	role, ok := t.Role(r.ActorRole)
	if !ok {
		role = string(r.ActorRole)
	}
	return append(record, strconv.FormatInt(r.ID, 10), r.At.In(oslo).Format("2006-01-02 15:04:05"),
		cell(r.ActorName), role, r.OrgNo, cell(r.OrgName), r.Env, action, r.EntityType, cell(r.EntityID),
		cell(string(r.Before)), cell(string(r.After)))
}

func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// AuditCSV writes the export in the request's language, so the handler that
// streams it needs no catalogue of its own.
type AuditCSV struct{ t *text.Catalogue }

// NewAuditCSV takes the language of the request's context.
func NewAuditCSV(ctx context.Context) AuditCSV { return AuditCSV{t: text.From(ctx)} }

// Header is the export's first line.
func (c AuditCSV) Header() []string { return AuditCSVHeader(c.t) }

// Record appends one row of the export to record.
func (c AuditCSV) Record(r audit.Row, record []string) []string {
	return AuditCSVRecord(c.t, r, record)
}
