// Package integration holds the rules for Maskinporten integrations (OAuth2
// clients): creating, changing, keys, deactivating, and who may do so where.
package integration

import (
	"errors"
	"time"

	"github.com/google/uuid"

	"github.com/digdir/selvbetjening/internal/environment"
)

// ServiceMaskinporten is the only Difi-tjeneste offered so far.
const ServiceMaskinporten = "maskinporten"

// Limits the forms and the database agree on.
const (
	MaxNameLength        = 100
	MaxDescriptionLength = 1000
	DefaultTokenLifetime = 120   // seconds, as in Maskinporten
	MaxTokenLifetime     = 86400 // seconds: a day
	MaxActiveKeys        = 5
	MaxScopes            = 50
)

var (
	ErrConflict     = errors.New("the integration was changed by someone else")
	ErrInactive     = errors.New("the integration is deactivated")
	ErrTooManyKeys  = errors.New("the integration has the most active keys allowed")
	ErrDuplicateKey = errors.New("a key with that kid is already active")
)

// Integration is one Maskinporten client of one organisation in one environment.
type Integration struct {
	ClientID      uuid.UUID
	OrgNo         string
	Env           environment.Env
	Service       string
	Name          string
	Description   string
	TokenLifetime int
	Active        bool
	ScopeCount    int
	Version       int
	CreatedAt     time.Time
	CreatedBy     string
	UpdatedAt     time.Time
	UpdatedBy     string
	DeactivatedAt *time.Time
	Scopes        []GrantedScope
	Keys          []Key
}

// GrantedScope is a scope on an integration. Shared turns false when the
// provider withdraws access or deactivates the scope (Deactivated then
// says which): the page flags it rather than hiding it.
type GrantedScope struct {
	Name             string
	Description      string
	MaxTokenLifetime int
	Shared           bool
	Deactivated      bool
}

// Key is an active public key of an integration.
type Key struct {
	ID          int64
	KID         string
	Algorithm   string
	KeyType     string
	Bits        int
	Fingerprint string
	ExpiresAt   time.Time // KeyExpiry of its upload or latest renewal
	CreatedAt   time.Time
	CreatedBy   string
}

// ScopeNames returns the names of the integration's scopes.
func (i Integration) ScopeNames() []string {
	names := make([]string, len(i.Scopes))
	for n, s := range i.Scopes {
		names[n] = s.Name
	}
	return names
}

// snapshot is what the audit log stores before and after a change.
type snapshot struct {
	Name          string   `json:"name"`
	Description   string   `json:"description"`
	Env           string   `json:"env"`
	Service       string   `json:"service"`
	TokenLifetime int      `json:"token_lifetime"`
	Scopes        []string `json:"scopes"`
	Active        bool     `json:"active"`
	Version       int      `json:"version"`
}

func (i Integration) snapshot() snapshot {
	scopes := i.ScopeNames()
	if scopes == nil {
		scopes = []string{}
	}
	return snapshot{Name: i.Name, Description: i.Description, Env: string(i.Env), Service: i.Service,
		TokenLifetime: i.TokenLifetime, Scopes: scopes, Active: i.Active, Version: i.Version}
}
