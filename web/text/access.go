package text

import (
	"fmt"

	"github.com/digdir/selvbetjening/internal/access"
)

// Access holds why the access policy refuses something (greyed-out buttons
// and the 403 behind them), one text per access.Reason, and what to do.
type Access struct {
	Help, LoginAgain, Forbidden    string
	NoIDporten                     string
	NotRegistered                  func(orgName string) string
	LoginTooOld                    func(minutes int) string
	NotServicedesk, NotPrefixOwner string
	OtherEnvironment               string
	PrefixRetired                  string
}

// Denied says in the user's words why r refuses; false for a reason the
// catalogue has no text for (the completeness test prevents that).
func (a Access) Denied(r access.Reason, orgName string, loginMaxAgeMinutes int) (string, bool) {
	switch r {
	case access.NoIDporten:
		return a.NoIDporten, true
	case access.NotRegisteredForProd:
		return a.NotRegistered(orgName), true
	case access.LoginTooOld:
		return a.LoginTooOld(loginMaxAgeMinutes), true
	case access.NotServicedesk:
		return a.NotServicedesk, true
	case access.NotPrefixOwner:
		return a.NotPrefixOwner, true
	case access.OtherEnvironment:
		return a.OtherEnvironment, true
	case access.PrefixRetired:
		return a.PrefixRetired, true
	}
	return "", false
}

var bokmalAccess = Access{
	Help:       "Digdir må ha lagt inn personnummeret ditt på forhånd. Er knappene fortsatt grået ut etter innlogging med ID-porten, kontakt servicedesk@digdir.no.",
	LoginAgain: "Logg inn på nytt",
	Forbidden:  "Du har ikke tilgang til dette.",
	NoIDporten: "Knappene for endringer er grået ut: for å administrere i produksjonsmiljøet må du logge inn med ID-porten.",
	NotRegistered: func(orgName string) string {
		return fmt.Sprintf("Knappene for endringer er grået ut: personnummeret ditt er ikke registrert for produksjon hos %s.", orgName)
	},
	LoginTooOld: func(minutes int) string {
		return fmt.Sprintf("Knappene for endringer er grået ut: for å gjøre endringer i produksjonsmiljøet må du ha logget inn med ID-porten i løpet av de siste %d minuttene. Logg inn på nytt, så kan du fortsette.", minutes)
	},
	NotServicedesk:   "Denne siden er bare for Digdirs servicedesk.",
	OtherEnvironment: "Access tokenet er fra et annet miljø. Bruk et token fra token-endepunktet i miljøet du vil endre.",
	PrefixRetired:    "Knappene for endringer er grået ut: prefikset til dette scopet er pensjonert. Scopet beholdes og kan fortsatt deles, men det kan ikke endres lenger.",
	NotPrefixOwner:   "Bare virksomheten som eier prefikset, kan definere og dele scopes under det. Et prefiks tildeles av servicedesk@digdir.no.",
}
