package text

import (
	"fmt"

	"github.com/digdir/selvbetjening/internal/environment"
)

// Common holds the texts every area shares: the frame of the pages, the
// menu, login and logout, choosing an organisation, and the error pages.
type Common struct {
	ProductName, SkipToContent, MainMenu, LoggedInAs, ActingFor, SwitchOrganisation string
	LogIn, LogOut, LoggedOutTitle, LoggedOutBody, FrontTitle, FrontBody             string

	MenuServices, MenuAdministration, MenuIntegrations string

	// Who acted, in the audit log: an employee, servicedesk, an API client.
	RoleEmployee, RoleServicedesk, RoleAPIClient                         string
	ServicesTitle, ServicesBody, AdministrationTitle, AdministrationBody string
	EnvTestDescription, EnvProdDescription, EnvironmentLabel             string
	EnvironmentHeading                                                   func(env environment.Env) string

	ChooseOrgTitle, ChooseOrgBody, ChooseOrgButton, ChooseOrgLegend string
	NoOrgTitle, NoOrgContact, ServicedeskEmail                      string
	NoOrgBody                                                       func(domain string) string
	// OrgChanged: a form was made for another organisation than the one
	// the person acts for now (switched in another tab).
	OrgChanged func(orgName string) string

	ErrorTitle, NotFoundTitle, NotFoundBody, BadRequestBody, ServerErrorBody  string
	UnavailableTitle, UnavailableBody, ForbiddenTitle, CSRFBody, FormTooLarge string
	UnknownEnvironment, BadCursor, TryAgain, BackToFront                      string

	LoginFailedTitle, LoginStateBody, LoginRefusedBody, LoginTokenBody string
	LoginEmailBody, ProviderDownBody, LoginTestIDBody                  string

	FormHasErrors, ErrorSummary, Cancel string
}

var bokmalCommon = Common{
	RoleEmployee:       "Ansatt",
	RoleServicedesk:    "Servicedesk",
	RoleAPIClient:      "API-klient",
	ProductName:        "Samarbeidsportalen – selvbetjening",
	SkipToContent:      "Hopp til hovedinnhold",
	MainMenu:           "Hovedmeny",
	LoggedInAs:         "Innlogget som",
	ActingFor:          "Du representerer",
	SwitchOrganisation: "Bytt virksomhet",
	LogIn:              "Logg inn",
	LogOut:             "Logg ut",
	LoggedOutTitle:     "Du er logget ut",
	LoggedOutBody:      "Du er logget ut av selvbetjeningsløsningen. Lukk nettleseren hvis du bruker en delt maskin.",
	FrontTitle:         "Selvbetjening av Maskinporten-integrasjoner",
	FrontBody:          "Logg inn for å se og administrere virksomhetens integrasjoner, scopes og nøkler.",

	MenuServices:        "Virksomhetens tjenester",
	MenuAdministration:  "Administrasjon av tjenester",
	MenuIntegrations:    "Integrasjoner",
	ServicesTitle:       "Virksomhetens tjenester",
	ServicesBody:        "Her administrerer du tjenestene virksomheten bruker fra Digdir.",
	AdministrationTitle: "Administrasjon av tjenester",
	AdministrationBody:  "Velg «Integrasjoner» i det miljøet du vil selvbetjene i. Er virksomheten API-tilbyder, definerer og deler dere scopes under «Mine API».",
	EnvTestDescription:  "Testmiljøet er til å eksperimentere i. Alle innloggede kan opprette og endre integrasjoner her.",
	EnvProdDescription:  "Produksjonsmiljøet krever innlogging med ID-porten og at Digdir har registrert personnummeret ditt.",
	EnvironmentLabel:    "Miljø",
	EnvironmentHeading:  func(env environment.Env) string { return "Miljø " + string(env) },

	ChooseOrgTitle:   "Velg virksomhet",
	ChooseOrgBody:    "E-postdomenet ditt er koblet til flere virksomheter. Velg hvilken virksomhet du vil representere. Du kan bytte senere.",
	ChooseOrgLegend:  "Virksomhet",
	ChooseOrgButton:  "Fortsett",
	NoOrgTitle:       "E-postdomenet ditt er ikke koblet til en virksomhet",
	NoOrgContact:     "Ta kontakt med servicedesk på",
	ServicedeskEmail: "servicedesk@digdir.no",
	NoOrgBody: func(domain string) string {
		return fmt.Sprintf("Tilgang til selvbetjeningsløsningen gis på bakgrunn av e-postdomenet ditt (%s), og det er ikke koblet til noen virksomhet hos oss.", domain)
	},
	OrgChanged: func(orgName string) string {
		return fmt.Sprintf("Du har byttet virksomhet i en annen fane etter at du åpnet dette skjemaet, så ingenting er lagret. Du representerer nå %s. Åpne siden på nytt og prøv igjen.", orgName)
	},

	ErrorTitle:         "Noe gikk galt",
	NotFoundTitle:      "Fant ikke siden",
	NotFoundBody:       "Siden finnes ikke, eller du har ikke tilgang til den.",
	BadRequestBody:     "Forespørselen kunne ikke behandles.",
	ServerErrorBody:    "Det oppstod en feil hos oss. Prøv igjen om litt. Vedvarer feilen, kontakt servicedesk@digdir.no.",
	UnavailableTitle:   "Tjenesten er midlertidig utilgjengelig",
	UnavailableBody:    "Vi får ikke hentet eller lagret noe akkurat nå. Prøv igjen om litt. Sendte du inn et skjema, se etter om endringen ble lagret før du sender det på nytt.",
	ForbiddenTitle:     "Ikke tillatt",
	CSRFBody:           "Skjemaet var utløpt eller kom ikke fra denne siden. Gå tilbake, last siden på nytt og prøv igjen.",
	FormTooLarge:       "Skjemaet var for stort til å bli sendt. Korte ned teksten og prøv igjen.",
	UnknownEnvironment: "Ukjent miljø. Velg TEST eller PROD.",
	BadCursor:          "Ugyldig sidenummer i lenken.",
	TryAgain:           "Prøv å logge inn på nytt",
	BackToFront:        "Til forsiden",

	LoginFailedTitle: "Innloggingen kunne ikke fullføres",
	LoginStateBody:   "Innloggingen hadde utløpt eller var ikke startet fra denne siden.",
	LoginRefusedBody: "ID-porten avbrøt innloggingen.",
	LoginTokenBody:   "Svaret fra ID-porten kunne ikke bekreftes.",
	LoginEmailBody:   "Innloggingen inneholdt ingen gyldig e-postadresse, og tilgang gis på bakgrunn av e-postdomenet.",
	ProviderDownBody: "ID-porten svarer ikke akkurat nå. Prøv igjen om litt.",
	LoginTestIDBody:  "Du logget inn som en syntetisk testperson (TestID). Dette er ikke et testmiljø, så bare innlogging med ekte elektronisk ID, som BankID eller MinID, er tillatt.",

	FormHasErrors: "Skjemaet har feil",
	ErrorSummary:  "Noe er feil i skjemaet.",
	Cancel:        "Avbryt",
}
