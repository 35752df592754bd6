package merchant_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/merchant"
)

func validDraft() merchant.Draft {
	return merchant.Draft{
		Invoice: merchant.Invoice{Email: "faktura@konsument.example", PostalAddress: "Postboks 1\n0101 Oslo",
			BuyerReference: "K-123", ContactPerson: "Kari Konsument"},
		Points: []merchant.Point{{Name: "Drift", Email: "Drift@Konsument.example", Phone: "912 34 567"}},
	}
}

func TestDraftValidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		change func(*merchant.Draft)
		want   map[string]string // field → code; empty: valid
	}{
		{"Valid", func(*merchant.Draft) {}, nil},
		{"NoPointsIsValid", func(d *merchant.Draft) { d.Points = nil }, nil},
		{"EHFWithoutInvoiceEmail", func(d *merchant.Draft) { d.Invoice.EHF, d.Invoice.Email = true, "" }, nil},
		{"InvoiceEmailMissing", func(d *merchant.Draft) { d.Invoice.Email = "" },
			map[string]string{merchant.FieldInvoiceEmail: merchant.CodeInvoiceEmailMissing}},
		{"InvoiceEmailInvalid", func(d *merchant.Draft) { d.Invoice.Email = "faktura(at)konsument.example" },
			map[string]string{merchant.FieldInvoiceEmail: merchant.CodeEmailInvalid}},
		{"InvoiceEmailTooLong", func(d *merchant.Draft) { d.Invoice.Email = strings.Repeat("a", 260) + "@x.no" },
			map[string]string{merchant.FieldInvoiceEmail: merchant.CodeTooLong}},
		{"EHFWithBadInvoiceEmail", func(d *merchant.Draft) { d.Invoice.EHF, d.Invoice.Email = true, "nei" },
			map[string]string{merchant.FieldInvoiceEmail: merchant.CodeEmailInvalid}},
		{"PostalAddressMissing", func(d *merchant.Draft) { d.Invoice.PostalAddress = "" },
			map[string]string{merchant.FieldPostalAddress: merchant.CodePostalAddressMissing}},
		{"PostalAddressTooLong", func(d *merchant.Draft) { d.Invoice.PostalAddress = strings.Repeat("å", merchant.MaxAddressLength+1) },
			map[string]string{merchant.FieldPostalAddress: merchant.CodeTooLong}},
		{"PostalAddressControl", func(d *merchant.Draft) { d.Invoice.PostalAddress = "Gate 1\x00" },
			map[string]string{merchant.FieldPostalAddress: merchant.CodeControlCharacter}},
		{"ContactPersonMissing", func(d *merchant.Draft) { d.Invoice.ContactPerson = "" },
			map[string]string{merchant.FieldContactPerson: merchant.CodeContactPersonMissing}},
		{"ContactPersonTwoLines", func(d *merchant.Draft) { d.Invoice.ContactPerson = "Kari\nOla" },
			map[string]string{merchant.FieldContactPerson: merchant.CodeControlCharacter}},
		{"ContactPersonBidi", func(d *merchant.Draft) { d.Invoice.ContactPerson = "Kari\u202e" },
			map[string]string{merchant.FieldContactPerson: merchant.CodeFormatCharacter}},
		{"BuyerReferenceOptionalWithoutEHF", func(d *merchant.Draft) { d.Invoice.BuyerReference = "" }, nil},
		{"BuyerReferenceRequiredWithEHF", func(d *merchant.Draft) { d.Invoice.EHF, d.Invoice.BuyerReference = true, "" },
			map[string]string{merchant.FieldBuyerReference: merchant.CodeBuyerReferenceMissing}},
		{"BuyerReferenceTooLong", func(d *merchant.Draft) { d.Invoice.BuyerReference = strings.Repeat("x", 101) },
			map[string]string{merchant.FieldBuyerReference: merchant.CodeTooLong}},
		{"PointNameMissing", func(d *merchant.Draft) { d.Points[0].Name = "" },
			map[string]string{merchant.PointField(0, merchant.FieldPointName): merchant.CodePointNameMissing}},
		{"PointNameTooLong", func(d *merchant.Draft) { d.Points[0].Name = strings.Repeat("n", 101) },
			map[string]string{merchant.PointField(0, merchant.FieldPointName): merchant.CodeTooLong}},
		{"PointEmailMissing", func(d *merchant.Draft) { d.Points[0].Email = "" },
			map[string]string{merchant.PointField(0, merchant.FieldPointEmail): merchant.CodePointEmailMissing}},
		{"PointEmailInvalid", func(d *merchant.Draft) { d.Points[0].Email = "drift@konsument" },
			map[string]string{merchant.PointField(0, merchant.FieldPointEmail): merchant.CodeEmailInvalid}},
		{"PointPhoneInvalid", func(d *merchant.Draft) { d.Points[0].Phone = "+46 70 123 45 67" },
			map[string]string{merchant.PointField(0, merchant.FieldPointPhone): merchant.CodePhoneInvalid}},
		{"PointPhoneOptional", func(d *merchant.Draft) { d.Points[0].Phone = "" }, nil},
		{"DuplicatePoint", func(d *merchant.Draft) {
			d.Points = append(d.Points, merchant.Point{Name: "Vakt", Email: "drift@konsument.example"})
		}, map[string]string{merchant.PointField(1, merchant.FieldPointEmail): merchant.CodeDuplicatePoint}},
		{"TooManyPoints", func(d *merchant.Draft) {
			for i := range merchant.MaxPoints {
				d.Points = append(d.Points, merchant.Point{Name: "P", Email: strings.Repeat("p", i+1) + "@x.no"})
			}
		}, map[string]string{merchant.FieldPoints: merchant.CodeTooManyPoints}},
		{"SecondPointKeepsItsIndex", func(d *merchant.Draft) {
			d.Points = append(d.Points, merchant.Point{Name: "Vakt", Email: "vakt@konsument.example", Phone: "12"})
		}, map[string]string{merchant.PointField(1, merchant.FieldPointPhone): merchant.CodePhoneInvalid}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := validDraft()
			tc.change(&d)
			_, errs := d.Normalize().Validate()
			got := map[string]string{}
			for f, e := range errs {
				got[f] = e.Code
			}
			if tc.want == nil {
				require.Empty(t, got)
				return
			}
			require.Equal(t, tc.want, got)
		})
	}
}

func TestDraftValidateReturnsWhatIsStored(t *testing.T) {
	t.Parallel()
	d := validDraft()
	d.Points = append(d.Points, merchant.Point{Name: "  ", Email: " ", Phone: ""}, merchant.Point{})
	d.Invoice.ContactPerson = "  Kari Konsument "
	out, errs := d.Normalize().Validate()
	require.Nil(t, errs)
	require.Equal(t, "Kari Konsument", out.Invoice.ContactPerson)
	require.Equal(t, []merchant.Point{{Name: "Drift", Email: "drift@konsument.example", Phone: "+4791234567"}}, out.Points,
		"empty rows are dropped, the address lower-cased, the phone number written one way")
}
