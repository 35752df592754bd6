// Package provider holds the rules for API providers ("Selvbetjening for
// API-tilbydere via Samarbeidsportalen"): an organisation that owns a scope
// prefix defines scopes under it, shares each with consumer organisations
// per environment, and answers their requests for access. Only the prefix's
// owner sees or touches its scopes: another organisation's scope is
// store.ErrNotFound.
package provider

import (
	"errors"
	"slices"
	"strings"
	"time"
)

// Visibility of a scope: listed for every organisation, or seen only by
// those it is shared with.
const (
	VisibilityPublic  = "PUBLIC"
	VisibilityPrivate = "PRIVATE"
)

// IntegrationTypeMaskinporten is the only integration type so far.
const IntegrationTypeMaskinporten = "maskinporten"

// IntegrationTypes lists the integration types a scope may be used by.
func IntegrationTypes() []string { return []string{IntegrationTypeMaskinporten} }

// Limits the forms and the database agree on.
const (
	MaxDescriptionLength     = 300
	MaxLongDescriptionLength = 2000
	MaxReasonLength          = 1000
	DefaultTokenLifetime     = 120   // seconds, as in Maskinporten
	MaxTokenLifetime         = 86400 // seconds: a day (Maskinporten's at_max_age)
)

// Field error codes; the text catalogue turns each into a Norwegian sentence.
const (
	CodePrefixMissing          = "prefix_missing"
	CodePrefixNotOwned         = "prefix_not_owned"
	CodePrefixRetired          = "prefix_retired"
	CodeSubscopeMissing        = "subscope_missing"
	CodeSubscopeTooLong        = "subscope_too_long"
	CodeSubscopeCharacter      = "subscope_character"
	CodeSubscopeSeparator      = "subscope_separator"
	CodeNameTaken              = "name_taken"
	CodeDescriptionMissing     = "description_missing"
	CodeDescriptionTooLong     = "description_too_long"
	CodeLongDescriptionTooLong = "long_description_too_long"
	CodeControlCharacter       = "control_character"
	CodeFormatCharacter        = "format_character"
	CodeVisibilityInvalid      = "visibility_invalid"
	CodeLifetimeInvalid        = "lifetime_invalid"
	CodeIntegrationTypes       = "integration_types_invalid"
	CodeOrgNumbersMissing      = "org_numbers_missing"
	CodeOrgNumberInvalid       = "org_number_invalid"
	CodeTooManyOrgNumbers      = "too_many_org_numbers"
	CodeAlreadyShared          = "already_shared"
	CodeReasonMissing          = "reason_missing"
	CodeReasonTooLong          = "reason_too_long"
)

// The form fields, as the keys of FieldErrors.
const (
	FieldPrefix           = "prefix"
	FieldSubscope         = "subscope"
	FieldDescription      = "description"
	FieldLongDescription  = "long_description"
	FieldVisibility       = "visibility"
	FieldTokenLifetime    = "token_lifetime"
	FieldIntegrationTypes = "integration_types"
	FieldOrgNumbers       = "org_numbers"
	FieldReason           = "reason"
)

var (
	// ErrConflict: the scope changed since the form was loaded.
	ErrConflict = errors.New("the scope was changed by someone else")
	// ErrNotShared: withdrawing access the organisation does not have.
	ErrNotShared = errors.New("the scope is not shared with that organisation there")
	// ErrAnswered: the request was answered already.
	ErrAnswered = errors.New("the access request is already answered")
)

// FieldErrors maps a form field to what is wrong with it.
type FieldErrors map[string]FieldError

// FieldError is one problem with one field; Args fill the message.
type FieldError struct {
	Code string
	Args []any
}

func (f FieldErrors) Error() string {
	keys := make([]string, 0, len(f))
	for k, v := range f {
		keys = append(keys, k+": "+v.Code)
	}
	slices.Sort(keys)
	return "invalid scope: " + strings.Join(keys, ", ")
}

// Scope is one scope as its provider sees it.
type Scope struct {
	ID               int64
	Prefix           string
	Name             string
	Description      string
	LongDescription  string
	Visibility       string
	AccessibleForAll bool
	MaxTokenLifetime int
	IntegrationTypes []string
	Active           bool
	Version          int64
	CreatedAt        time.Time
	CreatedBy        string
	UpdatedAt        time.Time
	UpdatedBy        string
	// PrefixRetired: servicedesk retired the prefix; the scope is kept and
	// may still be shared, but its definition can no longer be changed.
	PrefixRetired bool
}

// Subscope is the name after the prefix.
func (s Scope) Subscope() string { return strings.TrimPrefix(s.Name, s.Prefix+":") }

// snapshot is what the audit log stores before and after a change.
type snapshot struct {
	Name             string   `json:"name"`
	Description      string   `json:"description"`
	LongDescription  string   `json:"long_description"`
	Visibility       string   `json:"visibility"`
	AccessibleForAll bool     `json:"accessible_for_all"`
	MaxTokenLifetime int      `json:"max_token_lifetime"`
	IntegrationTypes []string `json:"integration_types"`
	Active           bool     `json:"active"`
	Version          int64    `json:"version"`
}

func (s Scope) snapshot() snapshot {
	return snapshot{Name: s.Name, Description: s.Description, LongDescription: s.LongDescription,
		Visibility: s.Visibility, AccessibleForAll: s.AccessibleForAll, MaxTokenLifetime: s.MaxTokenLifetime,
		IntegrationTypes: s.IntegrationTypes, Active: s.Active, Version: s.Version}
}

// FieldCodes lists every field error code (the Code… constants).
func FieldCodes() []string {
	return []string{CodePrefixMissing, CodePrefixNotOwned, CodePrefixRetired, CodeSubscopeMissing, CodeSubscopeTooLong,
		CodeSubscopeCharacter, CodeSubscopeSeparator, CodeNameTaken, CodeDescriptionMissing,
		CodeDescriptionTooLong, CodeLongDescriptionTooLong, CodeControlCharacter, CodeFormatCharacter,
		CodeVisibilityInvalid, CodeLifetimeInvalid, CodeIntegrationTypes, CodeOrgNumbersMissing,
		CodeOrgNumberInvalid, CodeTooManyOrgNumbers, CodeAlreadyShared, CodeReasonMissing, CodeReasonTooLong}
}

// Fields lists every form field (the Field… constants).
func Fields() []string {
	return []string{FieldPrefix, FieldSubscope, FieldDescription, FieldLongDescription, FieldVisibility,
		FieldTokenLifetime, FieldIntegrationTypes, FieldOrgNumbers, FieldReason}
}
