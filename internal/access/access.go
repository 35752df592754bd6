// Package access is the one access policy: may this actor do this here, and
// if not, why? Every page that greys out a button asks it, and so does every
// server-side check behind that button, so the two can never disagree.
//
// A refusal is always a *Denied carrying a typed Reason; callers tell it
// apart from other errors with one errors.As (Why). A new rule adds a Reason
// here, and the catalogue's completeness test then demands its text.
package access

import (
	"errors"
	"fmt"
)

// Reason says why an actor may not do something.
type Reason string

// The reasons. The values are stable: they appear in security events and in
// the API's problem documents.
const (
	// NoIDporten: production needs a login through ID-porten with a person
	// number (FAQ of Digdir's "Selvbetjening som API-konsument").
	NoIDporten Reason = "no_idporten"
	// NotRegisteredForProd: servicedesk has not registered the person number
	// for production at this organisation (same FAQ).
	NotRegisteredForProd Reason = "not_registered"
	// LoginTooOld: a change in production needs a login from the last few
	// minutes (PROD_LOGIN_MAX_AGE).
	LoginTooOld Reason = "login_too_old"
	// NotServicedesk: only servicedesk persons may use the console.
	NotServicedesk Reason = "not_servicedesk"
	// NotPrefixOwner: only the organisation owning a scope prefix may
	// define and share scopes under it.
	NotPrefixOwner Reason = "not_prefix_owner"
	// OtherEnvironment: an API client's access token is from another
	// environment's token endpoint than the one it tries to change.
	OtherEnvironment Reason = "other_environment"
	// PrefixRetired: a retired prefix keeps its scopes, which can no longer
	// be changed (servicedesk retires prefixes; migrations/00015).
	PrefixRetired Reason = "prefix_retired"
)

// Reasons lists every reason, for the catalogue's completeness test.
func Reasons() []Reason {
	return []Reason{NoIDporten, NotRegisteredForProd, LoginTooOld, NotServicedesk, NotPrefixOwner, OtherEnvironment, PrefixRetired}
}

// FreshLoginHelps says whether logging in again lifts the refusal.
func (r Reason) FreshLoginHelps() bool { return r == LoginTooOld }

// Denied is the policy's refusal.
type Denied struct{ Reason Reason }

func (d *Denied) Error() string { return fmt.Sprintf("access denied: %s", d.Reason) }

// Is makes errors.Is(err, access.Deny(r)) true for any refusal for r.
func (d *Denied) Is(target error) bool {
	t, ok := target.(*Denied)
	return ok && t.Reason == d.Reason
}

// Deny returns the refusal for r.
func Deny(r Reason) error { return &Denied{Reason: r} }

// Why returns the reason when err is (or wraps) the policy's refusal.
func Why(err error) (Reason, bool) {
	var d *Denied
	if errors.As(err, &d) {
		return d.Reason, true
	}
	return "", false
}
