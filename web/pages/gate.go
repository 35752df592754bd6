package pages

import (
	"context"
	"errors"

	"github.com/digdir/selvbetjening/internal/auth"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/web/text"
)

// GateReasonID is the id of the sentence that says why buttons are greyed out.
const GateReasonID = "hvorfor-gratt-ut"

// GateMessage says why the production gate is closed, in the user's words.
func GateMessage(ctx context.Context, err error) string {
	t := text.From(ctx)
	switch {
	case err == nil:
		return ""
	case errors.Is(err, integration.ErrNoIDporten):
		return t.Integrations.GateNoIDporten
	case errors.Is(err, integration.ErrNotRegisteredForProd):
		return t.Integrations.GateNotRegistered(auth.FromContext(ctx).OrgName)
	case errors.Is(err, integration.ErrLoginTooOld):
		return t.Integrations.GateLoginTooOld(int(auth.FromContext(ctx).ProdLoginMaxAge().Minutes()))
	}
	return t.Common.ServerErrorBody
}

// freshLoginHelps says whether logging in again opens the gate.
func freshLoginHelps(err error) bool { return errors.Is(err, integration.ErrLoginTooOld) }

type returnPathKey struct{}

// WithReturnPath tells the page where a new login should come back to.
func WithReturnPath(ctx context.Context, path string) context.Context {
	return context.WithValue(ctx, returnPathKey{}, path)
}

// freshLoginURL starts a new login (max_age=0) that comes back to this page.
func freshLoginURL(ctx context.Context) string {
	back, _ := ctx.Value(returnPathKey{}).(string)
	return paths.FreshLogin(auth.SafeNext(back))
}
