// Package org knows organisations, the e-mail domains that lead to them, and
// the person numbers servicedesk has registered for production.
package org

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/digdir/selvbetjening/internal/store"
)

// Organisation is a legal entity by its organisasjonsnummer.
type Organisation struct {
	No   string
	Name string
}

// ErrBadEmail means the login carried no usable e-mail address.
var ErrBadEmail = errors.New("e-mail address has no valid domain")

// EmailDomain returns the lower-cased domain of an e-mail address.
func EmailDomain(email string) (string, error) {
	at := strings.LastIndexByte(email, '@')
	if at <= 0 || at == len(email)-1 {
		return "", ErrBadEmail
	}
	domain := strings.ToLower(email[at+1:])
	if len(domain) > 253 || !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") ||
		strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") {
		return "", ErrBadEmail
	}
	for _, c := range domain {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return "", ErrBadEmail
		}
	}
	return domain, nil
}

// ForEmail lists the organisations the address's domain leads to, by name.
// Access is granted on the e-mail domain (the FAQ of Digdir's "Selvbetjening
// som API-konsument"), and one domain may lead to several organisations.
func ForEmail(ctx context.Context, db store.DB, email string) ([]Organisation, error) {
	domain, err := EmailDomain(email)
	if err != nil {
		return nil, err
	}
	rows, err := db.Query(ctx, `
		SELECT o.org_no, o.name
		FROM email_domains d JOIN organisations o USING (org_no)
		WHERE d.domain = $1
		ORDER BY o.name, o.org_no`, domain)
	if err != nil {
		return nil, fmt.Errorf("organisations for domain %q: %w", domain, err)
	}
	orgs, err := pgx.CollectRows(rows, scanOrganisation)
	if err != nil {
		return nil, fmt.Errorf("organisations for domain %q: %w", domain, err)
	}
	return orgs, nil
}

// ForEmailByNo returns the organisation with that number if the address's
// domain leads to it; store.ErrNotFound otherwise. It guards the org chooser.
func ForEmailByNo(ctx context.Context, db store.DB, email, orgNo string) (Organisation, error) {
	orgs, err := ForEmail(ctx, db, email)
	if err != nil {
		return Organisation{}, err
	}
	for _, o := range orgs {
		if o.No == orgNo {
			return o, nil
		}
	}
	// Neither the address nor the number asked for goes into the error: it
	// may be logged, and the number is whatever was posted.
	return Organisation{}, fmt.Errorf("organisation for the e-mail domain: %w", store.ErrNotFound)
}

// ProductionRegistered reports whether servicedesk has registered the person
// number for production access in the organisation.
func ProductionRegistered(ctx context.Context, db store.DB, orgNo, pid string) (bool, error) {
	if pid == "" {
		return false, nil
	}
	var ok bool
	err := db.QueryRow(ctx, `
		SELECT EXISTS (SELECT 1 FROM production_persons WHERE org_no = $1 AND pid = $2)`,
		orgNo, pid).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("production registration for %s: %w", orgNo, err)
	}
	return ok, nil
}

func scanOrganisation(r pgx.CollectableRow) (Organisation, error) {
	var o Organisation
	err := r.Scan(&o.No, &o.Name)
	return o, err
}
