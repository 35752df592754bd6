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

// renamed moves a domain field's error to the name the form uses, for a
// page with two forms whose fields would otherwise share an id.
func renamed(errs servicedesk.FieldErrors, from, to string) servicedesk.FieldErrors {
	c, ok := errs[from]
	if !ok {
		return errs
	}
	out := servicedesk.FieldErrors{to: c}
	for k, v := range errs {
		if k != from {
			out[k] = v
		}
	}
	return out
}

// searchEcho is the search as typed, to show in its field again, unless
// it holds digits enough to be a person number: those are shown nowhere
// but in the confirmation of a registration.
func searchEcho(q string) string {
	digits := 0
	for _, r := range q {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	if digits >= 6 {
		return ""
	}
	return q
}
