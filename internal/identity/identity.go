// Package identity describes who is logged in and which organisation they act for.
package identity

import (
	"context"
	"time"

	"github.com/digdir/selvbetjening/internal/environment"
)

// Person is the logged-in person, as the ID token described them.
type Person struct {
	Subject string `json:"sub"`
	PID     string `json:"pid,omitempty"` // empty when the login did not go through ID-porten's identity check
	Name    string `json:"name"`
	Email   string `json:"email"`
	ACR     string `json:"acr,omitempty"`
	// AuthTime is when the person authenticated at the provider (auth_time);
	// zero when the provider did not say.
	AuthTime time.Time `json:"auth_time,omitzero"`
}

// Role is the capacity an actor acts in, as the audit log records it.
type Role string

const (
	RoleEmployee    Role = "employee"    // an employee of the organisation, in the pages
	RoleServicedesk Role = "servicedesk" // Digdir's servicedesk, in the console
	RoleAPIClient   Role = "api_client"  // a machine client of the REST API
)

// Actor is a person acting for one organisation: every change is made by one.
type Actor struct {
	Person
	OrgNo   string
	OrgName string
	// Role is what the actor acts as; empty means RoleEmployee, the role of
	// every logged-in person in the organisation's own pages.
	Role Role
	// FreshLoginUntil is when the login becomes too old for a change in
	// production (PROD_LOGIN_MAX_AGE after AuthTime). Zero: already.
	FreshLoginUntil time.Time
	// Env is, for RoleAPIClient, the environment of the access token's
	// issuer: an API client acts in that environment only.
	Env environment.Env
}

// ActingAs returns the actor's role, RoleEmployee when none was set.
func (a Actor) ActingAs() Role {
	if a.Role == "" {
		return RoleEmployee
	}
	return a.Role
}

type actorKey struct{}

// WithActor returns a context that carries the actor.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor in the context, if any.
func ActorFrom(ctx context.Context) (Actor, bool) {
	a, ok := ctx.Value(actorKey{}).(Actor)
	return a, ok
}
