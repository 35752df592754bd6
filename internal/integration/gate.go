package integration

import (
	"context"
	"errors"
	"time"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/org"
	"github.com/digdir/selvbetjening/internal/store"
)

// Why a person may not change integrations in production: the first two
// from the FAQ of Digdir's "Selvbetjening som API-konsument", the third
// because a change there needs a login from the last few minutes.
var (
	ErrNoIDporten           = errors.New("production needs a login with ID-porten")
	ErrNotRegisteredForProd = errors.New("the person number is not registered for production")
	ErrLoginTooOld          = errors.New("a change in production needs a recent login")
)

// CheckManage says whether the actor may create, change or deactivate
// integrations in env, and if not, why. The page greys out its buttons with
// the same answer the server enforces on every request.
func CheckManage(ctx context.Context, db store.DB, actor identity.Actor, env environment.Env) error {
	if env != environment.Prod {
		return nil
	}
	if actor.PID == "" {
		return ErrNoIDporten
	}
	ok, err := org.ProductionRegistered(ctx, db, actor.OrgNo, actor.PID)
	if err != nil {
		return err
	}
	if !ok {
		return ErrNotRegisteredForProd
	}
	// Last, since logging in again is of no help for the reasons above.
	if !time.Now().Before(actor.FreshLoginUntil) {
		return ErrLoginTooOld
	}
	return nil
}
