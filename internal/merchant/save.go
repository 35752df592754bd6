package merchant

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/store"
)

// EntityType is the audit log's name for merchant data; the entity id is
// the service, read within the organisation.
const EntityType = "merchant_data"

// change is the access rule for merchant data: a change in production.
// The notification points are where Maskinporten sends its e-mails about
// incidents and expiring keys, in PROD as in TEST (the guide «Selvbetjening
// som API-konsument»: "Varslingspunkt(er) får eposter ved kritiske
// hendelser i løsningen"), and the data is one per service, not per
// environment; so whoever redirects them redirects PROD's warnings.
func change(ctx context.Context, db store.DB, actor identity.Actor) error {
	return access.ChangeIn(ctx, db, actor, environment.Prod)
}

// SaveGate is Save's access rule for the page that greys out «Lagre».
func SaveGate(ctx context.Context, db store.DB, actor identity.Actor) error {
	return change(ctx, db, actor)
}

// Save stores the form for the actor's organisation ("Lagre"). version is
// the one the form was loaded with (0 before the first save); a save based
// on an older one is ErrConflict, unless it asks for exactly what is stored
// (a second click on "Lagre").
func Save(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, service Service, version int, d Draft) error {
	d, errs := d.Normalize().Validate()
	return store.InTx(ctx, pool, func(tx pgx.Tx) error {
		if err := offered(ctx, tx, actor.OrgNo, service); err != nil {
			return err
		}
		if err := change(ctx, tx, actor); err != nil {
			return err
		}
		if errs != nil {
			return errs
		}
		before, err := read(ctx, tx, actor.OrgNo, service, true)
		if err != nil {
			return err
		}
		if !before.Saved {
			// The first save: two at once meet at the primary key, and the
			// second waits for the first and then reads what it stored.
			tag, err := tx.Exec(ctx, `
				INSERT INTO merchant_data (org_no, service, invoice_email, postal_address, buyer_reference,
				                           contact_person, ehf, updated_by)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
				ON CONFLICT (org_no, service) DO NOTHING`,
				actor.OrgNo, string(service), d.Invoice.Email, d.Invoice.PostalAddress, d.Invoice.BuyerReference,
				d.Invoice.ContactPerson, d.Invoice.EHF, actor.Name)
			if err != nil {
				return fmt.Errorf("insert merchant data %s of %s: %w", service, actor.OrgNo, err)
			}
			if tag.RowsAffected() == 0 {
				if before, err = read(ctx, tx, actor.OrgNo, service, true); err != nil {
					return err
				}
				if before.holds(d) {
					return nil
				}
				return ErrConflict
			}
		} else {
			if before.holds(d) {
				// Nothing to change: a second click on "Lagre", or the form
				// saved unchanged. Neither is a conflict or worth a version.
				return nil
			}
			if before.Version != version {
				return ErrConflict
			}
			_, err := tx.Exec(ctx, `
				UPDATE merchant_data
				SET invoice_email = $3, postal_address = $4, buyer_reference = $5, contact_person = $6, ehf = $7,
				    version = version + 1, updated_at = now(), updated_by = $8
				WHERE org_no = $1 AND service = $2`,
				actor.OrgNo, string(service), d.Invoice.Email, d.Invoice.PostalAddress, d.Invoice.BuyerReference,
				d.Invoice.ContactPerson, d.Invoice.EHF, actor.Name)
			if err != nil {
				return fmt.Errorf("update merchant data %s of %s: %w", service, actor.OrgNo, err)
			}
			if _, err := tx.Exec(ctx, `DELETE FROM notification_points WHERE org_no = $1 AND service = $2`,
				actor.OrgNo, string(service)); err != nil {
				return fmt.Errorf("clear notification points %s of %s: %w", service, actor.OrgNo, err)
			}
		}
		if err := insertPoints(ctx, tx, actor.OrgNo, service, d.Points); err != nil {
			return err
		}
		after := Data{Service: service, Saved: true, Invoice: d.Invoice, Points: d.Points, Version: before.Version + 1}
		var beforeSnap any
		if before.Saved {
			beforeSnap = before.snapshot()
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: audit.MerchantSave, EntityType: EntityType,
			EntityID: string(service), Before: beforeSnap, After: after.snapshot()})
	})
}

// holds reports whether the stored data is already what d asks for.
func (d Data) holds(want Draft) bool {
	return d.Saved && d.Invoice == want.Invoice && slices.Equal(d.Points, want.Points)
}

func insertPoints(ctx context.Context, tx pgx.Tx, orgNo string, service Service, points []Point) error {
	if len(points) == 0 {
		return nil
	}
	names, emails, phones := make([]string, len(points)), make([]string, len(points)), make([]string, len(points))
	for i, p := range points {
		names[i], emails[i], phones[i] = p.Name, p.Email, p.Phone
	}
	_, err := tx.Exec(ctx, `
		INSERT INTO notification_points (org_no, service, position, name, email, phone)
		SELECT $1, $2, n - 1, name, email, phone
		FROM unnest($3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS p(name, email, phone, n)`,
		orgNo, string(service), names, emails, phones)
	if err != nil {
		return fmt.Errorf("insert notification points %s of %s: %w", service, orgNo, err)
	}
	return nil
}
