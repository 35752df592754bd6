package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/merchant"
)

// MerchantOptions describe a service's merchant data for an organisation.
type MerchantOptions struct {
	OrgNo   string           // a new organisation by default
	Service merchant.Service // merchant.Consumer by default
	// Invoice is complete invoice information by default.
	Invoice merchant.Invoice
	// Points are the notification points: one fresh point by default, none
	// with NoPoints.
	Points   []merchant.Point
	NoPoints bool
	SavedBy  string // "Testdata" by default
}

// Merchant saves the merchant data through merchant.Save, audit entry and
// all, and returns it as merchant.Get reads it. Merchant data for the
// provider service needs the organisation to own a prefix (ScopePrefix).
func Merchant(t testing.TB, db *pgxpool.Pool, o MerchantOptions) merchant.Data {
	t.Helper()
	ctx := context.Background()
	if o.OrgNo == "" {
		o.OrgNo = Organisation(t, db, OrganisationOptions{}).No
	}
	if o.Service == "" {
		o.Service = merchant.Consumer
	}
	if o.Invoice == (merchant.Invoice{}) {
		o.Invoice = merchant.Invoice{Email: "faktura@" + o.OrgNo + ".example", PostalAddress: "Postboks 1\n0101 Oslo",
			BuyerReference: "REF-" + o.OrgNo, ContactPerson: "Kontakt " + o.OrgNo}
	}
	if o.Points == nil && !o.NoPoints {
		n := next()
		o.Points = []merchant.Point{{Name: fmt.Sprintf("Varsel %d", n), Email: fmt.Sprintf("varsel-%d@%s.example", n, o.OrgNo)}}
	}
	if o.SavedBy == "" {
		o.SavedBy = "Testdata"
	}
	// Saving is a change in production (merchant.Save): the saver is
	// registered for it and logged in through ID-porten just now.
	pid := ProductionPerson(t, db, ProductionPersonOptions{OrgNo: o.OrgNo, Name: o.SavedBy}).PID
	actor := identity.Actor{Person: identity.Person{Name: o.SavedBy, PID: pid}, OrgNo: o.OrgNo,
		FreshLoginUntil: time.Now().Add(time.Hour)}
	before, err := merchant.Get(ctx, db, o.OrgNo, o.Service)
	require.NoError(t, err, "merchant data %s of %s", o.Service, o.OrgNo)
	err = merchant.Save(ctx, db, actor, o.Service, before.Version, merchant.Draft{Invoice: o.Invoice, Points: o.Points})
	require.NoError(t, err, "merchant data %s of %s", o.Service, o.OrgNo)
	d, err := merchant.Get(ctx, db, o.OrgNo, o.Service)
	require.NoError(t, err, "read merchant data %s of %s", o.Service, o.OrgNo)
	return d
}

// ManyMerchantOptions describe a mass of organisations with merchant data,
// for tests of scale and benchmarks.
type ManyMerchantOptions struct {
	Count      int              // organisations, each new
	Service    merchant.Service // merchant.Consumer by default
	PointsEach int              // notification points per organisation
}

// ManyMerchant adds Count organisations with merchant data for the service
// and PointsEach notification points each, in three statements, then
// ANALYZE, and returns their numbers. The numbers are nine digits from
// 400000000 without a check digit (the database asks for none): enough for
// plans and benchmarks, never shown to a person.
func ManyMerchant(t testing.TB, db *pgxpool.Pool, o ManyMerchantOptions) []string {
	t.Helper()
	ctx := context.Background()
	if o.Service == "" {
		o.Service = merchant.Consumer
	}
	first := 400000000 + next()*1000000
	_, err := db.Exec(ctx, `
		INSERT INTO organisations (org_no, name)
		SELECT n::text, 'Virksomhet ' || n FROM generate_series($1::bigint, $1::bigint + $2 - 1) AS n`, first, o.Count)
	require.NoError(t, err, "%d organisations", o.Count)
	_, err = db.Exec(ctx, `
		INSERT INTO merchant_data (org_no, service, invoice_email, postal_address, contact_person, updated_by)
		SELECT n::text, $3, 'faktura@' || n || '.example', 'Postboks 1', 'Kontakt ' || n, 'Testdata'
		FROM generate_series($1::bigint, $1::bigint + $2 - 1) AS n`, first, o.Count, string(o.Service))
	require.NoError(t, err, "merchant data of %d organisations", o.Count)
	_, err = db.Exec(ctx, `
		INSERT INTO notification_points (org_no, service, position, name, email)
		SELECT n::text, $3, p, 'Varsel ' || p, 'varsel-' || p || '@' || n || '.example'
		FROM generate_series($1::bigint, $1::bigint + $2 - 1) AS n, generate_series(0, $4 - 1) AS p`,
		first, o.Count, string(o.Service), o.PointsEach)
	require.NoError(t, err, "notification points of %d organisations", o.Count)
	_, err = db.Exec(ctx, `ANALYZE organisations, merchant_data, notification_points, scope_prefixes`)
	require.NoError(t, err)
	orgNos := make([]string, o.Count)
	for i := range orgNos {
		orgNos[i] = fmt.Sprint(first + int64(i))
	}
	return orgNos
}
