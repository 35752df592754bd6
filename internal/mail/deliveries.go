package mail

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/digdir/selvbetjening/internal/store"
)

// Status is where a delivery is.
type Status string

// A delivery is queued (waiting, also for a retry), sending (an attempt is
// under way, or was interrupted), sent (the SMTP server accepted it, or it
// went to the development outbox) or failed (refused for good, or out of
// attempts).
const (
	StatusQueued  Status = "queued"
	StatusSending Status = "sending"
	StatusSent    Status = "sent"
	StatusFailed  Status = "failed"
)

// Transports of a sent delivery.
const (
	TransportSMTP   = "smtp"
	TransportOutbox = "outbox" // the development outbox: kept in the database only
)

// Delivery is one e-mail to one recipient, as the "Utsendte varsler" page
// shows it.
type Delivery struct {
	ID          int64
	Cause       string
	To          string
	OrgNo       string
	OrgName     string // the organisation's name, "" for none
	Subject     string
	Text        string
	HTML        string
	MessageID   string // with angle brackets; empty until the first attempt
	Status      Status
	Attempts    int
	LastError   string
	Transport   string // TransportSMTP or TransportOutbox once sent
	CreatedAt   time.Time
	AttemptedAt time.Time // zero before the first attempt
	FinishedAt  time.Time // when it was sent or failed; zero before
	// NextAttempt is when the queue will try a queued delivery again after
	// a failed attempt (its River job's scheduled time); zero otherwise.
	NextAttempt time.Time
}

// Page is a slice of a cause's deliveries in recipient order: those after the
// recipient After, at most Limit (100 when zero).
type Page struct {
	After string
	Limit int
}

// Deliveries lists the deliveries of cause (IncidentCause(42), ...) in order
// of recipient, a page at a time. The unique index on (cause, recipient)
// serves the query, so a page costs the same however many there are; a
// queued delivery that failed before finds its job's next attempt by
// River's index on the jobs' arguments.
func Deliveries(ctx context.Context, db store.DB, cause string, page Page) ([]Delivery, error) {
	limit := page.Limit
	if limit <= 0 {
		limit = 100
	}
	rows, err := db.Query(ctx, `
		SELECT d.id, d.cause, d.recipient, d.org_no, coalesce(o.name, ''), d.subject, d.body_text, d.body_html,
		       coalesce(d.message_id, ''), d.status, d.attempts, d.last_error, coalesce(d.transport, ''), d.created_at,
		       coalesce(d.attempted_at, 'epoch'), coalesce(d.finished_at, 'epoch'), coalesce(j.scheduled_at, 'epoch')
		FROM mail_deliveries d
		LEFT JOIN organisations o ON o.org_no = d.org_no
		LEFT JOIN LATERAL (
			SELECT scheduled_at FROM river_job
			WHERE d.status = 'queued' AND d.attempts > 0
			  AND kind = 'mail.send' AND args @> jsonb_build_object('delivery_id', d.id)
			  AND state IN ('available', 'scheduled', 'retryable')
			ORDER BY id DESC LIMIT 1) j ON true
		WHERE d.cause = $1 AND d.recipient > $2
		ORDER BY d.recipient
		LIMIT $3`, cause, page.After, limit)
	if err != nil {
		return nil, fmt.Errorf("list deliveries of %s: %w", cause, err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Delivery, error) {
		var d Delivery
		err := row.Scan(&d.ID, &d.Cause, &d.To, &d.OrgNo, &d.OrgName, &d.Subject, &d.Text, &d.HTML, &d.MessageID,
			&d.Status, &d.Attempts, &d.LastError, &d.Transport, &d.CreatedAt, &d.AttemptedAt, &d.FinishedAt, &d.NextAttempt)
		d.AttemptedAt, d.FinishedAt = unsetIfEpoch(d.AttemptedAt), unsetIfEpoch(d.FinishedAt)
		d.NextAttempt = unsetIfEpoch(d.NextAttempt)
		return d, err
	})
	if err != nil {
		return nil, fmt.Errorf("list deliveries of %s: %w", cause, err)
	}
	return list, nil
}

// Summary counts the deliveries of cause by status; a status without any is
// absent.
func Summary(ctx context.Context, db store.DB, cause string) (map[Status]int, error) {
	rows, err := db.Query(ctx, `SELECT status, count(*) FROM mail_deliveries WHERE cause = $1 GROUP BY status`, cause)
	if err != nil {
		return nil, fmt.Errorf("count deliveries of %s: %w", cause, err)
	}
	counts := map[Status]int{}
	var status Status
	var n int
	_, err = pgx.ForEachRow(rows, []any{&status, &n}, func() error {
		counts[status] = n
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("count deliveries of %s: %w", cause, err)
	}
	return counts, nil
}

func unsetIfEpoch(t time.Time) time.Time {
	if t.Unix() == 0 {
		return time.Time{}
	}
	return t
}
