package pages

import (
	"context"
	"errors"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/web/text"
)

// The helpers here put the domain values handlers pass into words; the
// pages are the one layer that translates (see package text).

// fieldMessage says what is wrong with one field of the integration form,
// "" when nothing is.
func fieldMessage(ctx context.Context, errs integration.FieldErrors, field string) string {
	e, ok := errs[field]
	if !ok {
		return ""
	}
	t := text.From(ctx)
	if msg, ok := t.Integrations.FieldError(e); ok {
		return msg
	}
	return t.Common.ErrorSummary
}

// keyErrorMessage says why a pasted key was not added, "" for no error.
func keyErrorMessage(ctx context.Context, err error) string {
	t := text.From(ctx)
	switch {
	case err == nil:
		return ""
	case errors.Is(err, integration.ErrInactive):
		return t.Integrations.InactiveMessage
	}
	if msg, ok := t.Keys.Refusal(err); ok {
		return msg
	}
	return t.Common.ServerErrorBody
}

// actionName names an audit action in the history, or shows it as stored.
func actionName(ctx context.Context, action audit.Action) string {
	if name, ok := text.From(ctx).Action(action); ok {
		return name
	}
	return string(action)
}

// noticeMessage is the sentence of a notice, "" for none.
func noticeMessage(ctx context.Context, n paths.Notice) string {
	msg, _ := text.From(ctx).Integrations.Notice(n)
	return msg
}
