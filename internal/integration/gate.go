package integration

import (
	"context"
	"errors"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/org"
	"github.com/digdir/selvbetjening/internal/store"
)

// Why a person may not change integrations in production (the seed's FAQ).
var (
	ErrNoIDporten           = errors.New("production needs a login with ID-porten")
	ErrNotRegisteredForProd = errors.New("the person number is not registered for production")
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
	return nil
}
