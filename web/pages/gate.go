package pages

import (
	"context"
	"errors"
	"fmt"

	"github.com/digdir/selvbetjening/internal/auth"
	"github.com/digdir/selvbetjening/internal/integration"
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
		return t.GateNoIDporten
	case errors.Is(err, integration.ErrNotRegisteredForProd):
		return fmt.Sprintf(t.GateNotRegistered, auth.FromContext(ctx).OrgName)
	}
	return t.ServerErrorBody
}
