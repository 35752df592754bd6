package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
)

// interrupted is the last_error of a delivery whose previous attempt never
// reported back: its worker died while sending.
const interrupted = "the previous attempt was interrupted and may have reached the server; sent again with the same Message-ID"

// busyWait is how long a job waits when another run holds its delivery.
const busyWait = 10 * time.Second

// sendWorker is the River worker of sendArgs jobs (doc.go has the protocol).
type sendWorker struct {
	river.WorkerDefaults[sendArgs]
	pool    *pgxpool.Pool
	sender  Sender
	from    string
	domain  string
	log     *slog.Logger
	timeout time.Duration
	backoff func(attempt int) time.Duration
}

func (w *sendWorker) Timeout(*river.Job[sendArgs]) time.Duration { return w.timeout }

func (w *sendWorker) NextRetry(job *river.Job[sendArgs]) time.Time {
	return time.Now().Add(w.backoff(job.Attempt))
}

// claimed is a delivery this run may send.
type claimed struct {
	Envelope
	cause    string
	attempts int
}

var (
	errFinished = errors.New("delivery already sent or failed")
	errBusy     = errors.New("delivery held by another run")
)

func (w *sendWorker) Work(ctx context.Context, job *river.Job[sendArgs]) error {
	id := job.Args.DeliveryID
	d, err := w.claim(ctx, id)
	switch {
	case errors.Is(err, errFinished):
		return nil
	case errors.Is(err, errBusy):
		return river.JobSnooze(busyWait)
	case err != nil:
		return fmt.Errorf("claim delivery %d: %w", id, err)
	}
	return w.send(ctx, job, d)
}

// claim marks the delivery sending, in one statement. A delivery found
// sending was claimed by a run that never reported back. Another run that
// holds the row right now (NOWAIT) makes this one wait.
func (w *sendWorker) claim(ctx context.Context, id int64) (claimed, error) {
	d := claimed{Envelope: Envelope{DeliveryID: id, From: w.from}}
	var prev string
	err := w.pool.QueryRow(ctx, `
		WITH prev AS (SELECT id, status FROM mail_deliveries WHERE id = $1 FOR UPDATE NOWAIT)
		UPDATE mail_deliveries d
		SET status = 'sending', attempts = d.attempts + 1, attempted_at = now(),
		    message_id = coalesce(d.message_id, $2),
		    last_error = CASE WHEN prev.status = 'sending' THEN $3 ELSE d.last_error END
		FROM prev
		WHERE d.id = prev.id AND prev.status IN ('queued', 'sending')
		RETURNING d.cause, d.recipient, d.subject, d.body_text, d.body_html, d.message_id, d.created_at, d.attempts, prev.status`,
		id, "<"+uuid.NewString()+"@"+w.domain+">", interrupted,
	).Scan(&d.cause, &d.To, &d.Subject, &d.Text, &d.HTML, &d.MessageID, &d.Date, &d.attempts, &prev)
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr) && pgErr.Code == "55P03": // lock_not_available
		return d, errBusy
	case errors.Is(err, pgx.ErrNoRows):
		// Sent or failed already (River ran the job again), or gone.
		return d, errFinished
	case err != nil:
		return d, err
	}
	if prev == string(StatusSending) {
		w.log.Warn("mail.resent", "delivery_id", id, "cause", d.cause, "attempt", d.attempts,
			"reason", "the previous attempt was interrupted")
	}
	return d, nil
}

// send marks the delivery sent and the job completed in a transaction, then
// sends, then commits: after the server's acceptance only the COMMIT is left.
func (w *sendWorker) send(ctx context.Context, job *river.Job[sendArgs], d claimed) error {
	tx, err := w.pool.Begin(ctx)
	if err != nil {
		return w.failed(ctx, job, d, fmt.Errorf("begin: %w", err))
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // after Commit it does nothing
	tag, err := tx.Exec(ctx, `
		UPDATE mail_deliveries SET status = 'sent', transport = $3, finished_at = now()
		WHERE id = $1 AND status = 'sending' AND attempts = $2`, d.DeliveryID, d.attempts, w.sender.Transport())
	if err != nil {
		return w.failed(ctx, job, d, fmt.Errorf("mark sent: %w", err))
	}
	if tag.RowsAffected() == 0 {
		// A later claim took the delivery over; that run sends it.
		return nil
	}
	if _, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job); err != nil {
		return w.failed(ctx, job, d, fmt.Errorf("complete job: %w", err))
	}

	if err := w.sender.Send(ctx, d.Envelope); err != nil {
		_ = tx.Rollback(context.WithoutCancel(ctx))
		return w.failed(ctx, job, d, err)
	}

	// Accepted: from here the job's deadline no longer counts.
	commitCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
	defer cancel()
	if err := tx.Commit(commitCtx); err != nil {
		// The delivery stays sending and its retry sends it again, with the
		// same Message-ID: the one case of a second copy (doc.go).
		w.log.Error("mail.unrecorded", "delivery_id", d.DeliveryID, "cause", d.cause, "attempt", d.attempts,
			"error", err.Error(), "reason", "accepted by the server, but not recorded as sent")
		return fmt.Errorf("delivery %d accepted but not recorded: %w", d.DeliveryID, err)
	}
	w.log.Info("mail.sent", "delivery_id", d.DeliveryID, "cause", d.cause, "attempt", d.attempts,
		"transport", w.sender.Transport(), "message_id", d.MessageID)
	return nil
}

// failed records a failed attempt. A permanent failure, or the last attempt,
// makes the delivery failed and ends the job; otherwise the delivery is
// queued again and River retries the job after Backoff. The error returned
// to River, which logs it, is the safe summary; last_error gets the detail.
func (w *sendWorker) failed(ctx context.Context, job *river.Job[sendArgs], d claimed, cause error) error {
	summary, detail, permanent := cause.Error(), cause.Error(), false
	var se *SendError
	if errors.As(cause, &se) {
		detail, permanent = se.Detail, se.Permanent
	}
	final := permanent || d.attempts >= maxAttempts || job.Attempt >= job.MaxAttempts
	status := StatusQueued
	if final {
		status = StatusFailed
	}
	recordCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
	defer cancel()
	_, err := w.pool.Exec(recordCtx, `
		UPDATE mail_deliveries
		SET status = $3, last_error = $4, finished_at = CASE WHEN $3 = 'failed' THEN now() END
		WHERE id = $1 AND status = 'sending' AND attempts = $2`,
		d.DeliveryID, d.attempts, status, truncate(detail, 2000))
	if err != nil {
		// The delivery stays sending; the job's retry claims it again.
		return fmt.Errorf("delivery %d: attempt %d: %s; recording it failed: %w", d.DeliveryID, d.attempts, summary, err)
	}
	w.log.Warn("mail.failed", "delivery_id", d.DeliveryID, "cause", d.cause, "attempt", d.attempts,
		"final", final, "error", summary)
	out := fmt.Errorf("delivery %d: attempt %d: %s", d.DeliveryID, d.attempts, summary)
	if final {
		return river.JobCancel(out)
	}
	return out
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}

func domainOf(addr string) string {
	_, domain, _ := strings.Cut(addr, "@")
	return domain
}
