package integration

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/audit"
)

// TestDecodeChange: the history reads each action's own snapshot type, and
// a row that does not decode shows its action alone.
func TestDecodeChange(t *testing.T) {
	t.Parallel()
	raw := func(v any) json.RawMessage { b, _ := json.Marshal(v); return b }
	tests := []struct {
		name       string
		event      audit.Event
		wantFields []FieldChange
		wantKID    string
	}{
		{"Created", audit.Event{Action: audit.IntegrationCreate, After: raw(snapshot{Name: "A"})}, nil, ""},
		{"Renamed", audit.Event{Action: audit.IntegrationUpdate,
			Before: raw(snapshot{Name: "A", Scopes: []string{"x:a"}, TokenLifetime: 120}),
			After:  raw(snapshot{Name: "B", Scopes: []string{"x:a"}, TokenLifetime: 120})},
			[]FieldChange{{Field: FieldName, Before: "A", After: "B"}}, ""},
		{"ScopesAndLifetime", audit.Event{Action: audit.IntegrationUpdate,
			Before: raw(snapshot{Scopes: []string{}, TokenLifetime: 120}),
			After:  raw(snapshot{Scopes: []string{"x:a", "x:b"}, TokenLifetime: 60})},
			[]FieldChange{{Field: FieldScopes, Before: "", After: "x:a, x:b"},
				{Field: FieldTokenLifetime, Before: "120", After: "60"}}, ""},
		{"KeyAdded", audit.Event{Action: audit.IntegrationKeyAdd, After: raw(keyAudit{KID: "k1"})}, nil, "k1"},
		{"KeyRemoved", audit.Event{Action: audit.IntegrationKeyRemove, Before: raw(keyAudit{KID: "k1"})}, nil, "k1"},
		{"Garbage", audit.Event{Action: audit.IntegrationUpdate, Before: json.RawMessage("{"), After: json.RawMessage("null")}, nil, ""},
		{"UnknownAction", audit.Event{Action: "something.else", After: raw(keyAudit{KID: "k1"})}, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := decodeChange(tc.event)
			require.Equal(t, tc.wantFields, c.Fields)
			require.Equal(t, tc.wantKID, c.KeyID)
			require.Equal(t, tc.event.Action, c.Action)
		})
	}
}
