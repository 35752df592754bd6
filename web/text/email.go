package text

import (
	"fmt"
	"strings"
)

// Email holds the texts of the e-mail the portal sends, written by a
// background worker that takes its catalogue with For.
type Email struct {
	KeyExpirySubject func(r KeyReminder) string
	KeyExpiryBody    func(r KeyReminder) string

	// A consumer's request for a scope: to the provider when it arrives,
	// to the consumer when it is answered.
	AccessRequestReceivedSubject func(r AccessRequestMail) string
	AccessRequestReceivedBody    func(r AccessRequestMail) string
	AccessRequestAnsweredSubject func(r AccessRequestMail) string
	AccessRequestAnsweredBody    func(r AccessRequestMail) string
}

// AccessRequestMail is what an e-mail about an access request says: the
// scope, who asked whom, the answer, and where to act. Recipient is the
// organisation whose notification point gets it, Service that point's
// service in words.
type AccessRequestMail struct {
	Scope, Env, OrgName, OrgNo, Provider, Reason, RequestedBy string
	Approved                                                  bool
	Answer, AnsweredBy                                        string
	Recipient, Service, URL, ServicesURL                      string
}

// notificationFooter says why the recipient gets the e-mail and where to
// change it.
func notificationFooter(b *strings.Builder, service, orgName, servicesURL string) {
	fmt.Fprintf(b, "Dere får denne e-posten fordi adressen er varslingspunkt for %s hos %s. Varslingspunktene endrer dere under «Virksomhetens tjenester»:\n%s\n\n",
		service, orgName, servicesURL)
	b.WriteString("Hilsen\nDigitaliseringsdirektoratet\n")
}

// KeyReminder is what an e-mail before a key expires says: which key of
// which integration, when, and where to act. Dates come formatted.
type KeyReminder struct {
	OrgName, Integration, ClientID, Env, KID, Expires string
	DaysLeft                                          int
	IntegrationURL, ServicesURL                       string
}

func days(n int) string {
	if n == 1 {
		return "1 dag"
	}
	return fmt.Sprintf("%d dager", n)
}

var bokmalEmail = Email{
	AccessRequestReceivedSubject: func(r AccessRequestMail) string {
		return fmt.Sprintf("%s ber om tilgang til %s i %s", r.OrgName, r.Scope, r.Env)
	},
	AccessRequestReceivedBody: func(r AccessRequestMail) string {
		var b strings.Builder
		fmt.Fprintf(&b, "Hei,\n\n%s (%s) ber om tilgang til scopet %s i Maskinporten %s.\n\n", r.OrgName, r.OrgNo, r.Scope, r.Env)
		fmt.Fprintf(&b, "Scope: %s\nMiljø: %s\nSendt av: %s\n", r.Scope, r.Env, r.RequestedBy)
		if r.Reason != "" {
			fmt.Fprintf(&b, "Begrunnelse: %s\n", r.Reason)
		}
		fmt.Fprintf(&b, "\nGodkjenn eller avslå forespørselen under «Mine API» i selvbetjeningsløsningen:\n%s\n\n", r.URL)
		notificationFooter(&b, r.Service, r.Recipient, r.ServicesURL)
		return b.String()
	},
	AccessRequestAnsweredSubject: func(r AccessRequestMail) string {
		if r.Approved {
			return fmt.Sprintf("Tilgang til %s i %s er godkjent", r.Scope, r.Env)
		}
		return fmt.Sprintf("Tilgang til %s i %s er avslått", r.Scope, r.Env)
	},
	AccessRequestAnsweredBody: func(r AccessRequestMail) string {
		var b strings.Builder
		if r.Approved {
			fmt.Fprintf(&b, "Hei,\n\n%s har godkjent forespørselen om tilgang til scopet %s i Maskinporten %s. Integrasjonene deres i %s kan nå bruke scopet.\n\n",
				r.Provider, r.Scope, r.Env, r.Env)
		} else {
			fmt.Fprintf(&b, "Hei,\n\n%s har avslått forespørselen om tilgang til scopet %s i Maskinporten %s.\n\nBegrunnelse: %s\n\n",
				r.Provider, r.Scope, r.Env, r.Answer)
		}
		fmt.Fprintf(&b, "Forespørselen ble sendt av %s og besvart av %s. Forespørslene deres og svarene finner dere under «Tilgangsforespørsler»:\n%s\n\n",
			r.RequestedBy, r.AnsweredBy, r.URL)
		notificationFooter(&b, r.Service, r.Recipient, r.ServicesURL)
		return b.String()
	},
	KeyExpirySubject: func(r KeyReminder) string {
		return fmt.Sprintf("Nøkkel til «%s» i Maskinporten %s utløper om %s", r.Integration, r.Env, days(r.DaysLeft))
	},
	KeyExpiryBody: func(r KeyReminder) string {
		var b strings.Builder
		fmt.Fprintf(&b, "Hei,\n\nen nøkkel til integrasjonen «%s» i Maskinporten %s utløper %s, om %s.\n\n",
			r.Integration, r.Env, r.Expires, days(r.DaysLeft))
		fmt.Fprintf(&b, "Integrasjon: %s\nKlient-ID: %s\nMiljø: %s\nNøkkel-ID (kid): %s\nUtløper: %s\n\n",
			r.Integration, r.ClientID, r.Env, r.KID, r.Expires)
		b.WriteString("Når nøkkelen er utløpt, kan klienten ikke lenger hente tokens fra Maskinporten med den. Slik unngår dere stans:\n\n")
		fmt.Fprintf(&b, "1. Lag et nytt nøkkelpar eller bestill et nytt sertifikat, og legg den nye offentlige nøkkelen til på integrasjonen:\n   %s\n", r.IntegrationURL)
		b.WriteString("2. Ta den nye nøkkelen i bruk i klienten.\n")
		b.WriteString("3. Fjern den gamle nøkkelen når klienten ikke lenger bruker den.\n\n")
		b.WriteString("Vil dere beholde den samme nøkkelen, kan dere lime den inn på nytt på integrasjonen. Da gjelder den i ett år til, men aldri lenger enn sertifikatet den eventuelt hører til.\n\n")
		fmt.Fprintf(&b, "Dere får denne e-posten fordi adressen er varslingspunkt for Maskinporten hos %s. Varslingspunktene endrer dere under «Virksomhetens tjenester»:\n%s\n\n",
			r.OrgName, r.ServicesURL)
		b.WriteString("Hilsen\nDigitaliseringsdirektoratet\n")
		return b.String()
	},
}
