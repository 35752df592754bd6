// Package environment names the Maskinporten environments an integration lives in.
package environment

import "errors"

// Env is TEST or PROD.
type Env string

const (
	Test Env = "TEST"
	Prod Env = "PROD"
)

// ErrUnknown is returned for anything but TEST and PROD.
var ErrUnknown = errors.New("unknown environment")

// All lists the environments in the order the menu shows them.
func All() []Env { return []Env{Test, Prod} }

// Parse accepts TEST and PROD in any case; empty means TEST, where people experiment.
func Parse(s string) (Env, error) {
	switch s {
	case "", "TEST", "test", "Test":
		return Test, nil
	case "PROD", "prod", "Prod":
		return Prod, nil
	}
	return "", ErrUnknown
}

// Other returns the other environment (for "delt med dere i TEST, ikke i PROD").
func (e Env) Other() Env {
	if e == Prod {
		return Test
	}
	return Prod
}
