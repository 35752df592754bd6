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
	TokenAudience                                                                func(base string) string
	InsufficientScope                                                            func(scopes []string) string
	NotFound, Inactive, Stale, PreconditionMissing, TypeImmutable, Invalid       string
	IdempotencyMismatch, IdempotencyInProgress, BodyTooLarge, BadCursor          string
	RateLimited                                                                  func(seconds int) string
	ServerError, Unavailable                                                     string
	KeysEmpty, KeysNotRSA, KeysNoUse                                             string
	TooManyKeys                                                                  func(max int) string

	// The page "API for selvbetjening".
	PageTitle, PageIntro, MenuLink                                 string
	AdminHeading                                                   string
	AdminSteps                                                     []string
	AdminScopes                                                    func(read, write, scopes string) string
	EnvironmentHeading, EnvironmentBody, NoPersonNumber            string
	HTTPHeading                                                    string
	HTTPRules                                                      []string
	OperationsHeading, OperationsIntro, DocumentLink               string
	ColumnOperation, ColumnSummary, ColumnScopes, ColumnParameters string
	NoParameters                                                   string
}

var bokmalAPI = API{
	TokenMissing:       "Kallet mangler et access token (Authorization: Bearer …).",
	TokenInvalid:       "Access tokenet er ikke gyldig: signaturen, formatet eller innholdet stemmer ikke.",
	TokenExpired:       "Access tokenet er utløpt. Hent et nytt fra token-endepunktet.",
	TokenUnknownIssuer: "Access tokenet er ikke utstedt av portalens token-endepunkt for TEST eller PROD.",
	ClientInactive:     "Integrasjonen som tokenet er utstedt til, er deaktivert eller finnes ikke lenger.",
	TokenAudience: func(base string) string {
		return "Access tokenet er utstedt for et annet API (aud). Hent et token uten resource, eller med resource " + base + "."
	},
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

	PageTitle:    "API for selvbetjening",
	PageIntro:    "Alt dere gjør med integrasjoner, nøkler og scopes i portalen, kan et skript, en CI-jobb eller Terraform gjøre gjennom API-et, med de samme reglene. Det som lages gjennom API-et, vises i portalen og i historikken, og omvendt. Stiene og feltnavnene er de samme som i Digdirs API for selvbetjening.",
	MenuLink:     "API for selvbetjening",
	AdminHeading: "Slik får dere en admin-integrasjon",
	AdminSteps: []string{
		"Be Digdir om å dele admin-scopene med virksomheten i miljøet dere vil bruke (servicedesk@digdir.no, eller «Be om tilgang» i scope-velgeren).",
		"Opprett en integrasjon under «Integrasjoner» i det miljøet, og velg admin-scopene den trenger.",
		"Legg til den offentlige nøkkelen til integrasjonen. Den private nøkkelen blir hos dere.",
		"Hent et access token fra portalens token-endepunkt med et JWT signert med nøkkelen, og send det som «Authorization: Bearer …» til API-et. Be om tokenet uten resource, eller med API-ets adresse som resource: et token utstedt for et annet API (aud) avvises.",
	},
	AdminScopes: func(read, write, scopes string) string {
		return fmt.Sprintf("%s gir lesetilgang til integrasjoner og nøkler, %s lar integrasjonen opprette, endre og deaktivere dem, og %s lar API-tilbydere administrere scopes og tilganger.", read, write, scopes)
	},
	EnvironmentHeading: "Miljø",
	EnvironmentBody:    "Et token fra token-endepunktet i TEST gjelder integrasjonene og tilgangene i TEST, og et token fra PROD gjelder PROD. Et scope defineres for begge miljøene på én gang, og krever derfor et token fra PROD.",
	NoPersonNumber:     "I portalen krever endringer i produksjon at personnummeret ditt er registrert og at du har logget inn nylig. En maskinklient har ikke personnummer: for den er det PROD-tokenet som er porten, og det kan bare hentes med en nøkkel på en integrasjon i PROD, som noen som har passert den porten, har lagt inn.",
	HTTPHeading:        "Regler for kallene",
	HTTPRules: []string{
		"Feil kommer som application/problem+json (RFC 9457), med én oppføring per ugyldig felt.",
		"Send Idempotency-Key med POST: et nytt forsøk med samme nøkkel gir det første svaret, og samme nøkkel med en annen forespørsel gir 422.",
		"GET gir ETag. Send den som If-Match med PUT og DELETE: har noen endret ressursen i mellomtiden, får dere 412, og ingen endring går tapt.",
		"Lister kommer i sider med 50 om gangen. Neste side står i Link-headeren.",
		"Hver integrasjon har en grense for antall kall per minutt, felles for alle portalens prosesser. Over grensen får dere 429 med Retry-After.",
	},
	OperationsHeading: "Operasjoner",
	OperationsIntro:   "Listen er laget fra OpenAPI-dokumentet (OpenAPI 3.1), som også kan lastes ned og brukes til å generere klienter.",
	DocumentLink:      "Last ned OpenAPI-dokumentet (JSON)",
	ColumnOperation:   "Operasjon",
	ColumnSummary:     "Beskrivelse",
	ColumnScopes:      "Scope (ett av)",
	ColumnParameters:  "Parametere",
	NoParameters:      "Ingen",
}
