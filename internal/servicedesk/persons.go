package servicedesk

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/personid"
	"github.com/digdir/selvbetjening/internal/store"
)

// The FAQ of Digdir's "Selvbetjening som API-konsument": to administer in
// production, a person logs in with ID-porten, and servicedesk must have
// registered their person number for the organisation beforehand. The
// production gate (access.ChangeIn) asks at every request, so a
// registration or a removal takes effect at the person's next click, not
// their next login. No person number is ever put in an error or a log line.

// personSnapshot is what the audit log keeps of a registration: the number
// masked, since an organisation's own users read its part of the log.
type personSnapshot struct {
	Name  string `json:"name"`
	PID   string `json:"pid"`
	OrgNo string `json:"org_no"`
	Env   string `json:"env"` // production: the environment the registration opens
}

// Registered is what the confirmation right after registering shows: the
// one place the full number is shown again.
type Registered struct {
	Person
	PID     string
	Already bool // the number was registered at the organisation already
}

// RegisterPerson registers a fødselsnummer or D-number for production at
// the organisation, with the person's name. The same number again (a double
// click) is the registration already there. store.ErrNotFound when the
// organisation does not exist.
func RegisterPerson(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, orgNo, pid, name string, testDeployment bool) (Registered, error) {
	pid, name = digitsOnly(pid), strings.TrimSpace(name)
	errs := FieldErrors{}
	if c := checkPID(pid, testDeployment); c != "" {
		errs["fodselsnummer"] = c
	}
	if c := checkName(name); c != "" {
		errs["navn"] = c
	}
	var reg Registered
	err := inConsole(ctx, pool, actor, func(tx pgx.Tx) error {
		o, err := GetOrganisation(ctx, tx, orgNo)
		if err != nil {
			return err
		}
		if len(errs) > 0 {
			return errs
		}
		reg = Registered{PID: pid, Person: Person{OrgNo: orgNo, OrgName: o.Name, Name: name,
			MaskedPID: personid.Masked(pid), RegisteredBy: actor.Name}}
		err = tx.QueryRow(ctx, `
			INSERT INTO production_persons (org_no, pid, name, registered_by) VALUES ($1, $2, $3, $4)
			ON CONFLICT (org_no, pid) DO NOTHING
			RETURNING id, registered_at`, orgNo, pid, name, actor.Name).Scan(&reg.ID, &reg.RegisteredAt)
		if store.NoRow(err) {
			reg.Already = true
			return tx.QueryRow(ctx, `
				SELECT id, name, registered_by, registered_at FROM production_persons WHERE org_no = $1 AND pid = $2`,
				orgNo, pid).Scan(&reg.ID, &reg.Name, &reg.RegisteredBy, &reg.RegisteredAt)
		}
		if err != nil {
			return fmt.Errorf("register a person for production at %s: %w", orgNo, err)
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: audit.ProductionPersonRegister, EntityType: "production_person",
			EntityID: strconv.FormatInt(reg.ID, 10), OrgNo: orgNo,
			After: personSnapshot{Name: name, PID: reg.MaskedPID, OrgNo: orgNo, Env: "PROD"}})
	})
	return reg, err
}

// RemovePerson removes a registration of the organisation. One already
// removed is removed (a double click); one of another organisation is
// store.ErrNotFound, as is an organisation that does not exist.
func RemovePerson(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, orgNo string, id int64) error {
	return inConsole(ctx, pool, actor, func(tx pgx.Tx) error {
		if _, err := GetOrganisation(ctx, tx, orgNo); err != nil {
			return err
		}
		var p personSnapshot
		var pid string
		err := tx.QueryRow(ctx, `DELETE FROM production_persons WHERE id = $1 AND org_no = $2 RETURNING pid, name`,
			id, orgNo).Scan(&pid, &p.Name)
		if store.NoRow(err) {
			var elsewhere bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM production_persons WHERE id = $1)`, id).
				Scan(&elsewhere); err != nil {
				return fmt.Errorf("registration %d: %w", id, err)
			}
			if elsewhere {
				return fmt.Errorf("registration %d at %s: %w", id, orgNo, store.ErrNotFound)
			}
			return nil // removed already
		}
		if err != nil {
			return fmt.Errorf("remove registration %d: %w", id, err)
		}
		p.PID, p.OrgNo, p.Env = personid.Masked(pid), orgNo, "PROD"
		return audit.Record(ctx, tx, actor, audit.Entry{Action: audit.ProductionPersonRemove, EntityType: "production_person",
			EntityID: strconv.FormatInt(id, 10), OrgNo: orgNo, Before: p})
	})
}

// SearchPersons finds registrations by the full person number (11 digits)
// or by a part of the name (at least two characters), in every
// organisation, by name.
func SearchPersons(ctx context.Context, db store.DB, q string) (persons []Person, more bool, err error) {
	q = searchText(q)
	byPID := digitsOnly(q)
	var rows pgx.Rows
	switch {
	case len(byPID) == 11 && strings.Trim(byPID, "0123456789") == "":
		rows, err = db.Query(ctx, personSelect+` WHERE p.pid = $1 ORDER BY p.name, p.id LIMIT $2`, byPID, SearchLimit+1)
	case len([]rune(q)) >= 2:
		// Two characters are too few for the trigram index: that search
		// reads the whole table, and LIMIT bounds what it sends back.
		rows, err = db.Query(ctx, PersonsByNameSQL, likeEscape(strings.ToLower(q)), SearchLimit+1)
	default:
		return nil, false, refuse("sok", CodeSearchTooShort)
	}
	if err != nil {
		return nil, false, fmt.Errorf("search persons: %w", err)
	}
	persons, err = pgx.CollectRows(rows, scanPerson)
	if err != nil {
		return nil, false, fmt.Errorf("search persons: %w", err)
	}
	if len(persons) > SearchLimit {
		return persons[:SearchLimit], true, nil
	}
	return persons, false, nil
}

// PersonsByNameSQL is SearchPersons' query by name ($1 a part of the
// lower-cased name, LIKE-escaped; $2 the limit), read by the trigram index
// production_persons_search (00026_search_trigram.sql).
const PersonsByNameSQL = personSelect + ` WHERE lower(p.name) LIKE '%' || $1 || '%' ORDER BY p.name, p.id LIMIT $2`

const personSelect = `
	SELECT p.id, p.org_no, o.name, p.name, p.pid, p.registered_by, p.registered_at
	FROM production_persons p JOIN organisations o USING (org_no)`
