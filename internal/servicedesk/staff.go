package servicedesk

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/personid"
	"github.com/digdir/selvbetjening/internal/store"
)

// Staff is one servicedesk person. The person number stays in the
// database: pages show it masked.
type Staff struct {
	ID        int64
	Name      string
	MaskedPID string
	GrantedBy string
	GrantedAt time.Time
}

// staffSnapshot is what the audit log keeps of a servicedesk person.
type staffSnapshot struct {
	Name string `json:"name"`
	PID  string `json:"pid"` // masked
}

// ListStaff lists every servicedesk person, by name.
func ListStaff(ctx context.Context, db store.DB) ([]Staff, error) {
	rows, err := db.Query(ctx, `SELECT id, name, pid, granted_by, created_at FROM servicedesk_staff ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list servicedesk: %w", err)
	}
	staff, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Staff, error) {
		var s Staff
		var pid string
		err := r.Scan(&s.ID, &s.Name, &pid, &s.GrantedBy, &s.GrantedAt)
		s.MaskedPID = personid.Masked(pid)
		return s, err
	})
	if err != nil {
		return nil, fmt.Errorf("list servicedesk: %w", err)
	}
	return staff, nil
}

// Grant makes the person with the number pid servicedesk. Granting someone
// who already is refuses with CodeStaffAlready on the field "fodselsnummer".
func Grant(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, pid, name string, testDeployment bool) error {
	return grant(ctx, pool, actor, pid, name, testDeployment, inConsole)
}

// GrantFromCommandLine is `portal servicedesk grant`: Grant without asking
// for a servicedesk actor, since it makes the first servicedesk person, and
// whoever runs it holds the owner's database URL already.
func GrantFromCommandLine(ctx context.Context, pool *pgxpool.Pool, pid, name string, testDeployment bool) error {
	return grant(ctx, pool, CommandLine(), pid, name, testDeployment,
		func(ctx context.Context, pool *pgxpool.Pool, _ identity.Actor, change func(pgx.Tx) error) error {
			return store.InTx(ctx, pool, change)
		})
}

type runChange func(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, change func(tx pgx.Tx) error) error

func grant(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, pid, name string, testDeployment bool, run runChange) error {
	pid, name = digitsOnly(pid), strings.TrimSpace(name)
	errs := FieldErrors{}
	if c := checkPID(pid, testDeployment); c != "" {
		errs["fodselsnummer"] = c
	}
	if c := checkName(name); c != "" {
		errs["navn"] = c
	}
	if len(errs) > 0 {
		return errs
	}
	return run(ctx, pool, actor, func(tx pgx.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, `
			INSERT INTO servicedesk_staff (pid, name, granted_by) VALUES ($1, $2, $3)
			ON CONFLICT (pid) DO NOTHING RETURNING id`, pid, name, actor.Name).Scan(&id)
		if store.NoRow(err) {
			return refuse("fodselsnummer", CodeStaffAlready)
		}
		if err != nil {
			return fmt.Errorf("grant servicedesk: %w", err)
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: audit.ServicedeskGrant, EntityType: "servicedesk_staff",
			EntityID: strconv.FormatInt(id, 10), After: staffSnapshot{Name: name, PID: personid.Masked(pid)}})
	})
}

// Revoke takes the role from the servicedesk person id. The last one is
// never revoked: nobody could grant it again but from the command line.
// Revoking someone already gone is done already.
func Revoke(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, id int64) error {
	return store.InTx(ctx, pool, func(tx pgx.Tx) error {
		// The table locked against other changes (the serving role may
		// DELETE, which this lock needs), so two servicedesk persons revoking
		// each other at once cannot both pass the count and leave nobody;
		// and the actor is asked for after the lock, so the second of them
		// finds themselves revoked.
		if _, err := tx.Exec(ctx, `LOCK TABLE servicedesk_staff IN SHARE ROW EXCLUSIVE MODE`); err != nil {
			return fmt.Errorf("lock servicedesk: %w", err)
		}
		if err := access.Servicedesk(ctx, tx, actor.Person); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT id, name, pid FROM servicedesk_staff ORDER BY id`)
		if err != nil {
			return fmt.Errorf("lock servicedesk: %w", err)
		}
		type row struct {
			id        int64
			name, pid string
		}
		all, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (row, error) {
			var x row
			err := r.Scan(&x.id, &x.name, &x.pid)
			return x, err
		})
		if err != nil {
			return fmt.Errorf("lock servicedesk: %w", err)
		}
		var gone *row
		for i := range all {
			if all[i].id == id {
				gone = &all[i]
			}
		}
		if gone == nil {
			return nil
		}
		if len(all) == 1 {
			return refuse("", CodeLastServicedesk)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM servicedesk_staff WHERE id = $1`, id); err != nil {
			return fmt.Errorf("revoke servicedesk %d: %w", id, err)
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: audit.ServicedeskRevoke, EntityType: "servicedesk_staff",
			EntityID: strconv.FormatInt(id, 10), Before: staffSnapshot{Name: gone.name, PID: personid.Masked(gone.pid)}})
	})
}

// CommandLine is the actor of `portal servicedesk grant`, which makes the
// first servicedesk person: no one is logged in to do it.
func CommandLine() identity.Actor {
	return Actor(identity.Person{Name: "portal servicedesk grant"})
}
