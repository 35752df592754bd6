// Package identity describes who is logged in and which organisation they act for.
package identity

import "context"

// Person is the logged-in person, as the ID token described them.
type Person struct {
	Subject string `json:"sub"`
	PID     string `json:"pid,omitempty"` // empty when the login did not go through ID-porten's identity check
	Name    string `json:"name"`
	Email   string `json:"email"`
	ACR     string `json:"acr,omitempty"`
}

// Actor is a person acting for one organisation: every change is made by one.
type Actor struct {
	Person
	OrgNo   string
	OrgName string
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
