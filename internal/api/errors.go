package api

import (
	"context"
	"errors"
	"net/http"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/keys"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/web/text"
)

func catalogue() text.API { return text.For("nb").API }

func textFor() *text.Catalogue { return text.For("nb") }

// clientFields names the integration form's fields as Digdir's API does.
var clientFields = map[string]string{
	"service":        "integration_type",
	"name":           "client_name",
	"description":    "description",
	"scopes":         "scopes",
	"token_lifetime": "access_token_lifetime",
}

// fail turns a domain error into the problem the API answers with: the
// domain's codes with the pages' words, one entry per field. Anything else
// is our fault or the database's: logged, and never shown.
func (s *Server) fail(ctx context.Context, err error) error {
	t := catalogue()
	all := text.For("nb")
	var fields integration.FieldErrors
	var p *Problem
	switch {
	case errors.As(err, &p):
		return p
	case errors.As(err, &fields):
		var out []FieldProblem
		for field, fe := range fields {
			name, ok := clientFields[field]
			if !ok {
				name = field
			}
			detail, _ := all.Integrations.FieldError(fe)
			out = append(out, FieldProblem{Field: name, Code: fe.Code, Detail: detail})
		}
		return problem(http.StatusUnprocessableEntity, CodeInvalid, t.Invalid, sortFields(out)...)
	case errors.Is(err, store.ErrNotFound):
		return problem(http.StatusNotFound, CodeNotFound, t.NotFound)
	case errors.Is(err, integration.ErrConflict):
		return problem(http.StatusPreconditionFailed, CodeStale, t.Stale)
	case errors.Is(err, integration.ErrInactive):
		return problem(http.StatusConflict, CodeInactive, t.Inactive)
	}
	if r, ok := access.Why(err); ok {
		caller := callerFrom(ctx)
		detail, _ := all.Access.Denied(r, caller.Actor.OrgName, 0)
		return problem(http.StatusForbidden, string(r), detail)
	}
	if detail, ok := all.Keys.Refusal(err); ok {
		return problem(http.StatusUnprocessableEntity, CodeInvalid, t.Invalid,
			FieldProblem{Field: "keys", Code: keyCode(err), Detail: detail})
	}
	if store.Unavailable(err) {
		return problem(http.StatusServiceUnavailable, CodeUnavailable, t.Unavailable).withHeader("Retry-After", "5")
	}
	s.log.ErrorContext(ctx, "api: unexpected error", "error", err)
	return problem(http.StatusInternalServerError, CodeServerError, t.ServerError)
}

// keyCodes are stable codes for the refusals of a key.
var keyCodes = []struct {
	err  error
	code string
}{
	{keys.ErrPrivateKey, "private_key"}, {keys.ErrExpired, "expired"}, {keys.ErrNotYetValid, "not_yet_valid"},
	{keys.ErrWeakKey, "weak_key"}, {keys.ErrUnsupported, "unsupported_key"}, {keys.ErrMalformed, "malformed_key"},
	{keys.ErrTooLarge, "key_too_large"}, {keys.ErrMultipleKeys, "multiple_keys"},
	{integration.ErrDuplicateKey, "duplicate_kid"}, {integration.ErrTooManyKeys, "too_many_keys"},
}

func keyCode(err error) string {
	for _, k := range keyCodes {
		if errors.Is(err, k.err) {
			return k.code
		}
	}
	return CodeInvalid
}
