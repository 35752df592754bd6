package idportenstub

// The stand-in's own texts, in bokmål. They live apart from the portal's
// catalogue (web/text) because the stand-in plays another service, as real
// ID-porten would show its own words.
const (
	pageTitle      = "ID-porten (testmiljø)"
	txtErrorPrefix = "Feil: "
	txtBannerTest  = "Testmiljø – dette er ikke den ekte ID-porten"

	// Shown on every page when the stand-in can be reached beyond loopback.
	txtBannerPublicLabel = "Advarsel:"
	txtBannerPublic      = "Denne test-ID-porten kan nås fra andre maskiner, og her kan hvem som helst logge inn som hvem som helst, med hvilket som helst fødselsnummer. Bruk den aldri for ekte personer, ekte data eller i produksjon."

	txtLoggingInTo      = "Du logger inn på tjenesten "
	txtSyntheticPersons = ". Alle personer her er syntetiske testpersoner."
	txtFormHasErrors    = "Skjemaet har feil"
	txtLogInAsOther     = "Logg inn som annen person"
	txtACRLegend        = "Sikkerhetsnivå"
	txtACRHint          = "Gjelder både testpersonene og annen person."
	txtACRSubstantial   = "Betydelig (idporten-loa-substantial)"
	txtACRHigh          = "Høyt (idporten-loa-high)"
	txtChoosePerson     = "Velg testperson"
	txtPersonDetails    = "Fødselsnummer %s, %s"
	txtOtherPerson      = "Annen person"
	txtPIDLabel         = "Fødselsnummer"
	txtPIDHint          = "Valgfritt. 11 siffer. Uten fødselsnummer får ID-tokenet ingen pid."
	txtEmailLabel       = "E-post"
	txtEmailHint        = "Må fylles ut, for eksempel navn@example.com."
	txtLogIn            = "Logg inn"

	txtFailedHeading    = "Innloggingen kan ikke fullføres"
	txtLoggedOutTitle   = "Logget ut: "
	txtLoggedOutHeading = "Du er logget ut"
	txtLoggedOutBody    = "Du er logget ut av ID-porten (testmiljø)."
)

// Messages on the login page and the error page.
const (
	msgExpired   = "Innloggingen er utløpt eller finnes ikke. Gå tilbake til tjenesten og start innloggingen på nytt."
	msgDone      = "Denne innloggingen er allerede fullført. Gå tilbake til tjenesten og start innloggingen på nytt."
	msgBadForm   = "Skjemaet kunne ikke leses. Prøv igjen."
	msgBadACR    = "Ukjent sikkerhetsnivå. Velg Betydelig eller Høyt."
	msgBadPerson = "Ukjent testperson. Velg en av testpersonene på siden."
	msgNoEmail   = "Skriv inn e-postadressen din."
	msgBadEmail  = "Skriv inn en gyldig e-postadresse."

	msgPIDLength     = "Fødselsnummeret må ha 11 siffer."
	msgPIDDigits     = "Fødselsnummeret kan bare inneholde siffer."
	msgPIDDate       = "Fødselsnummeret har ikke en gyldig fødselsdato."
	msgPIDCheckDigit = "Fødselsnummeret har feil kontrollsiffer."
	msgPIDInvalid    = "Fødselsnummeret er ikke gyldig."
)
