package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/org"
)

// OrganisationOptions describe an organisation; empty fields get defaults.
type OrganisationOptions struct {
	No   string // a fresh valid number by default
	Name string // "Virksomhet <No> AS" by default
}

// Organisation adds an organisation.
func Organisation(t testing.TB, db *pgxpool.Pool, o OrganisationOptions) org.Organisation {
	t.Helper()
	if o.No == "" {
		o.No = newOrgNo()
	}
	if o.Name == "" {
		o.Name = "Virksomhet " + o.No + " AS"
	}
	_, err := db.Exec(context.Background(), `INSERT INTO organisations (org_no, name) VALUES ($1, $2)`, o.No, o.Name)
	require.NoError(t, err, "organisation %s", o.No)
	return org.Organisation{No: o.No, Name: o.Name}
}

// EmailDomainOptions describe an e-mail domain that leads to an organisation.
type EmailDomainOptions struct {
	Domain string // a fresh "domene-<n>.example" by default
	OrgNo  string // a new organisation by default
}

// EmailDomain lets the domain lead to the organisation and returns the
// options as made, defaults filled in.
func EmailDomain(t testing.TB, db *pgxpool.Pool, o EmailDomainOptions) EmailDomainOptions {
	t.Helper()
	if o.Domain == "" {
		o.Domain = fmt.Sprintf("domene-%d.example", next())
	}
	if o.OrgNo == "" {
		o.OrgNo = Organisation(t, db, OrganisationOptions{}).No
	}
	_, err := db.Exec(context.Background(), `INSERT INTO email_domains (domain, org_no) VALUES ($1, $2)`, o.Domain, o.OrgNo)
	require.NoError(t, err, "e-mail domain %s for %s", o.Domain, o.OrgNo)
	return o
}

// ProductionPersonOptions describe a person number servicedesk registered
// for production in an organisation (production_persons).
type ProductionPersonOptions struct {
	OrgNo string // a new organisation by default
	PID   string // a fresh synthetic person number by default
	Name  string // the name servicedesk typed with the number; "Person <n>" by default
}

// ProductionPerson registers the person number for production in the
// organisation and returns the options as made.
func ProductionPerson(t testing.TB, db *pgxpool.Pool, o ProductionPersonOptions) ProductionPersonOptions {
	t.Helper()
	if o.OrgNo == "" {
		o.OrgNo = Organisation(t, db, OrganisationOptions{}).No
	}
	if o.PID == "" {
		o.PID = newPID()
	}
	if o.Name == "" {
		o.Name = fmt.Sprintf("Person %d", next())
	}
	_, err := db.Exec(context.Background(), `INSERT INTO production_persons (org_no, pid, name) VALUES ($1, $2, $3)`,
		o.OrgNo, o.PID, o.Name)
	require.NoError(t, err, "production registration in %s", o.OrgNo)
	return o
}

// ServicedeskPersonOptions describe a member of servicedesk (servicedesk_staff).
type ServicedeskPersonOptions struct {
	PID  string // a fresh synthetic person number by default
	Name string // "Servicedesk <n>" by default
}

// ServicedeskPerson adds a member of servicedesk and returns the options as made.
func ServicedeskPerson(t testing.TB, db *pgxpool.Pool, o ServicedeskPersonOptions) ServicedeskPersonOptions {
	t.Helper()
	if o.PID == "" {
		o.PID = newPID()
	}
	if o.Name == "" {
		o.Name = fmt.Sprintf("Servicedesk %d", next())
	}
	_, err := db.Exec(context.Background(), `INSERT INTO servicedesk_staff (pid, name) VALUES ($1, $2)`, o.PID, o.Name)
	require.NoError(t, err, "servicedesk person %s", o.Name)
	return o
}
