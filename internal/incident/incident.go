// Package incident is servicedesk's "Ny hendelse": a critical incident in
// one of Digdir's services, sent by e-mail to the notification points of
// every organisation it affects. Digdir's guide «Selvbetjening som
// API-konsument» asks each organisation to keep its notification points
// current for exactly this: one without any misses what is critical.
//
// An incident, the organisations it concerned, its audit row and one
// queued e-mail per notification point are written in one transaction
// (Send); the e-mail worker (internal/mail) delivers them exactly once.
package incident

import (
	"time"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/merchant"
)

// Severity is how bad an incident is.
type Severity string

const (
	Critical Severity = "critical" // the service is down or unsafe
	Major    Severity = "major"    // the service works, but badly
	Minor    Severity = "minor"    // worth knowing, no action needed now
)

// Severities lists every severity, worst first, in the order of the form.
func Severities() []Severity { return []Severity{Critical, Major, Minor} }

// Audience says who an incident is for.
type Audience string

const (
	// Users is every organisation using the service in the incident's
	// environments when it is sent: as consumer, one with an active
	// integration there; as provider, one that owns a scope prefix in use.
	Users Audience = "users"
	// Chosen is the organisations servicedesk picked from the list.
	Chosen Audience = "chosen"
)

// Audiences lists both, in the order of the form.
func Audiences() []Audience { return []Audience{Users, Chosen} }

// Limits of the form, the same as the table's.
const (
	MaxTitleLength = 200
	MaxTextLength  = 5000
	MaxChosen      = 1000 // organisations picked by hand
)

// Incident is one sent incident, as the console lists it.
type Incident struct {
	ID        int64
	Title     string
	Text      string
	Service   merchant.Service
	Envs      []environment.Env // TEST, PROD or both, in that order
	Severity  Severity
	Audience  Audience
	CreatedBy string
	CreatedAt time.Time
	// OrgCount is how many organisations it concerned.
	OrgCount int
	// Deliveries counts its e-mails by status (mail.Status as text).
	Queued, Sent, Failed int
}

// Organisation is one that may be chosen as affected.
type Organisation struct {
	No, Name string
}

// snapshot is what the audit log keeps of a sent incident.
type snapshot struct {
	Title      string   `json:"title"`
	Text       string   `json:"text"`
	Service    string   `json:"service"`
	Envs       []string `json:"envs"`
	Severity   string   `json:"severity"`
	Audience   string   `json:"audience"`
	OrgCount   int      `json:"org_count"`
	OrgNos     []string `json:"org_nos,omitempty"` // the chosen ones; "users" may be thousands
	Recipients int      `json:"recipients"`
}
