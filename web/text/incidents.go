package text

import (
	"fmt"
	"strings"

	"github.com/digdir/selvbetjening/internal/audit"
)

// The incident package composes its e-mail with this catalogue, so the
// catalogue names its codes as text (internal/incident cannot be imported
// here); the completeness test holds the two together.

// Incidents holds the texts of servicedesk's critical incidents: the
// list, "Ny hendelse", an incident's "Utsendte varsler", and the e-mail
// the notification points get.
type Incidents struct {
	Menu, ListTitle, ListIntro, NewButton, None, Older                   string
	ColSent, ColTitle, ColService, ColEnv, ColSeverity, ColOrganisations string
	ColDeliveries                                                        string

	NewTitle, NewIntro, TitleLabel, TitleHint, TextLabel, TextHint string
	ServiceLabel, EnvLabel, EnvHint, SeverityLabel, AudienceLabel  string
	AudienceUsers, AudienceChosen, OrgsLabel, OrgsHint, SendButton string
	SeverityCritical, SeverityMajor, SeverityMinor                 string

	// An incident's page.
	SentNotice, SentBy, Audience, AffectedLabel, DeliveriesHeading string
	DeliveriesIntro, NoDeliveries, ColRecipient, ColOrganisation   string
	ColStatus, ColAttempts, ColLastError, ColFinished, ColChannel  string
	StatusQueued, StatusSending, StatusSent, StatusFailed          string
	ChannelSMTP, ChannelOutbox, OutboxNote, NextPage, MessageShown string
	AudienceUsersShort, AudienceChosenShort, ActionSend, Back      string
	DeliverySummary                                                func(queued, sent, failed int) string
	Organisations                                                  func(n int) string
	NextAttempt                                                    func(at string) string

	TitleMissing, TitleCharacter, TextMissing, TextCharacter, ServiceUnknown string
	EnvMissing, EnvUnknown, SeverityUnknown, AudienceUnknown, OrgsMissing    string
	OrgUnknown, NoneAffected, NoNotifyPoints                                 string
	TitleTooLong, TextTooLong, OrgsTooMany                                   func(n int) string

	// The e-mail: written by the portal for the worker, in bokmål.
	EmailSubject func(m IncidentMail) string
	EmailBody    func(m IncidentMail) string
}

// IncidentMail is what the e-mail about an incident says, its values in
// words already (the service's name, the severity's).
type IncidentMail struct {
	Title, Text, Service, Envs, Severity, Sent, OrgName string
	PortalURL, ServicesURL                              string
}

var bokmalIncidents = Incidents{
	Menu:             "Hendelser",
	ListTitle:        "Hendelser",
	ListIntro:        "Ved en kritisk hendelse varsler servicedesk varslingspunktene til virksomhetene som er berørt, på e-post. Hver hendelse viser hvem som har fått varselet.",
	NewButton:        "Ny hendelse",
	None:             "Ingen hendelser er sendt ennå.",
	Older:            "Eldre hendelser",
	ColSent:          "Sendt",
	ColTitle:         "Tittel",
	ColService:       "Tjeneste",
	ColEnv:           "Miljø",
	ColSeverity:      "Alvorlighet",
	ColOrganisations: "Virksomheter",
	ColDeliveries:    "Varsler",

	NewTitle:         "Ny hendelse",
	NewIntro:         "Varselet går på e-post til hvert varslingspunkt hos virksomhetene som er berørt, med en lenke til selvbetjeningsløsningen. Det kan ikke trekkes tilbake.",
	TitleLabel:       "Tittel",
	TitleHint:        "Kort og konkret, for eksempel «Maskinporten TEST svarer ikke».",
	TextLabel:        "Tekst",
	TextHint:         "Hva har skjedd, hva betyr det for virksomhetene, og hva bør de gjøre?",
	ServiceLabel:     "Tjeneste",
	EnvLabel:         "Miljø",
	EnvHint:          "Velg ett eller begge.",
	SeverityLabel:    "Alvorlighet",
	AudienceLabel:    "Hvem er berørt?",
	AudienceUsers:    "Alle virksomheter som bruker tjenesten i miljøet",
	AudienceChosen:   "Valgte virksomheter",
	OrgsLabel:        "Virksomheter",
	OrgsHint:         "Gjelder bare når «Valgte virksomheter» er valgt.",
	SendButton:       "Send varsel",
	SeverityCritical: "Kritisk",
	SeverityMajor:    "Alvorlig",
	SeverityMinor:    "Til orientering",

	SentNotice:          "Varselet er sendt. E-postene er lagt i kø og sendes nå.",
	SentBy:              "Sendt av",
	Audience:            "Mottakere",
	AffectedLabel:       "Berørte virksomheter",
	DeliveriesHeading:   "Utsendte varsler",
	DeliveriesIntro:     "Én e-post per varslingspunkt. En e-post som ikke kommer fram, prøves igjen med økende mellomrom før den regnes som feilet.",
	NoDeliveries:        "Ingen e-poster.",
	ColRecipient:        "Mottaker",
	ColOrganisation:     "Virksomhet",
	ColStatus:           "Status",
	ColAttempts:         "Forsøk",
	ColLastError:        "Siste feil",
	ColFinished:         "Sendt",
	ColChannel:          "Kanal",
	StatusQueued:        "I kø",
	StatusSending:       "Sendes",
	StatusSent:          "Sendt",
	StatusFailed:        "Feilet",
	ChannelSMTP:         "E-post",
	ChannelOutbox:       "Utviklingsutboks",
	OutboxNote:          "Uten SMTP_URL blir e-postene liggende i utviklingsutboksen: de står her og i loggen, men sendes ikke til noen.",
	NextPage:            "Neste side",
	MessageShown:        "Slik ser e-posten ut",
	AudienceUsersShort:  "Alle som bruker tjenesten i miljøet",
	AudienceChosenShort: "Valgte virksomheter",
	ActionSend:          "Sendte varsel om hendelse",
	Back:                "Alle hendelser",
	DeliverySummary: func(queued, sent, failed int) string {
		return fmt.Sprintf("%d sendt, %d i kø, %d feilet", sent, queued, failed)
	},
	NextAttempt: func(at string) string { return "neste forsøk " + at },
	Organisations: func(n int) string {
		if n == 1 {
			return "1 virksomhet"
		}
		return fmt.Sprintf("%d virksomheter", n)
	},

	TitleMissing:    "Skriv inn en tittel.",
	TitleCharacter:  "Tittelen må stå på én linje, uten kontrolltegn eller usynlige tegn.",
	TextMissing:     "Skriv inn hva som har skjedd.",
	TextCharacter:   "Teksten kan ikke inneholde kontrolltegn eller usynlige tegn.",
	ServiceUnknown:  "Velg en tjeneste.",
	EnvMissing:      "Velg minst ett miljø.",
	EnvUnknown:      "Velg TEST, PROD eller begge.",
	SeverityUnknown: "Velg hvor alvorlig hendelsen er.",
	AudienceUnknown: "Velg hvem som er berørt.",
	OrgsMissing:     "Velg minst én virksomhet, eller velg «Alle virksomheter som bruker tjenesten i miljøet».",
	OrgUnknown:      "En av de valgte virksomhetene finnes ikke i selvbetjeningsløsningen.",
	NoneAffected:    "Ingen virksomheter bruker tjenesten i miljøet. Velg virksomhetene selv, eller et annet miljø.",
	NoNotifyPoints:  "Ingen av de berørte virksomhetene har registrert varslingspunkter for tjenesten, så varselet ville ikke nådd noen.",
	TitleTooLong:    func(n int) string { return fmt.Sprintf("Tittelen kan ha høyst %d tegn.", n) },
	TextTooLong:     func(n int) string { return fmt.Sprintf("Teksten kan ha høyst %d tegn.", n) },
	OrgsTooMany:     func(n int) string { return fmt.Sprintf("Velg høyst %d virksomheter.", n) },

	EmailSubject: func(m IncidentMail) string {
		return fmt.Sprintf("[%s] %s %s: %s", m.Severity, m.Service, m.Envs, m.Title)
	},
	EmailBody: func(m IncidentMail) string {
		var b strings.Builder
		fmt.Fprintf(&b, "Hei,\n\nDigitaliseringsdirektoratet varsler om en hendelse i %s i %s.\n\n", m.Service, m.Envs)
		fmt.Fprintf(&b, "%s\n\n%s\n\n", m.Title, m.Text)
		fmt.Fprintf(&b, "Tjeneste: %s\nMiljø: %s\nAlvorlighet: %s\nVarslet: %s\n\n", m.Service, m.Envs, m.Severity, m.Sent)
		fmt.Fprintf(&b, "Integrasjonene deres finner dere i selvbetjeningsløsningen:\n%s\n\n", m.PortalURL)
		fmt.Fprintf(&b, "Dere får denne e-posten fordi adressen er varslingspunkt for %s hos %s. Varslingspunktene endrer dere under «Virksomhetens tjenester»:\n%s\n\n",
			m.Service, m.OrgName, m.ServicesURL)
		b.WriteString("Hilsen\nDigitaliseringsdirektoratet\n")
		return b.String()
	},
}

// SeverityName names a severity (incident.Severity); false for another.
func (c Incidents) SeverityName(s string) (string, bool) {
	m := map[string]string{"critical": c.SeverityCritical, "major": c.SeverityMajor, "minor": c.SeverityMinor}
	name, ok := m[s]
	return name, ok
}

// EnvList names the environments: "TEST", "PROD" or "TEST og PROD".
func (c Incidents) EnvList(envs []string) string { return strings.Join(envs, " og ") }

// FieldError says what is wrong with a field of "Ny hendelse"
// (incident.Code), with the field's limit (incident.Limit) where the code
// has one; false for a code it does not know.
func (c Incidents) FieldError(code string, limit int) (string, bool) {
	m := map[string]string{
		"title_missing": c.TitleMissing, "title_character": c.TitleCharacter, "title_too_long": c.TitleTooLong(limit),
		"text_missing": c.TextMissing, "text_character": c.TextCharacter, "text_too_long": c.TextTooLong(limit),
		"service_unknown": c.ServiceUnknown, "env_missing": c.EnvMissing, "env_unknown": c.EnvUnknown,
		"severity_unknown": c.SeverityUnknown, "audience_unknown": c.AudienceUnknown,
		"orgs_missing": c.OrgsMissing, "orgs_too_many": c.OrgsTooMany(limit), "org_unknown": c.OrgUnknown,
		"none_affected": c.NoneAffected, "no_notify_points": c.NoNotifyPoints,
	}
	msg, ok := m[code]
	return msg, ok
}

// DeliveryStatus names a delivery's status (mail.Status); false for another.
func (c Incidents) DeliveryStatus(s string) (string, bool) {
	m := map[string]string{"queued": c.StatusQueued, "sending": c.StatusSending, "sent": c.StatusSent, "failed": c.StatusFailed}
	msg, ok := m[s]
	return msg, ok
}

// Channel names how a delivery went (mail.TransportSMTP, TransportOutbox).
func (c Incidents) Channel(transport string) string {
	switch transport {
	case "smtp":
		return c.ChannelSMTP
	case "outbox":
		return c.ChannelOutbox
	}
	return ""
}

func (c Incidents) action(a audit.Action) (string, bool) {
	if a == audit.IncidentSend {
		return c.ActionSend, true
	}
	return "", false
}
