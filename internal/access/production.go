package access

import (
	"context"
	"time"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/org"
	"github.com/digdir/selvbetjening/internal/store"
)

// ChangeIn says whether the actor may change what their organisation has in
// env (integrations, keys, scopes, grants), and if not, why. TEST is open to
// every employee; PROD is the production gate of the guide's FAQ.
func ChangeIn(ctx context.Context, db store.DB, actor identity.Actor, env environment.Env) error {
	if env != environment.Prod {
		return nil
	}
	if actor.PID == "" {
		return Deny(NoIDporten)
	}
	ok, err := org.ProductionRegistered(ctx, db, actor.OrgNo, actor.PID)
	if err != nil {
		return err
	}
	if !ok {
		return Deny(NotRegisteredForProd)
	}
	// Last, since logging in again is of no help for the reasons above.
	if !time.Now().Before(actor.FreshLoginUntil) {
		return Deny(LoginTooOld)
	}
	return nil
}
