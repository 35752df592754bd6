package pages

import (
	"context"
	"strconv"
	"strings"

	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/web/components"
	"github.com/digdir/selvbetjening/web/text"
)

// MerchantFormView is "Rediger integrasjon" for a service's merchant data.
type MerchantFormView struct {
	Service  merchant.Service
	Stored   merchant.Data // what is saved now
	Version  int
	Draft    merchant.Draft
	Errors   merchant.FieldErrors
	Conflict bool // someone else saved first; Stored holds what they saved
	// Gate is why «Lagre» is greyed out (merchant.SaveGate); nil when it is not.
	Gate error
}

// What each button of the form asks for, sent as handling=… and read in
// one place in internal/web (service_edit.go). They work without JavaScript:
// adding or removing a notification point shows the form again with what
// was typed, and saves nothing.
const (
	ButtonSavePoints   = "lagre"                   // "Lagre"
	ButtonAddPoint     = "legg-til-varslingspunkt" // "Legg til varslingspunkt"
	ButtonRemovePoint  = "fjern-varslingspunkt-"   // "Fjern", followed by the point's number from 0
	pointFieldsetID    = "varslingspunkter"
	invoiceEmailField  = "fakturaepost"
	postalAddressField = "postadresse"
	buyerRefField      = "deres-referanse"
	contactPersonField = "kontaktperson"
)

// The form's names for the fields, which internal/web reads back.
const (
	FormInvoiceEmail   = invoiceEmailField
	FormPostalAddress  = postalAddressField
	FormBuyerReference = buyerRefField
	FormContactPerson  = contactPersonField
	FormEHF            = "ehf"
	FormEHFYes         = "ja"
	FormPointName      = "varsel-navn"
	FormPointEmail     = "varsel-epost"
	FormPointPhone     = "varsel-telefon"
	FormVersion        = "versjon"
)

// RemovePointButton is the value of "Fjern" for the i-th point.
func RemovePointButton(i int) string { return ButtonRemovePoint + strconv.Itoa(i) }

// fieldID is the form's id of a domain field, as merchant.FieldErrors names it.
func merchantFieldID(domain string) string {
	switch domain {
	case merchant.FieldInvoiceEmail:
		return invoiceEmailField
	case merchant.FieldPostalAddress:
		return postalAddressField
	case merchant.FieldBuyerReference:
		return buyerRefField
	case merchant.FieldContactPerson:
		return contactPersonField
	case merchant.FieldPoints:
		return pointFieldsetID
	}
	// points.<i>.<field>
	parts := strings.Split(domain, ".")
	if len(parts) == 3 && parts[0] == merchant.FieldPoints {
		switch parts[2] {
		case merchant.FieldPointName:
			return FormPointName + "-" + parts[1]
		case merchant.FieldPointEmail:
			return FormPointEmail + "-" + parts[1]
		case merchant.FieldPointPhone:
			return FormPointPhone + "-" + parts[1]
		}
	}
	return domain
}

// errorID is the id of the error message of a domain field, "" for none.
func (v MerchantFormView) errorID(domain string) string {
	if _, ok := v.Errors[domain]; !ok {
		return ""
	}
	return "feil-" + merchantFieldID(domain)
}

func (v MerchantFormView) message(ctx context.Context, domain string) string {
	e, ok := v.Errors[domain]
	if !ok {
		return ""
	}
	t := text.From(ctx)
	if msg, ok := t.Merchant.FieldError(e); ok {
		return msg
	}
	return t.Common.ErrorSummary
}

// problems lists the form's errors in the order of its fields.
func (v MerchantFormView) problems(ctx context.Context) []components.ErrorLink {
	order := []string{merchant.FieldInvoiceEmail, merchant.FieldPostalAddress, merchant.FieldBuyerReference,
		merchant.FieldContactPerson, merchant.FieldPoints}
	for i := range v.Draft.Points {
		order = append(order, merchant.PointField(i, merchant.FieldPointName),
			merchant.PointField(i, merchant.FieldPointEmail), merchant.PointField(i, merchant.FieldPointPhone))
	}
	var out []components.ErrorLink
	for _, f := range order {
		if msg := v.message(ctx, f); msg != "" {
			id := merchantFieldID(f)
			if f == merchant.FieldPoints {
				id = v.errorID(f)
			}
			out = append(out, components.ErrorLink{FieldID: id, Message: msg})
		}
	}
	return out
}

// serviceName names a merchant service in words.
func merchantServiceName(ctx context.Context, s merchant.Service) string {
	if name, ok := text.From(ctx).Merchant.ServiceName(s); ok {
		return name
	}
	return string(s)
}

func pointID(field string, i int) string { return field + "-" + strconv.Itoa(i) }

// merchantChange says what a save changed, in the form's labels.
func merchantChange(ctx context.Context, c merchant.Change) string {
	t := text.From(ctx).Merchant
	if len(c.Fields) == 0 {
		return t.FirstSave
	}
	labels := make([]string, 0, len(c.Fields))
	for _, f := range c.Fields {
		if l, ok := t.FieldLabel(f); ok {
			labels = append(labels, l)
		} else {
			labels = append(labels, f)
		}
	}
	return t.ChangedFields(labels)
}
