package merchant

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/digdir/selvbetjening/internal/freetext"
)

// Field error codes; the text catalogue turns each into a Norwegian sentence.
const (
	CodeInvoiceEmailMissing   = "invoice_email_missing"
	CodeEmailInvalid          = "email_invalid"
	CodePostalAddressMissing  = "postal_address_missing"
	CodeContactPersonMissing  = "contact_person_missing"
	CodeBuyerReferenceMissing = "buyer_reference_missing"
	CodeTooLong               = "too_long"
	CodePointNameMissing      = "point_name_missing"
	CodePointEmailMissing     = "point_email_missing"
	CodePhoneInvalid          = "phone_invalid"
	CodeTooManyPoints         = "too_many_points"
	CodeDuplicatePoint        = "duplicate_point"
	CodeControlCharacter      = "control_character"
	CodeFormatCharacter       = "format_character"
)

// FieldCodes lists every field error code, for the text catalogue's test.
func FieldCodes() []string {
	return []string{CodeInvoiceEmailMissing, CodeEmailInvalid, CodePostalAddressMissing, CodeContactPersonMissing,
		CodeBuyerReferenceMissing, CodeTooLong, CodePointNameMissing, CodePointEmailMissing, CodePhoneInvalid,
		CodeTooManyPoints, CodeDuplicatePoint, CodeControlCharacter, CodeFormatCharacter}
}

// The form's fields, as FieldErrors names them. A notification point's
// fields are PointField(i, FieldPointName) and so on.
const (
	FieldInvoiceEmail   = "invoice_email"
	FieldPostalAddress  = "postal_address"
	FieldBuyerReference = "buyer_reference"
	FieldContactPerson  = "contact_person"
	FieldPoints         = "points"
	FieldPointName      = "name"
	FieldPointEmail     = "email"
	FieldPointPhone     = "phone"
)

// PointField names a field of the i-th notification point (from 0).
func PointField(i int, field string) string { return fmt.Sprintf("points.%d.%s", i, field) }

// FieldErrors maps a field to the code of what is wrong with it.
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
	return "invalid merchant data: " + strings.Join(keys, ", ")
}

// Draft is what the form submits, as typed.
type Draft struct {
	Invoice Invoice
	Points  []Point
}

// Normalize trims every field and drops notification points left wholly
// empty (a row added with "Legg til varslingspunkt" and never filled in).
func (d Draft) Normalize() Draft {
	inv := d.Invoice
	inv.Email = strings.TrimSpace(inv.Email)
	inv.PostalAddress = strings.TrimSpace(inv.PostalAddress)
	inv.BuyerReference = strings.TrimSpace(inv.BuyerReference)
	inv.ContactPerson = strings.TrimSpace(inv.ContactPerson)
	points := make([]Point, 0, len(d.Points))
	for _, p := range d.Points {
		p = Point{Name: strings.TrimSpace(p.Name), Email: strings.TrimSpace(p.Email), Phone: strings.TrimSpace(p.Phone)}
		if p != (Point{}) {
			points = append(points, p)
		}
	}
	return Draft{Invoice: inv, Points: points}
}

// Validate checks a normalized draft and returns it as it is stored:
// addresses in lower case, phone numbers as +47 and eight digits.
func (d Draft) Validate() (Draft, FieldErrors) {
	errs := FieldErrors{}
	out := Draft{Invoice: d.Invoice, Points: make([]Point, len(d.Points))}

	switch email := d.Invoice.Email; {
	case email == "" && !d.Invoice.EHF:
		// Without EHF, the invoice has nowhere else to go.
		errs[FieldInvoiceEmail] = FieldError{Code: CodeInvoiceEmailMissing}
	case email != "":
		if e, ok := checkEmail(email); !ok {
			errs[FieldInvoiceEmail] = e
		} else {
			out.Invoice.Email, _ = ParseEmail(email)
		}
	}
	checkText(errs, FieldPostalAddress, d.Invoice.PostalAddress, MaxAddressLength, freetext.MultiLine, CodePostalAddressMissing)
	checkText(errs, FieldContactPerson, d.Invoice.ContactPerson, MaxNameLength, freetext.OneLine, CodeContactPersonMissing)
	// An EHF invoice needs the buyer's reference (PEPPOL BIS Billing 3.0
	// requires it or an order reference, and there is no order here).
	missingRef := ""
	if d.Invoice.EHF {
		missingRef = CodeBuyerReferenceMissing
	}
	checkText(errs, FieldBuyerReference, d.Invoice.BuyerReference, MaxReferenceLength, freetext.OneLine, missingRef)

	if len(d.Points) > MaxPoints {
		errs[FieldPoints] = FieldError{Code: CodeTooManyPoints, Args: []any{MaxPoints}}
	}
	seen := map[string]bool{}
	for i, p := range d.Points {
		checkText(errs, PointField(i, FieldPointName), p.Name, MaxNameLength, freetext.OneLine, CodePointNameMissing)
		out.Points[i].Name = p.Name
		if p.Email == "" {
			errs[PointField(i, FieldPointEmail)] = FieldError{Code: CodePointEmailMissing}
		} else if e, ok := checkEmail(p.Email); !ok {
			errs[PointField(i, FieldPointEmail)] = e
		} else {
			out.Points[i].Email, _ = ParseEmail(p.Email)
			if seen[out.Points[i].Email] {
				// One address twice would get every e-mail once anyway (the
				// queue is unique per recipient); say so rather than store it.
				errs[PointField(i, FieldPointEmail)] = FieldError{Code: CodeDuplicatePoint}
			}
			seen[out.Points[i].Email] = true
		}
		if p.Phone != "" {
			phone, err := ParsePhone(p.Phone)
			if err != nil {
				errs[PointField(i, FieldPointPhone)] = FieldError{Code: CodePhoneInvalid}
			}
			out.Points[i].Phone = phone
		}
	}
	if len(errs) > 0 {
		return Draft{}, errs
	}
	return out, nil
}

func checkEmail(s string) (FieldError, bool) {
	if utf8.RuneCountInString(s) > MaxEmailLength {
		return FieldError{Code: CodeTooLong, Args: []any{MaxEmailLength}}, false
	}
	if _, err := ParseEmail(s); err != nil {
		return FieldError{Code: CodeEmailInvalid}, false
	}
	return FieldError{}, true
}

// checkText records what is wrong with a free-text field: missing (when
// missing names a code), too long, or holding characters a reader cannot see.
func checkText(errs FieldErrors, field, s string, max int, layout freetext.Layout, missing string) {
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		if missing != "" {
			errs[field] = FieldError{Code: missing}
		}
	case n > max || !utf8.ValidString(s):
		errs[field] = FieldError{Code: CodeTooLong, Args: []any{max}}
	default:
		var ce *freetext.CharacterError
		if errors.As(freetext.Check(s, layout), &ce) {
			if errors.Is(ce, freetext.ErrFormat) {
				errs[field] = FieldError{Code: CodeFormatCharacter, Args: []any{ce.CodePoint()}}
			} else {
				errs[field] = FieldError{Code: CodeControlCharacter}
			}
		}
	}
}
