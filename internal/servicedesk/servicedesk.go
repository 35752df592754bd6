// Package servicedesk is what Digdir's servicedesk keeps for everyone else:
// who is servicedesk, the organisations, the e-mail domains that decide
// which organisation a person acts for, the person numbers registered for
// production, the scope prefixes of API providers, and the sessions of
// those logged in. The FAQ of Digdir's "Selvbetjening som API-konsument"
// sends people to servicedesk@digdir.no for each of these; this package is
// where servicedesk's answers are written, each change with its audit row in
// the same transaction.
//
// Every change here takes the servicedesk actor (Actor) and asks
// access.Servicedesk again inside its own transaction (inConsole): the
// console's middleware asks it for the page, but a person revoked between
// that and the change must not get the change through, nor may any other
// caller of these functions.
package servicedesk

import (
	"context"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/store"
)

// Actor is a servicedesk person acting in the console: for no organisation
// of their own, so each audit row names the organisation it concerns.
func Actor(p identity.Person) identity.Actor {
	return identity.Actor{Person: p, Role: identity.RoleServicedesk}
}

// Code names what is wrong with a field of a console form; the text
// catalogue puts each into words.
type Code string

const (
	CodeOrgNoFormat      Code = "orgno_format"      // not 9 digits
	CodeOrgNoCheckDigit  Code = "orgno_check_digit" // the mod-11 check digit is wrong
	CodeOrgNoTaken       Code = "orgno_taken"       // an organisation with that number exists
	CodeOrgUnknown       Code = "org_unknown"       // no organisation has that number
	CodeNameMissing      Code = "name_missing"
	CodeNameTooLong      Code = "name_too_long"
	CodeNameCharacter    Code = "name_character" // a control or invisible format character
	CodeDomainInvalid    Code = "domain_invalid"
	CodeDomainPublic     Code = "domain_public"   // a public suffix: anyone may register names under it
	CodeDomainFreemail   Code = "domain_freemail" // anyone may get an address there
	CodePIDFormat        Code = "pid_format"      // not 11 digits
	CodePIDDate          Code = "pid_date"        // no birth date
	CodePIDCheckDigit    Code = "pid_check_digit"
	CodePIDSynthetic     Code = "pid_synthetic" // a test number, in a deployment that is not for testing
	CodePrefixInvalid    Code = "prefix_invalid"
	CodePrefixTaken      Code = "prefix_taken"
	CodeStaffAlready     Code = "staff_already" // already servicedesk
	CodeSearchTooShort   Code = "search_too_short"
	CodeVersionConflict  Code = "version_conflict"  // changed by someone else since the form was loaded
	CodePrefixRetired    Code = "prefix_retired"    // a retired prefix is neither moved nor retired again
	CodeLastServicedesk  Code = "last_servicedesk"  // the last servicedesk person cannot be revoked
	CodeSamePrefixOwner  Code = "prefix_same_owner" // moving a prefix to the organisation that has it
	CodePersonIdentifier Code = "person_identifier" // neither a person number nor an e-mail address
	CodeDateInvalid      Code = "date_invalid"      // a filter's date that is no date
	CodeDateOrder        Code = "date_order"        // "til" before "fra"
)

// Codes lists every code, for the text catalogue's completeness test.
func Codes() []Code {
	return []Code{CodeOrgNoFormat, CodeOrgNoCheckDigit, CodeOrgNoTaken, CodeOrgUnknown, CodeNameMissing,
		CodeNameTooLong, CodeNameCharacter, CodeDomainInvalid, CodePIDFormat, CodePIDDate,
		CodePIDCheckDigit, CodePIDSynthetic, CodePrefixInvalid, CodePrefixTaken, CodeStaffAlready,
		CodeSearchTooShort, CodeVersionConflict, CodePrefixRetired, CodeLastServicedesk, CodeSamePrefixOwner,
		CodePersonIdentifier, CodeDateInvalid, CodeDateOrder, CodeDomainPublic, CodeDomainFreemail}
}

// FieldErrors maps a form's field (by the form's own name) to what is wrong
// with it. A refusal that concerns the form as a whole uses the field "".
type FieldErrors map[string]Code

func (f FieldErrors) Error() string {
	parts := make([]string, 0, len(f))
	for k, v := range f {
		parts = append(parts, k+": "+string(v))
	}
	slices.Sort(parts)
	return "servicedesk: " + strings.Join(parts, ", ")
}

// inConsole runs a servicedesk change in one transaction, after asking
// there that the actor is servicedesk still; a refusal is access.Denied
// (access.NotServicedesk), which the pages answer with 403.
func inConsole(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, change func(tx pgx.Tx) error) error {
	return store.InTx(ctx, pool, func(tx pgx.Tx) error {
		if err := access.Servicedesk(ctx, tx, actor.Person); err != nil {
			return err
		}
		return change(tx)
	})
}

// refuse is a FieldErrors with one problem.
func refuse(field string, c Code) FieldErrors { return FieldErrors{field: c} }
