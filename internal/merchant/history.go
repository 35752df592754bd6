package merchant

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/store"
)

// FieldEHF names the EHF choice in a Change; the other fields are named as
// in FieldErrors.
const FieldEHF = "ehf"

// ChangeFields lists every field a Change may name, for the text catalogue.
func ChangeFields() []string {
	return []string{FieldInvoiceEmail, FieldPostalAddress, FieldBuyerReference, FieldContactPerson, FieldEHF, FieldPoints}
}

// Change is one save of a service's merchant data, decoded from the audit
// log's snapshots.
type Change struct {
	At        time.Time
	ActorName string
	Action    audit.Action
	// Fields names what the save changed (ChangeFields); nil for the first.
	Fields []string
}

// History returns the saves of the service's merchant data within orgNo,
// newest first.
func History(ctx context.Context, db store.DB, orgNo string, service Service, limit int) ([]Change, error) {
	events, err := audit.History(ctx, db, orgNo, EntityType, string(service), limit)
	if err != nil {
		return nil, err
	}
	changes := make([]Change, len(events))
	for i, e := range events {
		changes[i] = Change{At: e.At, ActorName: e.ActorName, Action: e.Action}
		var before, after snapshot
		if e.Before == nil || json.Unmarshal(e.Before, &before) != nil || json.Unmarshal(e.After, &after) != nil {
			continue // the first save, or a row that does not decode: its action alone
		}
		changes[i].Fields = changed(before, after)
	}
	return changes, nil
}

func changed(before, after snapshot) []string {
	var out []string
	add := func(field string, differ bool) {
		if differ {
			out = append(out, field)
		}
	}
	add(FieldInvoiceEmail, before.InvoiceEmail != after.InvoiceEmail)
	add(FieldPostalAddress, before.PostalAddress != after.PostalAddress)
	add(FieldBuyerReference, before.BuyerReference != after.BuyerReference)
	add(FieldContactPerson, before.ContactPerson != after.ContactPerson)
	add(FieldEHF, before.EHF != after.EHF)
	add(FieldPoints, !slices.Equal(before.Points, after.Points))
	return out
}
