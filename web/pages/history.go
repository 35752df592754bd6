package pages

import (
	"context"
	"fmt"
	"strings"

	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/web/text"
)

// describeChange sums up a change in one line, in the user's words: the
// fields that changed, or the key that came or went. The domain decoded it;
// this only puts it into words.
func describeChange(ctx context.Context, c integration.Change) string {
	t := text.From(ctx)
	if c.KeyID != "" {
		return fmt.Sprintf("%s: %s", t.Keys.KID, c.KeyID)
	}
	parts := make([]string, 0, len(c.Fields))
	for _, f := range c.Fields {
		label, ok := t.Integrations.FieldLabel(f.Field, t.Scopes.Heading)
		if !ok {
			label = string(f.Field)
		}
		parts = append(parts, fmt.Sprintf("%s: %s → %s", label, orDash(f.Before), orDash(f.After)))
	}
	return strings.Join(parts, "; ")
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
