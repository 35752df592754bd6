package servicedesk

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/org"
	"github.com/digdir/selvbetjening/internal/store"
)

// Sessions are the server-side sessions of internal/auth. Servicedesk finds
// a person's by their person number or e-mail address and lists them by the
// login's subject (sub), which is pseudonymous and so fit for a URL. Ending
// one deletes it: the person's next request finds no session and logs in
// again.

// SessionPerson is someone with live sessions, as a search finds them.
type SessionPerson struct {
	Subject  string
	Name     string
	Sessions int
}

// Session is one live session.
type Session struct {
	ID         int64
	Started    time.Time
	LastActive time.Time
	OrgNo      string // "" before an organisation is chosen
	OrgName    string
	HasPID     bool // logged in with ID-porten with a person number
}

// sessionSnapshot is what the audit log keeps of an ended session.
type sessionSnapshot struct {
	Subject string    `json:"subject"`
	OrgNo   string    `json:"org_no"`
	Started time.Time `json:"started"`
	HasPID  bool      `json:"has_pid"`
}

// live is the condition of a session that still lets its person in.
const live = `s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $1)`

// FindSessionPersons finds the people with live sessions by the full
// person number (11 digits) or the e-mail address they logged in with.
// idle is the portal's SESSION_IDLE_TIMEOUT.
func FindSessionPersons(ctx context.Context, db store.DB, q string, idle time.Duration) ([]SessionPerson, error) {
	q = searchText(q)
	pid := digitsOnly(q)
	var rows pgx.Rows
	var err error
	switch {
	case len(pid) == 11 && strings.Trim(pid, "0123456789") == "":
		rows, err = db.Query(ctx, `
			SELECT s.subject, max((s.data->>'person')::jsonb->>'name'), count(*)
			FROM sessions s WHERE s.pid = $2 AND s.subject IS NOT NULL AND `+live+`
			GROUP BY s.subject ORDER BY 2`, idle.Seconds(), pid)
	case strings.Contains(q, "@"):
		domain, derr := org.EmailDomain(q)
		if derr != nil {
			return nil, refuse("sok", CodePersonIdentifier)
		}
		// The domain's index narrows it to the sessions of one domain.
		rows, err = db.Query(ctx, `
			SELECT s.subject, max((s.data->>'person')::jsonb->>'name'), count(*)
			FROM sessions s
			WHERE s.email_domain = $2 AND lower((s.data->>'person')::jsonb->>'email') = lower($3)
			  AND s.subject IS NOT NULL AND `+live+`
			GROUP BY s.subject ORDER BY 2`, idle.Seconds(), domain, q)
	default:
		return nil, refuse("sok", CodePersonIdentifier)
	}
	if err != nil {
		return nil, fmt.Errorf("find sessions: %w", err)
	}
	people, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (SessionPerson, error) {
		var p SessionPerson
		err := r.Scan(&p.Subject, &p.Name, &p.Sessions)
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("find sessions: %w", err)
	}
	return people, nil
}

// SessionsOf lists the live sessions of the login subject, newest first,
// and the person's name ("" when there are none).
func SessionsOf(ctx context.Context, db store.DB, subject string, idle time.Duration) (string, []Session, error) {
	rows, err := db.Query(ctx, `
		SELECT s.id, s.created_at, s.last_seen_at, coalesce(s.org_no, ''), coalesce(o.name, ''), s.pid IS NOT NULL,
		       coalesce((s.data->>'person')::jsonb->>'name', '')
		FROM sessions s LEFT JOIN organisations o ON o.org_no = s.org_no
		WHERE s.subject = $2 AND `+live+`
		ORDER BY s.created_at DESC, s.id DESC`, idle.Seconds(), subject)
	if err != nil {
		return "", nil, fmt.Errorf("sessions of a person: %w", err)
	}
	var name string
	sessions, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Session, error) {
		var s Session
		err := r.Scan(&s.ID, &s.Started, &s.LastActive, &s.OrgNo, &s.OrgName, &s.HasPID, &name)
		return s, err
	})
	if err != nil {
		return "", nil, fmt.Errorf("sessions of a person: %w", err)
	}
	return name, sessions, nil
}

// EndSessions ends the subject's session id, or all of them when id is 0,
// each with its audit row under the organisation it acted for. A session
// already ended is ended.
func EndSessions(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, subject string, id int64) (int, error) {
	n := 0
	err := inConsole(ctx, pool, actor, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `
			DELETE FROM sessions WHERE subject = $1 AND ($2 = 0 OR id = $2)
			RETURNING id, coalesce(org_no, ''), created_at, pid IS NOT NULL`, subject, id)
		if err != nil {
			return fmt.Errorf("end sessions: %w", err)
		}
		type ended struct {
			id   int64
			snap sessionSnapshot
		}
		gone, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (ended, error) {
			e := ended{snap: sessionSnapshot{Subject: subject}}
			err := r.Scan(&e.id, &e.snap.OrgNo, &e.snap.Started, &e.snap.HasPID)
			return e, err
		})
		if err != nil {
			return fmt.Errorf("end sessions: %w", err)
		}
		for _, e := range gone {
			if err := audit.Record(ctx, tx, actor, audit.Entry{Action: audit.SessionEnd, EntityType: "session",
				EntityID: strconv.FormatInt(e.id, 10), OrgNo: e.snap.OrgNo, Before: e.snap}); err != nil {
				return err
			}
		}
		n = len(gone)
		return nil
	})
	return n, err
}
