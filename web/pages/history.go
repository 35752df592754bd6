package pages

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/digdir/selvbetjening/internal/audit"
)

// describeChange sums up an audit event's before and after in one line:
// the fields that changed, or the key that came or went.
func describeChange(e audit.Event) string {
	var before, after map[string]any
	_ = json.Unmarshal(e.Before, &before)
	_ = json.Unmarshal(e.After, &after)
	if kid, ok := after["kid"]; ok {
		return fmt.Sprintf("kid %v", kid)
	}
	if kid, ok := before["kid"]; ok {
		return fmt.Sprintf("kid %v", kid)
	}
	if before == nil || after == nil {
		return ""
	}
	var parts []string
	for _, field := range []string{"name", "description", "scopes", "token_lifetime"} {
		b, _ := json.Marshal(before[field])
		a, _ := json.Marshal(after[field])
		if string(a) != string(b) {
			parts = append(parts, fmt.Sprintf("%s: %s → %s", field, b, a))
		}
	}
	return strings.Join(parts, "; ")
}
