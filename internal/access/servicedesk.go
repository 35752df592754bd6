package access

import (
	"context"
	"fmt"

	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/store"
)

// Servicedesk says whether the person may use the servicedesk console: a
// login through ID-porten whose person number servicedesk has been granted.
// Asked at every request, so a revoked person is out at their next click.
func Servicedesk(ctx context.Context, db store.DB, person identity.Person) error {
	if person.PID == "" {
		return Deny(NotServicedesk)
	}
	var ok bool
	if err := db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM servicedesk_staff WHERE pid = $1)`, person.PID).
		Scan(&ok); err != nil {
		return fmt.Errorf("servicedesk role: %w", err)
	}
	if !ok {
		return Deny(NotServicedesk)
	}
	return nil
}
