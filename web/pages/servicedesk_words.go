package pages

import (
	"context"

	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/web/components"
	"github.com/digdir/selvbetjening/web/text"
)

// consoleMessage says what is wrong with one field of a console form, ""
// when nothing is.
func consoleMessage(ctx context.Context, errs servicedesk.FieldErrors, field string) string {
	c, ok := errs[field]
	if !ok {
		return ""
	}
	t := text.From(ctx)
	if msg, ok := t.Servicedesk.FieldError(c); ok {
		return msg
	}
	return t.Common.ErrorSummary
}

// consoleProblems lists a form's errors in the order of its fields (the
// form's names, which are also the fields' ids).
func consoleProblems(ctx context.Context, errs servicedesk.FieldErrors, fields ...string) []components.ErrorLink {
	var out []components.ErrorLink
	for _, f := range fields {
		if msg := consoleMessage(ctx, errs, f); msg != "" {
			out = append(out, components.ErrorLink{FieldID: f, Message: msg})
		}
	}
	return out
}

// consoleNotice is the sentence of a console notice, "" for none.
func consoleNotice(ctx context.Context, n paths.ConsoleNotice) string {
	msg, _ := text.From(ctx).Servicedesk.Notice(n)
	return msg
}

// errID is the id of a field's error message, "" when it has none.
func errID(errs servicedesk.FieldErrors, field string) string {
	if _, ok := errs[field]; ok {
		return "feil-" + field
	}
	return ""
}

func hintID(name, hint string) string {
	if hint == "" {
		return ""
	}
	return "hint-" + name
}
