package text

import "fmt"

// Tokens holds the texts of "Prøv integrasjonen" on a TEST integration's
// page, and what the page says of the integration's tokens.
type Tokens struct {
	Heading, Intro, PrivateKeyNote                     string
	IssuerLabel, TokenEndpointLabel, AudienceLabel     string
	AudienceHint, ClientIDLabel, KIDLabel, ScopesLabel string
	NoKey, NoScopes, ShellHeading, PythonHeading       string
	ShellLabel, PythonLabel, CurlLabel, ResponseNote   string
	NotForPROD                                         string
	ShellHint, PythonHint                              func(keyFile string) string
	IssuedLabel, LastUsed, NeverUsed                   string
	IssuedValue                                        func(n int64) string
}

var bokmalTokens = Tokens{
	Heading: "Prøv integrasjonen",
	Intro: "Hent et token fra testmiljøets token-endepunkt, slik du gjør mot Maskinporten: programmet ditt signerer et JWT-grant " +
		"med den private nøkkelen som hører til en av integrasjonens nøkler, og sender det til token-endepunktet.",
	PrivateKeyNote:     "Den private nøkkelen forlater aldri maskinen din: eksempelet signerer grant-et der, og portalen ser aldri nøkkelen.",
	IssuerLabel:        "Issuer",
	TokenEndpointLabel: "Token-endepunkt",
	AudienceLabel:      "Audience (aud i grant-et)",
	AudienceHint:       "aud må være issuer nøyaktig, som én verdi. Token-endepunktets adresse godtas ikke som aud.",
	ClientIDLabel:      "Klient-ID (iss i grant-et)",
	KIDLabel:           "Nøkkel-ID (kid i grant-ets header)",
	ScopesLabel:        "Scopes (scope i grant-et)",
	NoKey:              "Legg til en offentlig nøkkel under «Nøkler» først. Eksempelet bruker den nyeste nøkkelen.",
	NoScopes:           "Integrasjonen har ingen scopes som er delt med virksomheten din i TEST, så den kan ikke få et token ennå.",
	ShellHeading:       "Eksempel med openssl og curl",
	PythonHeading:      "Eksempel med Python (PyJWT) og curl",
	ShellLabel:         "Skript (openssl)",
	PythonLabel:        "Skript (Python)",
	CurlLabel:          "Kommando",
	ResponseNote:       "Svaret er JSON med access_token, token_type, expires_in og scope. Et grant kan brukes bare én gang: lag et nytt for hver forespørsel.",
	NotForPROD:         "Token-endepunktet her er for TEST. Tokenene er signert av portalen, ikke av Maskinporten.",
	ShellHint: func(keyFile string) string {
		return fmt.Sprintf("Lagre skriptet som hent-token.sh, legg den private nøkkelen (PEM) i %s ved siden av, og kjør: sh hent-token.sh", keyFile)
	},
	PythonHint: func(keyFile string) string {
		return fmt.Sprintf("Lagre skriptet som lag-grant.py (pip install pyjwt cryptography), legg den private nøkkelen (PEM) i %s ved siden av, og kjør kommandoen under.", keyFile)
	},
	IssuedLabel: "Tokens siste 24 timer",
	IssuedValue: func(n int64) string {
		if n == 1 {
			return "1 token"
		}
		return fmt.Sprintf("%d tokens", n)
	},
	LastUsed:  "Sist brukt",
	NeverUsed: "Aldri brukt",
}
