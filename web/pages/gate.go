package pages

import (
	"context"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/auth"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/web/text"
)

// GateReasonID is the id of the sentence that says why buttons are greyed out.
const GateReasonID = "hvorfor-gratt-ut"

// GateMessage says why the access policy refuses, in the user's words.
func GateMessage(ctx context.Context, err error) string {
	t := text.From(ctx)
	if err == nil {
		return ""
	}
	if r, ok := access.Why(err); ok {
		sess := auth.FromContext(ctx)
		if msg, ok := t.Access.Denied(r, sess.OrgName, int(sess.ProdLoginMaxAge().Minutes())); ok {
			return msg
		}
	}
	return t.Common.ServerErrorBody
}

// freshLoginHelps says whether logging in again lifts the refusal.
func freshLoginHelps(err error) bool {
	r, ok := access.Why(err)
	return ok && r.FreshLoginHelps()
}

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
