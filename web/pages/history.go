package pages

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/web/text"
)

// describeChange sums up an audit event in one line, in the user's words:
// the fields that changed, or the key that came or went.
func describeChange(ctx context.Context, e audit.Event) string {
	t := text.From(ctx)
	var before, after map[string]any
	_ = json.Unmarshal(e.Before, &before)
	_ = json.Unmarshal(e.After, &after)
	for _, side := range []map[string]any{after, before} {
		if kid, ok := side["kid"]; ok {
			return fmt.Sprintf("%s: %v", t.Keys.KID, kid)
		}
	}
	if before == nil || after == nil {
		return ""
	}
	var parts []string
	for _, f := range []struct{ key, label string }{
		{"name", t.Integrations.NameLabel}, {"description", t.Integrations.DescriptionLabel},
		{"scopes", t.Scopes.Heading}, {"token_lifetime", t.Integrations.LifetimeLabel},
	} {
		b, a := show(before[f.key]), show(after[f.key])
		if a != b {
			parts = append(parts, fmt.Sprintf("%s: %s → %s", f.label, b, a))
		}
	}
	return strings.Join(parts, "; ")
}

// show writes a snapshot value plainly: lists comma-separated, no JSON quotes.
func show(v any) string {
	switch v := v.(type) {
	case nil:
		return "–"
	case []any:
		items := make([]string, len(v))
		for i, item := range v {
			items[i] = fmt.Sprint(item)
		}
		if len(items) == 0 {
			return "–"
		}
		return strings.Join(items, ", ")
	case float64:
		return fmt.Sprint(int64(v))
	}
	return fmt.Sprint(v)
}
