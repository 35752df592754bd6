package text

import (
	"fmt"

	"github.com/digdir/selvbetjening/internal/environment"
)

// Scopes holds the texts of scopes as an API consumer meets them: the
// chosen scopes of an integration and the picker that adds more, with the
// reasons from the FAQ of Digdir's "Selvbetjening som API-konsument" why a
// scope one looks for is not offered.
type Scopes struct {
	Legend, Heading, Chosen, NoneChosen, RemoveHint, Add, Withdrawn string
	Deactivated, Asked                                              string
	OthersHeading                                                   func(env environment.Env) string
	AskFor                                                          func(name string, env environment.Env) string
	SearchLabel, SearchButton, AddChosen, More, Previous            string
	ContactProvider                                                 string
	PickerHeading, NothingShared                                    func(orgName string, env environment.Env) string
	MaxLifetime                                                     func(seconds int) string
	NoMatch                                                         func(env environment.Env, search string) string
	ExistsNotShared                                                 func(name string) string
	SharedOtherEnv                                                  func(name string, sharedIn, notIn environment.Env) string
}

var bokmalScopes = Scopes{
	Legend:      "Scopes",
	Heading:     "Scopes",
	Chosen:      "Valgte scopes",
	NoneChosen:  "Ingen scopes er valgt ennå.",
	RemoveHint:  "Fjern haken for å ta bort et scope.",
	Add:         "Legg til scopes",
	Withdrawn:   "Tilgangen er trukket tilbake av API-tilbyder",
	Deactivated: "Scopet er deaktivert av API-tilbyder",
	Asked:       "Forespørsel sendt, venter på svar fra API-tilbyder",
	OthersHeading: func(env environment.Env) string {
		return fmt.Sprintf("Scopes som ikke er delt med dere i %s", env)
	},
	AskFor: func(name string, env environment.Env) string {
		return fmt.Sprintf("Be om tilgang til %s i %s", name, env)
	},
	SearchLabel:     "Søk etter scope",
	SearchButton:    "Søk",
	AddChosen:       "Legg til valgte",
	More:            "Vis flere scopes",
	Previous:        "Vis forrige scopes",
	ContactProvider: "Mangler scopet du skal konsumere? Mest sannsynlig har ikke API-tilbyder delt tilgang med virksomheten du representerer, eller de har gitt tilgang i et annet miljø. Kontakt API-tilbyder.",
	PickerHeading: func(orgName string, env environment.Env) string {
		return fmt.Sprintf("Scopes delt med %s i %s", orgName, env)
	},
	NothingShared: func(orgName string, env environment.Env) string {
		return fmt.Sprintf("Ingen API-tilbydere har delt scopes med %s i %s ennå.", orgName, env)
	},
	MaxLifetime: func(seconds int) string { return fmt.Sprintf("maks levetid %d s", seconds) },
	NoMatch: func(env environment.Env, search string) string {
		return fmt.Sprintf("Ingen scopes delt med dere i %s passer til «%s».", env, search)
	},
	ExistsNotShared: func(name string) string {
		return fmt.Sprintf("Scopet %s finnes, men API-tilbyderen har ikke delt det med virksomheten du representerer.", name)
	},
	SharedOtherEnv: func(name string, sharedIn, notIn environment.Env) string {
		return fmt.Sprintf("Scopet %s er delt med dere i %s, ikke i %s.", name, sharedIn, notIn)
	},
}
