// Package merchant holds an organisation's merchant data ("merkantile
// data") per Digdir service: its invoice information and its notification
// points ("Varslingspunkter"), the addresses that get e-mail about critical
// incidents and expiring keys. Digdir's guide "Selvbetjening som
// API-konsument" asks every organisation to keep them current: one with no
// notification point misses what is critical.
package merchant

import (
	"errors"
	"slices"
	"time"
)

// Service is one of Digdir's services an organisation uses, as listed on
// "Virksomhetens tjenester". The code is also the service's part of its URL.
type Service string

const (
	// Consumer is Maskinporten as API consumer: every organisation.
	Consumer Service = "maskinporten-konsument"
	// Provider is Maskinporten as API provider: an organisation that owns a
	// scope prefix.
	Provider Service = "maskinporten-tilbyder"
)

// Services lists every service, in the order of the page.
func Services() []Service { return []Service{Consumer, Provider} }

// ParseService reads a service's code, as in its URL.
func ParseService(s string) (Service, bool) {
	if slices.Contains(Services(), Service(s)) {
		return Service(s), true
	}
	return "", false
}

// Limits the form and the database agree on.
const (
	MaxNameLength      = 100
	MaxEmailLength     = 254 // RFC 5321's limit on a path
	MaxAddressLength   = 300
	MaxReferenceLength = 100
	MaxPoints          = 10
)

// ErrConflict: the data was saved by someone else since the form was loaded.
var ErrConflict = errors.New("the merchant data was changed by someone else")

// Invoice is where and how the service's invoices go.
type Invoice struct {
	Email          string // fakturaadresse (e-post); may be empty with EHF
	PostalAddress  string
	BuyerReference string // the buyer's reference, required with EHF
	ContactPerson  string
	EHF            bool // as EHF to the organisation number
}

// Point is a notification point: who gets e-mail about what is critical.
type Point struct {
	Name  string
	Email string // lower case
	Phone string // "+47" and eight digits, or empty
}

// Data is a service's merchant data for one organisation. Saved is false
// until someone has saved it; Version is then 0.
type Data struct {
	Service   Service
	Saved     bool
	Invoice   Invoice
	Points    []Point
	Version   int
	UpdatedAt time.Time
	UpdatedBy string
}

// Status is one line of "Virksomhetens tjenester": a service and whether its
// merchant data is complete.
type Status struct {
	Service    Service
	Saved      bool // the invoice information is there (a save checks all of it)
	PointCount int
}

// Complete reports whether nothing is missing: invoice information and at
// least one notification point.
func (s Status) Complete() bool { return s.Saved && s.PointCount > 0 }

// snapshot is what the audit log stores before and after a save.
type snapshot struct {
	Service        string          `json:"service"`
	InvoiceEmail   string          `json:"invoice_email"`
	PostalAddress  string          `json:"postal_address"`
	BuyerReference string          `json:"buyer_reference"`
	ContactPerson  string          `json:"contact_person"`
	EHF            bool            `json:"ehf"`
	Points         []pointSnapshot `json:"notification_points"`
	Version        int             `json:"version"`
}

type pointSnapshot struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone,omitempty"`
}

func (d Data) snapshot() snapshot {
	points := make([]pointSnapshot, len(d.Points))
	for i, p := range d.Points {
		points[i] = pointSnapshot(p)
	}
	return snapshot{Service: string(d.Service), InvoiceEmail: d.Invoice.Email, PostalAddress: d.Invoice.PostalAddress,
		BuyerReference: d.Invoice.BuyerReference, ContactPerson: d.Invoice.ContactPerson, EHF: d.Invoice.EHF,
		Points: points, Version: d.Version}
}
