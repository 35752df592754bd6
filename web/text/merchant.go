package text

import (
	"fmt"
	"strings"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/merchant"
)

// Merchant holds the texts of the organisation's merchant data: the list of
// its services on "Virksomhetens tjenester", a service's invoice details and
// notification points, the form that edits them ("Rediger integrasjon", as
// Digdir's guide names the button), and the warning while a service has no
// notification point.
type Merchant struct {
	ServiceConsumer, ServiceProvider                               string
	ColService, ColStatus, ColPoints, ListLabel                    string
	StatusComplete, StatusNoInvoice, StatusNoPoints, StatusNeither string
	PointCount                                                     func(n int) string

	WarningHeading string
	WarningBody    func(service string) string
	WarningLink    func(service string) string

	MerchantHeading, InvoiceHeading, PointsHeading, NoInvoice, NoPoints string
	Edit, BackToServices, UpdatedLabel, EHFYes, EHFNo, SavedNotice      string
	Intro                                                               string
	// PointsOf names a service's notification points where a page shows
	// several services (the servicedesk console's organisation page).
	PointsOf func(service string) string

	EditTitle                                                                  func(service string) string
	InvoiceEmailLabel, PostalAddressLabel, BuyerReferenceLabel                 string
	ContactPersonLabel, EHFLabel, EHFHint, InvoiceEmailHint                    string
	BuyerReferenceHint, PointsHint, PointNameLabel, PointEmailLabel            string
	PointPhoneLabel, PointPhoneHint, AddPoint, SaveButton, SaveDefault, Remove string
	PointLegend, RemovePoint                                                   func(n int) string
	ConflictMessage                                                            func(savedBy string) string
	ConflictCurrent                                                            string

	// The history's name for the audit action, and what a save changed.
	ActionSave, HistoryHeading, NoHistory, FirstSave string
	ChangedFields                                    func(labels []string) string

	// Field errors, one per merchant.Code….
	InvoiceEmailMissing, EmailInvalid, PostalAddressMissing, ContactPersonMissing string
	BuyerReferenceMissing, PointNameMissing, PointEmailMissing, PhoneInvalid      string
	DuplicatePoint, ControlCharacter                                              string
	TooLong, TooManyPoints                                                        func(max int) string
	FormatCharacter                                                               func(codePoint string) string
}

var bokmalMerchant = Merchant{
	ServiceConsumer: "Maskinporten (API-konsument)",
	ServiceProvider: "Maskinporten (API-tilbyder)",
	ColService:      "Tjeneste",
	ColStatus:       "Merkantile data",
	ColPoints:       "Varslingspunkter",
	ListLabel:       "Tjenester virksomheten bruker",
	StatusComplete:  "Komplett",
	StatusNoInvoice: "Mangler fakturainformasjon",
	StatusNoPoints:  "Mangler varslingspunkt",
	StatusNeither:   "Mangler fakturainformasjon og varslingspunkt",
	PointCount:      func(n int) string { return fmt.Sprint(n) },
	WarningHeading:  "Virksomheten mangler varslingspunkter",
	WarningBody: func(service string) string {
		return fmt.Sprintf("%s har ingen varslingspunkter. Varslingspunkter får e-post ved kritiske hendelser og før nøkler utløper. Uten dem kan virksomheten gå glipp av viktig informasjon.", service)
	},
	WarningLink: func(service string) string { return "Legg til varslingspunkt for " + service },

	MerchantHeading: "Merkantile data",
	InvoiceHeading:  "Fakturainformasjon",
	PointsHeading:   "Varslingspunkter",
	NoInvoice:       "Ingen fakturainformasjon er registrert.",
	NoPoints:        "Ingen varslingspunkter er registrert.",
	PointsOf:        func(service string) string { return "Varslingspunkter for " + service },
	Edit:            "Rediger integrasjon",
	BackToServices:  "Tilbake til virksomhetens tjenester",
	UpdatedLabel:    "Sist endret",
	EHFYes:          "Ja, som EHF til organisasjonsnummeret",
	EHFNo:           "Nei, på e-post",
	SavedNotice:     "De merkantile dataene er lagret.",
	Intro:           "Hold fakturainformasjonen og varslingspunktene oppdatert. Varslingspunktene får e-post ved kritiske hendelser i løsningen og før nøklene til integrasjonene deres utløper.",

	EditTitle:           func(service string) string { return "Rediger merkantile data for " + service },
	InvoiceEmailLabel:   "Fakturaadresse (e-post)",
	InvoiceEmailHint:    "Hit sendes fakturaen når den ikke går som EHF.",
	PostalAddressLabel:  "Postadresse",
	BuyerReferenceLabel: "Deres referanse",
	BuyerReferenceHint:  "Referansen som skal stå på fakturaen. Påkrevd når fakturaen sendes som EHF.",
	ContactPersonLabel:  "Kontaktperson",
	EHFLabel:            "Faktura sendes som EHF til organisasjonsnummeret",
	EHFHint:             "Da trengs ingen fakturaadresse på e-post.",
	PointsHint:          "Hvert varslingspunkt får e-post ved kritiske hendelser og før nøkler utløper. Bruk gjerne en felles adresse som flere leser.",
	PointNameLabel:      "Navn",
	PointEmailLabel:     "E-post",
	PointPhoneLabel:     "Telefon (valgfritt)",
	PointPhoneHint:      "Norsk nummer med åtte siffer, for eksempel 912 34 567.",
	AddPoint:            "Legg til varslingspunkt",
	Remove:              "Fjern",
	SaveButton:          "Lagre",
	SaveDefault:         "Lagre med Enter",
	PointLegend:         func(n int) string { return fmt.Sprintf("Varslingspunkt %d", n) },
	RemovePoint:         func(n int) string { return fmt.Sprintf("Fjern varslingspunkt %d", n) },
	ConflictMessage: func(savedBy string) string {
		return fmt.Sprintf("De merkantile dataene ble endret av %s mens du redigerte. Endringene dine er ikke lagret. Se over det som er lagret nå, og trykk «Lagre» igjen hvis du vil overskrive.", savedBy)
	},
	ConflictCurrent: "Lagret nå",

	ActionSave:     "Merkantile data lagret",
	HistoryHeading: "Historikk",
	NoHistory:      "Ingen endringer er registrert.",
	FirstSave:      "Første registrering",
	ChangedFields:  func(labels []string) string { return "Endret: " + strings.Join(labels, ", ") },

	InvoiceEmailMissing:   "Skriv inn fakturaadressen, eller kryss av for at fakturaen sendes som EHF.",
	EmailInvalid:          "Skriv inn en gyldig e-postadresse, for eksempel navn@virksomhet.no.",
	PostalAddressMissing:  "Skriv inn postadressen.",
	ContactPersonMissing:  "Skriv inn navnet på en kontaktperson.",
	BuyerReferenceMissing: "Skriv inn referansen som skal stå på EHF-fakturaen.",
	PointNameMissing:      "Skriv inn navnet på varslingspunktet.",
	PointEmailMissing:     "Skriv inn e-postadressen til varslingspunktet.",
	PhoneInvalid:          "Skriv inn et norsk telefonnummer med åtte siffer, for eksempel 912 34 567, eller la feltet stå tomt.",
	DuplicatePoint:        "Denne e-postadressen er allerede et varslingspunkt. Fjern det ene.",
	ControlCharacter:      "Feltet inneholder usynlige kontrolltegn. Skriv teksten på nytt.",
	TooLong:               func(max int) string { return fmt.Sprintf("Feltet kan ha høyst %d tegn.", max) },
	TooManyPoints:         func(max int) string { return fmt.Sprintf("En tjeneste kan ha høyst %d varslingspunkter.", max) },
	FormatCharacter: func(codePoint string) string {
		return fmt.Sprintf("Feltet inneholder et usynlig formateringstegn (%s). Skriv teksten inn på nytt i stedet for å lime den inn.", codePoint)
	},
}

// ServiceName names a service; false for one it does not know.
func (c Merchant) ServiceName(s merchant.Service) (string, bool) {
	switch s {
	case merchant.Consumer:
		return c.ServiceConsumer, true
	case merchant.Provider:
		return c.ServiceProvider, true
	}
	return "", false
}

// Status says how complete a service's merchant data is.
func (c Merchant) Status(s merchant.Status) string {
	switch {
	case s.Complete():
		return c.StatusComplete
	case !s.Saved && s.PointCount == 0:
		return c.StatusNeither
	case !s.Saved:
		return c.StatusNoInvoice
	}
	return c.StatusNoPoints
}

// FieldError says what is wrong with a field of the form; false for a code
// it does not know.
func (c Merchant) FieldError(e merchant.FieldError) (string, bool) {
	switch e.Code {
	case merchant.CodeInvoiceEmailMissing:
		return c.InvoiceEmailMissing, true
	case merchant.CodeEmailInvalid:
		return c.EmailInvalid, true
	case merchant.CodePostalAddressMissing:
		return c.PostalAddressMissing, true
	case merchant.CodeContactPersonMissing:
		return c.ContactPersonMissing, true
	case merchant.CodeBuyerReferenceMissing:
		return c.BuyerReferenceMissing, true
	case merchant.CodePointNameMissing:
		return c.PointNameMissing, true
	case merchant.CodePointEmailMissing:
		return c.PointEmailMissing, true
	case merchant.CodePhoneInvalid:
		return c.PhoneInvalid, true
	case merchant.CodeDuplicatePoint:
		return c.DuplicatePoint, true
	case merchant.CodeControlCharacter:
		return c.ControlCharacter, true
	case merchant.CodeTooLong:
		return c.TooLong(merchantArg[int](e, 0)), true
	case merchant.CodeTooManyPoints:
		return c.TooManyPoints(merchantArg[int](e, 0)), true
	case merchant.CodeFormatCharacter:
		return c.FormatCharacter(merchantArg[string](e, 0)), true
	}
	return "", false
}

func merchantArg[T any](e merchant.FieldError, i int) T {
	var zero T
	if i >= len(e.Args) {
		return zero
	}
	v, _ := e.Args[i].(T)
	return v
}

// FieldLabel names a field a save changed (merchant.ChangeFields), as the
// form labels it; false for one it does not know.
func (c Merchant) FieldLabel(field string) (string, bool) {
	switch field {
	case merchant.FieldInvoiceEmail:
		return c.InvoiceEmailLabel, true
	case merchant.FieldPostalAddress:
		return c.PostalAddressLabel, true
	case merchant.FieldBuyerReference:
		return c.BuyerReferenceLabel, true
	case merchant.FieldContactPerson:
		return c.ContactPersonLabel, true
	case merchant.FieldEHF:
		return c.EHFLabel, true
	case merchant.FieldPoints:
		return c.PointsHeading, true
	}
	return "", false
}

// action names a merchant data audit action; false for another.
func (c Merchant) action(action audit.Action) (string, bool) {
	if action == audit.MerchantSave {
		return c.ActionSave, true
	}
	return "", false
}
