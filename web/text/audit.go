package text

import (
	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/identity"
)

// Action names an audit action, whatever its area; false for one the
// catalogue does not know (the completeness test prevents that).
func (c *Catalogue) Action(a audit.Action) (string, bool) {
	if name, ok := c.Integrations.action(a); ok {
		return name, true
	}
	if name, ok := c.Providers.action(a); ok {
		return name, true
	}
	if name, ok := c.Merchant.action(a); ok {
		return name, true
	}
	if name, ok := c.Servicedesk.action(a); ok {
		return name, true
	}
	if name, ok := c.Incidents.action(a); ok {
		return name, true
	}
	return "", false
}

// Role names the capacity an actor acted in.
func (c *Catalogue) Role(r identity.Role) (string, bool) {
	switch r {
	case identity.RoleEmployee:
		return c.Common.RoleEmployee, true
	case identity.RoleServicedesk:
		return c.Common.RoleServicedesk, true
	case identity.RoleAPIClient:
		return c.Common.RoleAPIClient, true
	}
	return "", false
}
