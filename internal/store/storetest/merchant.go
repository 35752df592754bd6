package storetest

import (
	"context"
	"fmt"
	"testing"

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
	actor := identity.Actor{Person: identity.Person{Name: o.SavedBy}, OrgNo: o.OrgNo}
	before, err := merchant.Get(ctx, db, o.OrgNo, o.Service)
	require.NoError(t, err, "merchant data %s of %s", o.Service, o.OrgNo)
	err = merchant.Save(ctx, db, actor, o.Service, before.Version, merchant.Draft{Invoice: o.Invoice, Points: o.Points})
	require.NoError(t, err, "merchant data %s of %s", o.Service, o.OrgNo)
	d, err := merchant.Get(ctx, db, o.OrgNo, o.Service)
	require.NoError(t, err, "read merchant data %s of %s", o.Service, o.OrgNo)
	return d
}
