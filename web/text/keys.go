package text

import (
	"errors"
	"fmt"

	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/keys"
)

// Keys holds the texts of an integration's public keys: the table, the
// form that adds one, and why a pasted key is refused.
type Keys struct {
	Heading, None, KID, Algorithm, Fingerprint, Expires, ExpiryHint string
	Expired, Remove, AddLabel, AddButton                            string
	ExpiresIn                                                       func(days int) string
	AddHint                                                         func(minRSABits int) string
	LimitReached                                                    func(max int) string

	// Refusals, one per keys.Err… and integration.ErrDuplicateKey and
	// ErrTooManyKeys.
	Private, CertExpired, NotYetValid, Malformed, TooLarge, Multiple, Duplicate string
	Weak, Unsupported                                                           func(minRSABits int) string
	TooMany                                                                     func(max int) string
}

var bokmalKeys = Keys{
	Heading:     "Nøkler",
	None:        "Integrasjonen har ingen aktive nøkler.",
	KID:         "Nøkkel-ID (kid)",
	Algorithm:   "Algoritme",
	Fingerprint: "Fingeravtrykk (SHA-256)",
	Expires:     "Utløper",
	ExpiryHint:  "En nøkkel utløper når sertifikatet utløper, og senest ett år etter at den ble lagt til. Lim inn den samme nøkkelen igjen for å fornye den. Varslingspunktene får e-post 30, 7 og 1 dag før en nøkkel utløper.",
	Expired:     "Utløpt",
	ExpiresIn: func(days int) string {
		if days == 1 {
			return "Utløper om 1 dag"
		}
		return fmt.Sprintf("Utløper om %d dager", days)
	},
	Remove:    "Fjern nøkkel",
	AddLabel:  "Offentlig nøkkel",
	AddButton: "Legg til nøkkel",
	AddHint: func(minRSABits int) string {
		return fmt.Sprintf("Lim inn én offentlig nøkkel: en JWK (RSA på minst %d bit, eller EC P-256/P-384), en offentlig nøkkel i PEM-format eller et X.509-sertifikat i PEM-format. Lim aldri inn en privat nøkkel.", minRSABits)
	},
	LimitReached: func(max int) string {
		return fmt.Sprintf("Integrasjonen har %d aktive nøkler, som er det meste som er tillatt. Fjern en nøkkel før du legger til en ny.", max)
	},

	Private:     "Dette er en privat nøkkel. Den er ikke lagret. Lim inn bare den offentlige delen, og lag et nytt nøkkelpar hvis den private nøkkelen kan ha blitt delt med andre.",
	CertExpired: "Sertifikatet er utløpt.",
	NotYetValid: "Sertifikatet er ikke gyldig ennå.",
	Malformed:   "Nøkkelen kunne ikke leses. Lim inn en JWK (JSON) eller et sertifikat i PEM-format.",
	TooLarge:    "Teksten er for lang til å være én nøkkel.",
	Multiple:    "Lim inn én nøkkel om gangen.",
	Duplicate:   "Integrasjonen har allerede en aktiv nøkkel med samme kid.",
	Weak: func(minRSABits int) string {
		return fmt.Sprintf("Nøkkelen er for svak. RSA-nøkler må være på minst %d bit.", minRSABits)
	},
	Unsupported: func(minRSABits int) string {
		return fmt.Sprintf("Nøkkeltypen støttes ikke. Bruk RSA (minst %d bit) eller EC med kurve P-256 eller P-384.", minRSABits)
	},
	TooMany: func(max int) string {
		return fmt.Sprintf("Integrasjonen har allerede %d aktive nøkler, som er det meste som er tillatt.", max)
	},
}

// Refusal says why a pasted key was refused; false when err is no refusal
// it knows.
func (c Keys) Refusal(err error) (string, bool) {
	switch {
	case errors.Is(err, keys.ErrPrivateKey):
		return c.Private, true
	case errors.Is(err, keys.ErrExpired):
		return c.CertExpired, true
	case errors.Is(err, keys.ErrNotYetValid):
		return c.NotYetValid, true
	case errors.Is(err, keys.ErrWeakKey):
		return c.Weak(keys.MinRSABits), true
	case errors.Is(err, keys.ErrUnsupported):
		return c.Unsupported(keys.MinRSABits), true
	case errors.Is(err, keys.ErrMalformed):
		return c.Malformed, true
	case errors.Is(err, keys.ErrTooLarge):
		return c.TooLarge, true
	case errors.Is(err, keys.ErrMultipleKeys):
		return c.Multiple, true
	case errors.Is(err, integration.ErrDuplicateKey):
		return c.Duplicate, true
	case errors.Is(err, integration.ErrTooManyKeys):
		return c.TooMany(integration.MaxActiveKeys), true
	}
	return "", false
}
