package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/scope"
)

// ScopePrefixOptions describe a scope prefix and the provider that owns it.
type ScopePrefixOptions struct {
	Prefix string // a fresh "tilbyder<n>" by default
	OrgNo  string // a new organisation by default
}

// ScopePrefix gives the organisation the prefix and returns the options as made.
func ScopePrefix(t testing.TB, db *pgxpool.Pool, o ScopePrefixOptions) ScopePrefixOptions {
	t.Helper()
	if o.Prefix == "" {
		o.Prefix = fmt.Sprintf("tilbyder%d", next())
	}
	if o.OrgNo == "" {
		o.OrgNo = Organisation(t, db, OrganisationOptions{}).No
	}
	_, err := db.Exec(context.Background(), `INSERT INTO scope_prefixes (prefix, org_no) VALUES ($1, $2)`, o.Prefix, o.OrgNo)
	require.NoError(t, err, "scope prefix %s", o.Prefix)
	return o
}

// Visibility values of a scope (migrations/00011_scope_definitions.sql).
const (
	VisibilityPublic  = "PUBLIC"
	VisibilityPrivate = "PRIVATE"
)

// ScopeOptions describe a scope with what its provider defines for it.
type ScopeOptions struct {
	Prefix           string // a new prefix of a new organisation by default
	Name             string // "<prefix>:api<n>" by default; must start with the prefix and a colon
	Description      string
	LongDescription  string
	MaxTokenLifetime int      // 120 seconds by default
	Inactive         bool     // deactivated by its provider
	Visibility       string   // VisibilityPublic by default
	AccessibleForAll bool     // open to every organisation without a grant
	IntegrationTypes []string // {maskinporten} by default
	CreatedBy        string   // "Testdata" by default
}

// Scope adds a scope and returns it as a consumer sees it.
func Scope(t testing.TB, db *pgxpool.Pool, o ScopeOptions) scope.Scope {
	t.Helper()
	if o.Prefix == "" {
		o.Prefix = ScopePrefix(t, db, ScopePrefixOptions{}).Prefix
	}
	if o.Name == "" {
		o.Name = fmt.Sprintf("%s:api%d", o.Prefix, next())
	}
	if o.MaxTokenLifetime == 0 {
		o.MaxTokenLifetime = 120
	}
	if o.Visibility == "" {
		o.Visibility = VisibilityPublic
	}
	if o.IntegrationTypes == nil {
		o.IntegrationTypes = []string{"maskinporten"}
	}
	if o.CreatedBy == "" {
		o.CreatedBy = "Testdata"
	}
	s := scope.Scope{Name: o.Name, Description: o.Description, MaxTokenLifetime: o.MaxTokenLifetime}
	err := db.QueryRow(context.Background(), `
		INSERT INTO scopes (prefix, name, description, long_description, max_token_lifetime, active,
		                    visibility, accessible_for_all, integration_types, created_by, updated_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
		RETURNING id`,
		o.Prefix, o.Name, o.Description, o.LongDescription, o.MaxTokenLifetime, !o.Inactive,
		o.Visibility, o.AccessibleForAll, o.IntegrationTypes, o.CreatedBy).Scan(&s.ID)
	require.NoError(t, err, "scope %s", o.Name)
	return s
}

// GrantOptions describe a scope shared with an organisation in an environment.
type GrantOptions struct {
	ScopeID   int64           // a new scope by default
	OrgNo     string          // a new organisation by default
	Env       environment.Env // TEST by default
	GrantedBy string          // "Testdata" by default
}

// Grant shares the scope with the organisation in the environment and
// returns the options as made.
func Grant(t testing.TB, db *pgxpool.Pool, o GrantOptions) GrantOptions {
	t.Helper()
	if o.ScopeID == 0 {
		o.ScopeID = Scope(t, db, ScopeOptions{}).ID
	}
	if o.OrgNo == "" {
		o.OrgNo = Organisation(t, db, OrganisationOptions{}).No
	}
	if o.Env == "" {
		o.Env = environment.Test
	}
	if o.GrantedBy == "" {
		o.GrantedBy = "Testdata"
	}
	_, err := db.Exec(context.Background(), `
		INSERT INTO scope_grants (scope_id, org_no, env, granted_by) VALUES ($1, $2, $3, $4)`,
		o.ScopeID, o.OrgNo, string(o.Env), o.GrantedBy)
	require.NoError(t, err, "grant of scope %d to %s in %s", o.ScopeID, o.OrgNo, o.Env)
	return o
}
