package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/store"
)

// Filter narrows the log: each field set is one more condition, and the
// zero Filter is every change. The servicedesk console sets any of them;
// an organisation's own "Endringslogg" always sets OrgNo to its own.
type Filter struct {
	OrgNo  string        // the organisation the change concerns
	Person string        // the actor's name, in any case
	Role   identity.Role // the capacity the actor acted in
	Env    string        // TEST or PROD: the environment the change was made in
	Action Action
	From   time.Time // at or after; zero for no bound
	Until  time.Time // before; zero for no bound
}

// Row is one change as the log lists it, its snapshots still encoded.
type Row struct {
	ID         int64
	At         time.Time
	ActorName  string
	ActorRole  identity.Role
	OrgNo      string
	OrgName    string // "" when the organisation is unknown or none
	Env        string
	Action     Action
	EntityType string
	EntityID   string
	Before     json.RawMessage
	After      json.RawMessage
}

// Page is one page of the log, newest first; Next is the cursor of the
// page after it (0 when this is the last).
type Page struct {
	Rows []Row
	Next int64
}

// where builds the filter's conditions from fixed fragments, so each
// combination is its own statement with its own plan: a condition that
// is not asked for is not in the SQL, and an index on what is asked for
// (org_no, actor_role, action, env or lower(actor_name), each with id) is
// read in the order of the page.
func (f Filter) where(before int64) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, arg any) {
		args = append(args, arg)
		conds = append(conds, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if f.OrgNo != "" {
		add("a.org_no = ?", f.OrgNo)
	}
	if f.Person != "" {
		add("lower(a.actor_name) = lower(?)", f.Person)
	}
	if f.Role != "" {
		add("a.actor_role = ?", string(f.Role))
	}
	if f.Env != "" {
		add("a.env = ?", f.Env)
	}
	if f.Action != "" {
		add("a.action = ?", string(f.Action))
	}
	if !f.From.IsZero() {
		add("a.at >= ?", f.From)
	}
	if !f.Until.IsZero() {
		add("a.at < ?", f.Until)
	}
	if before > 0 {
		add("a.id < ?", before)
	}
	if len(conds) == 0 {
		return "", args
	}
	return "WHERE " + strings.Join(conds, " AND "), args
}

const listSelect = `
	SELECT a.id, a.at, a.actor_name, a.actor_role, a.org_no, coalesce(o.name, ''), a.env, a.action,
	       a.entity_type, a.entity_id, a.before, a.after
	FROM audit_log a LEFT JOIN organisations o ON o.org_no = a.org_no AND a.org_no <> ''
	`

func scanRow(r pgx.Row) (Row, error) {
	var x Row
	err := r.Scan(&x.ID, &x.At, &x.ActorName, &x.ActorRole, &x.OrgNo, &x.OrgName, &x.Env, &x.Action,
		&x.EntityType, &x.EntityID, &x.Before, &x.After)
	return x, err
}

// List returns the page of the log after the cursor before (0 for the
// first page), limit rows at most, newest first. Keyset pagination: the
// thousandth page costs what the first does.
func List(ctx context.Context, db store.DB, f Filter, before int64, limit int) (Page, error) {
	where, args := f.where(before)
	args = append(args, limit+1)
	rows, err := db.Query(ctx, listSelect+where+` ORDER BY a.id DESC LIMIT $`+strconv.Itoa(len(args)), args...)
	if err != nil {
		return Page{}, fmt.Errorf("audit list: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Row, error) { return scanRow(r) })
	if err != nil {
		return Page{}, fmt.Errorf("audit list: %w", err)
	}
	p := Page{Rows: list}
	if len(list) > limit {
		p.Rows = list[:limit]
		p.Next = p.Rows[limit-1].ID
	}
	return p, nil
}

// ExportBatch is how many rows Export reads with one query.
const ExportBatch = 5000

// Export hands every row of the filter to each, newest first: a batch of
// ExportBatch rows at a time, each batch read by a short query of its own
// (List's keyset page after the last id handed on), so memory holds one
// batch however long the log is. Between batches it holds no connection
// and no snapshot: a download read at a slow client's pace keeps neither
// the pool nor vacuum waiting. Rows written after the export began are not
// in it (they come after its first row). each's error stops it.
func Export(ctx context.Context, db store.DB, f Filter, each func(Row) error) error {
	var before int64
	for {
		page, err := List(ctx, db, f, before, ExportBatch)
		if err != nil {
			return fmt.Errorf("audit export after id %d: %w", before, err)
		}
		for _, r := range page.Rows {
			if err := each(r); err != nil {
				return err
			}
		}
		if page.Next == 0 {
			return nil
		}
		before = page.Next
	}
}

// ParseAction returns the action named s, or false for anything else.
func ParseAction(s string) (Action, bool) {
	for _, a := range Actions() {
		if string(a) == s {
			return a, true
		}
	}
	return "", false
}
