package text

import (
	"fmt"
	"strings"
)

// API holds the REST API's problem details (RFC 9457 "detail") and the
// texts of the portal's page "API for selvbetjening".
type API struct {
	// Problems.
	TokenMissing, TokenInvalid, TokenExpired, TokenUnknownIssuer, ClientInactive string
	InsufficientScope                                                            func(scopes []string) string
	NotFound, Inactive, Stale, PreconditionMissing, TypeImmutable, Invalid       string
	IdempotencyMismatch, IdempotencyInProgress, BodyTooLarge, BadCursor          string
	RateLimited                                                                  func(seconds int) string
	ServerError, Unavailable                                                     string
	KeysEmpty, KeysNotRSA, KeysNoUse                                             string
	TooManyKeys                                                                  func(max int) string
}

var bokmalAPI = API{
	TokenMissing:       "Kallet mangler et access token (Authorization: Bearer …).",
	TokenInvalid:       "Access tokenet er ikke gyldig: signaturen, formatet eller innholdet stemmer ikke.",
	TokenExpired:       "Access tokenet er utløpt. Hent et nytt fra token-endepunktet.",
	TokenUnknownIssuer: "Access tokenet er ikke utstedt av portalens token-endepunkt for TEST eller PROD.",
	ClientInactive:     "Integrasjonen som tokenet er utstedt til, er deaktivert eller finnes ikke lenger.",
	InsufficientScope: func(scopes []string) string {
		return "Access tokenet mangler scope for dette kallet. Det trenger ett av: " + strings.Join(scopes, ", ") + "."
	},
	NotFound:              "Fant ikke dette hos virksomheten din i miljøet tokenet gjelder for.",
	Inactive:              "Den er deaktivert og kan ikke endres.",
	Stale:                 "Den er endret siden du hentet den (If-Match stemmer ikke med ETag). Hent den på nytt og prøv igjen.",
	PreconditionMissing:   "If-Match må være en ETag slik GET returnerte den.",
	TypeImmutable:         "integration_type kan ikke endres etter at integrasjonen er opprettet.",
	Invalid:               "Forespørselen har ugyldige felt.",
	IdempotencyMismatch:   "Idempotency-Key er brukt før med en annen forespørsel. Bruk en ny nøkkel for en ny forespørsel.",
	IdempotencyInProgress: "En forespørsel med samme Idempotency-Key behandles fortsatt. Prøv igjen om litt.",
	BodyTooLarge:          "Forespørselen er for stor.",
	BadCursor:             "Sidemarkøren (after) er ikke en som API-et har laget. Følg Link-headeren.",
	RateLimited: func(seconds int) string {
		return fmt.Sprintf("For mange kall fra denne integrasjonen. Prøv igjen om %d sekunder.", seconds)
	},
	ServerError: "Noe gikk galt hos oss. Feilen er logget.",
	Unavailable: "Tjenesten er midlertidig utilgjengelig. Prøv igjen om litt.",
	KeysEmpty:   "Et JWKS må ha minst én nøkkel. Bruk DELETE for å fjerne alle nøklene.",
	KeysNotRSA:  "Hver nøkkel må ha kty, kid, alg og use.",
	KeysNoUse:   "use må være «sig».",
	TooManyKeys: func(max int) string {
		return fmt.Sprintf("Et JWKS kan ha høyst %d nøkler.", max)
	},
}
