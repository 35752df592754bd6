package pages

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/audit"
)

func TestDescribeChange(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	raw := func(v any) json.RawMessage { b, _ := json.Marshal(v); return b }
	tests := []struct {
		name  string
		event audit.Event
		want  string
	}{
		{"Created", audit.Event{After: raw(map[string]any{"name": "A"})}, ""},
		{"Renamed", audit.Event{Before: raw(map[string]any{"name": "A", "scopes": []string{"x:a"}, "token_lifetime": 120}),
			After: raw(map[string]any{"name": "B", "scopes": []string{"x:a"}, "token_lifetime": 120})},
			"Navn på integrasjonen: A → B"},
		{"ScopesAndLifetime", audit.Event{Before: raw(map[string]any{"scopes": []string{}, "token_lifetime": 120}),
			After: raw(map[string]any{"scopes": []string{"x:a", "x:b"}, "token_lifetime": 60})},
			"Scopes: – → x:a, x:b; Levetid for tilgangstoken (sekunder): 120 → 60"},
		{"KeyAdded", audit.Event{After: raw(map[string]any{"kid": "k1"})}, "Nøkkel-ID (kid): k1"},
		{"KeyRemoved", audit.Event{Before: raw(map[string]any{"kid": "k1"})}, "Nøkkel-ID (kid): k1"},
		{"Garbage", audit.Event{Before: json.RawMessage("{"), After: json.RawMessage("null")}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tc.want, describeChange(ctx, tc.event))
		})
	}
}
