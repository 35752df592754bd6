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
