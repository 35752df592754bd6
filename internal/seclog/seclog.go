// Package seclog writes security events: one structured log line each, its
// stable name in "event", the person by their pseudonymous sub and the
// organisation by its number. Never an e-mail address, a person number or a
// request body: those are personal data or the attacker's own words.
package seclog

import (
	"context"
	"log/slog"
)

// The event names. They are an interface for whoever watches the logs (the
// README lists them), so they do not change once released.
const (
	LoginSucceeded      = "login.succeeded"       // sub, org (when chosen), org_count, acr, has_pid, fresh
	LoginFailed         = "login.failed"          // reason
	Logout              = "logout"                // sub, org
	OrgChosen           = "org.chosen"            // sub, org, automatic
	OrgRefused          = "org.refused"           // sub: asked for an organisation the domain does not lead to
	OrgUnlinked         = "org.unlinked"          // sub, org: the domain no longer leads there, the choice ended
	GateRefused         = "gate.refused"          // sub, org, env, reason
	CSRFRefused         = "csrf.refused"          // sub, org, reason
	IntegrationNotFound = "integration.not_found" // sub, org, client_id: none of the organisation's
	ScopeNotFound       = "scope.not_found"       // sub, org, scope_id: not under the organisation's prefixes
)

// Log writes one event at info level, with the request id when there is one.
func Log(ctx context.Context, log *slog.Logger, event string, attrs ...slog.Attr) {
	head := []slog.Attr{slog.String("event", event)}
	if id := RequestID(ctx); id != "" {
		head = append(head, slog.String("request_id", id))
	}
	log.LogAttrs(ctx, slog.LevelInfo, event, append(head, attrs...)...)
}

type requestIDKey struct{}

// WithRequestID tags the context with the request's id, so every log line
// of the request, events included, can be found together.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request's id, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
