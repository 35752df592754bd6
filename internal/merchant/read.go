package merchant

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/digdir/selvbetjening/internal/store"
)

// offeredSQL lists the services of the organisation $1: Maskinporten as
// consumer always, as provider when it owns a scope prefix.
const offeredSQL = `
	SELECT 'maskinporten-konsument' AS service, 1 AS ord
	UNION ALL
	SELECT 'maskinporten-tilbyder', 2 WHERE EXISTS (SELECT FROM scope_prefixes WHERE org_no = $1)`

// StatusListSQL is StatusList's one query ($1 the organisation); exported
// for the test of its plan.
const StatusListSQL = `
	SELECT s.service, m.org_no IS NOT NULL,
	       (SELECT count(*) FROM notification_points p WHERE p.service = s.service AND p.org_no = $1)
	FROM (` + offeredSQL + `) s
	LEFT JOIN merchant_data m ON m.org_no = $1 AND m.service = s.service
	ORDER BY s.ord`

// StatusList returns the organisation's services for "Virksomhetens
// tjenester", each with how complete its merchant data is, in one query.
func StatusList(ctx context.Context, db store.DB, orgNo string) ([]Status, error) {
	rows, err := db.Query(ctx, StatusListSQL, orgNo)
	if err != nil {
		return nil, fmt.Errorf("services of %s: %w", orgNo, err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Status, error) {
		var s Status
		err := r.Scan(&s.Service, &s.Saved, &s.PointCount)
		return s, err
	})
	if err != nil {
		return nil, fmt.Errorf("services of %s: %w", orgNo, err)
	}
	return list, nil
}

// WithoutPoints returns the organisation's services that have no
// notification point: the warning on its pages names them.
func WithoutPoints(list []Status) []Service {
	var out []Service
	for _, s := range list {
		if s.PointCount == 0 {
			out = append(out, s.Service)
		}
	}
	return out
}

// offered reports whether the organisation uses the service.
func offered(ctx context.Context, db store.DB, orgNo string, service Service) error {
	var ok bool
	err := db.QueryRow(ctx, `SELECT EXISTS (SELECT FROM (`+offeredSQL+`) s WHERE s.service = $2)`,
		orgNo, string(service)).Scan(&ok)
	if err != nil {
		return fmt.Errorf("services of %s: %w", orgNo, err)
	}
	if !ok {
		return fmt.Errorf("service %s of %s: %w", service, orgNo, store.ErrNotFound)
	}
	return nil
}

// Get returns the service's merchant data for the organisation; Saved is
// false when nobody has saved it yet. A service the organisation does not
// use is store.ErrNotFound.
func Get(ctx context.Context, db store.DB, orgNo string, service Service) (Data, error) {
	if err := offered(ctx, db, orgNo, service); err != nil {
		return Data{}, err
	}
	return read(ctx, db, orgNo, service, false)
}

// read loads the data, optionally locking the row for a change.
func read(ctx context.Context, db store.DB, orgNo string, service Service, lock bool) (Data, error) {
	d := Data{Service: service}
	q := `SELECT invoice_email, postal_address, buyer_reference, contact_person, ehf, version, updated_at, updated_by
		FROM merchant_data WHERE org_no = $1 AND service = $2`
	if lock {
		q += ` FOR UPDATE`
	}
	var updatedAt time.Time
	err := db.QueryRow(ctx, q, orgNo, string(service)).Scan(&d.Invoice.Email, &d.Invoice.PostalAddress,
		&d.Invoice.BuyerReference, &d.Invoice.ContactPerson, &d.Invoice.EHF, &d.Version, &updatedAt, &d.UpdatedBy)
	if err != nil {
		err = store.NotFound(err, fmt.Sprintf("merchant data %s of %s", service, orgNo))
		if errors.Is(err, store.ErrNotFound) {
			return d, nil // nobody has saved it yet
		}
		return Data{}, err
	}
	d.Saved, d.UpdatedAt = true, updatedAt
	points, err := NotificationPoints(ctx, db, service, []string{orgNo})
	if err != nil {
		return Data{}, err
	}
	d.Points = points[orgNo]
	return d, nil
}

// NotificationPointsSQL is NotificationPoints' one query ($1 the service,
// $2 the organisations); exported for the test of its plan.
const NotificationPointsSQL = `
	SELECT org_no, name, email, phone FROM notification_points
	WHERE service = $1 AND org_no = ANY($2)
	ORDER BY org_no, position`

// NotificationPoints returns the notification points of each of orgNos for
// the service, in one query however many organisations there are: an
// incident or an access request reaches them all at once. An organisation
// without any is absent from the map.
func NotificationPoints(ctx context.Context, db store.DB, service Service, orgNos []string) (map[string][]Point, error) {
	rows, err := db.Query(ctx, NotificationPointsSQL, string(service), orgNos)
	if err != nil {
		return nil, fmt.Errorf("notification points for %s: %w", service, err)
	}
	out := make(map[string][]Point)
	var orgNo string
	var p Point
	_, err = pgx.ForEachRow(rows, []any{&orgNo, &p.Name, &p.Email, &p.Phone}, func() error {
		out[orgNo] = append(out[orgNo], p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("notification points for %s: %w", service, err)
	}
	return out, nil
}

// AllSQL and AllPointsSQL are All's two queries ($1 the organisation):
// the invoice information of each service it uses, and all its
// notification points; exported for the test of their plans.
const AllSQL = `
	SELECT s.service, m.org_no IS NOT NULL, coalesce(m.invoice_email, ''), coalesce(m.postal_address, ''),
	       coalesce(m.buyer_reference, ''), coalesce(m.contact_person, ''), coalesce(m.ehf, false),
	       coalesce(m.version, 0), m.updated_at, coalesce(m.updated_by, '')
	FROM (` + offeredSQL + `) s
	LEFT JOIN merchant_data m ON m.org_no = $1 AND m.service = s.service
	ORDER BY s.ord`

const AllPointsSQL = `
	SELECT service, name, email, phone FROM notification_points WHERE org_no = $1 ORDER BY service, position`

// All returns the merchant data of every service the organisation uses, in
// the order of "Virksomhetens tjenester", in two queries however many
// services there are: the servicedesk console shows them on the
// organisation's page.
func All(ctx context.Context, db store.DB, orgNo string) ([]Data, error) {
	rows, err := db.Query(ctx, AllSQL, orgNo)
	if err != nil {
		return nil, fmt.Errorf("merchant data of %s: %w", orgNo, err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Data, error) {
		var d Data
		var updatedAt *time.Time
		err := r.Scan(&d.Service, &d.Saved, &d.Invoice.Email, &d.Invoice.PostalAddress, &d.Invoice.BuyerReference,
			&d.Invoice.ContactPerson, &d.Invoice.EHF, &d.Version, &updatedAt, &d.UpdatedBy)
		if updatedAt != nil {
			d.UpdatedAt = *updatedAt
		}
		return d, err
	})
	if err != nil {
		return nil, fmt.Errorf("merchant data of %s: %w", orgNo, err)
	}
	rows, err = db.Query(ctx, AllPointsSQL, orgNo)
	if err != nil {
		return nil, fmt.Errorf("notification points of %s: %w", orgNo, err)
	}
	points := make(map[Service][]Point)
	var service Service
	var p Point
	_, err = pgx.ForEachRow(rows, []any{&service, &p.Name, &p.Email, &p.Phone}, func() error {
		points[service] = append(points[service], p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("notification points of %s: %w", orgNo, err)
	}
	for i := range list {
		list[i].Points = points[list[i].Service]
	}
	return list, nil
}
