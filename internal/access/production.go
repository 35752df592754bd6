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
	if actor.ActingAs() == identity.RoleAPIClient {
		return apiClientIn(actor, env)
	}
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

// apiClientIn is the production gate for a machine client of the REST API.
// It has no person number to check: the gate for it is that a PROD access
// token comes only from an integration in PROD, whose keys only someone who
// passed the person-number gate in the pages (or an earlier PROD client)
// could register. So a token's environment is where its client may change
// things, and nowhere else.
func apiClientIn(actor identity.Actor, env environment.Env) error {
	if actor.Env != env {
		return Deny(OtherEnvironment)
	}
	return nil
}
