package pages

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/integration"
)

func TestDescribeChange(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name   string
		change integration.Change
		want   string
	}{
		{"Created", integration.Change{}, ""},
		{"Renamed", integration.Change{Fields: []integration.FieldChange{{Field: integration.FieldName, Before: "A", After: "B"}}},
			"Navn på integrasjonen: A → B"},
		{"ScopesAndLifetime", integration.Change{Fields: []integration.FieldChange{
			{Field: integration.FieldScopes, Before: "", After: "x:a, x:b"},
			{Field: integration.FieldTokenLifetime, Before: "120", After: "60"}}},
			"Scopes: – → x:a, x:b; Levetid for tilgangstoken (sekunder): 120 → 60"},
		{"Key", integration.Change{KeyID: "k1"}, "Nøkkel-ID (kid): k1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tc.want, describeChange(ctx, tc.change))
		})
	}
}
