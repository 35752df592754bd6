package mail

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
)

// Message is one e-mail to one recipient.
type Message struct {
	// Cause names what the e-mail is about (IncidentCause, KeyExpiryCause,
	// AccessRequestCause); with To it makes the delivery unique.
	Cause string
	To    string // one address, without a display name
	OrgNo string // the organisation the recipient gets it for, if any
	// Subject and Text are required; HTML, if set, is sent as an alternative
	// to Text.
	Subject string
	Text    string
	HTML    string
}

// ErrInvalid is what a Message that cannot be queued wraps. The error names
// the field, never its value.
var ErrInvalid = errors.New("invalid e-mail")

// IncidentCause is the cause of the e-mails about incident id.
func IncidentCause(id int64) string { return "incident:" + strconv.FormatInt(id, 10) }

// KeyExpiryCause is the cause of the reminder days before the key keyID
// expires: "key-expiry:<key id>:30d".
func KeyExpiryCause(keyID string, days int) string {
	return "key-expiry:" + keyID + ":" + strconv.Itoa(days) + "d"
}

// AccessRequestCause is the cause of the e-mails about access request id at
// event ("received", "answered").
func AccessRequestCause(id int64, event string) string {
	return "access-request:" + strconv.FormatInt(id, 10) + ":" + event
}

// causePattern is the same as mail_deliveries' CHECK.
var causePattern = regexp.MustCompile(`^[a-z][a-z0-9-]*(:[A-Za-z0-9._-]+)+$`)

// normalised checks m and returns it with the address in lower case, the
// form in which uniqueness is kept.
func (m Message) normalised() (Message, error) {
	if len(m.Cause) > 200 || !causePattern.MatchString(m.Cause) {
		return m, fmt.Errorf("%w: cause must look like kind:id[:detail], at most 200 characters", ErrInvalid)
	}
	to, err := mail.ParseAddress(m.To)
	if err != nil || to.Name != "" || to.Address != strings.TrimSpace(m.To) || !strings.Contains(to.Address, "@") {
		return m, fmt.Errorf("%w: the recipient must be one address without a name", ErrInvalid)
	}
	m.To = strings.ToLower(to.Address)
	if strings.TrimSpace(m.Subject) == "" || len(m.Subject) > 250 || strings.IndexFunc(m.Subject, unicode.IsControl) >= 0 {
		return m, fmt.Errorf("%w: the subject must be one line of at most 250 bytes", ErrInvalid)
	}
	if strings.TrimSpace(m.Text) == "" {
		return m, fmt.Errorf("%w: the text body is empty", ErrInvalid)
	}
	return m, nil
}

// Enqueue queues msg in tx: it is sent after tx commits, and never if tx
// rolls back. It reports false, and queues nothing, when a delivery with the
// same Cause and To exists already.
func Enqueue(ctx context.Context, tx pgx.Tx, msg Message) (bool, error) {
	n, err := EnqueueMany(ctx, tx, []Message{msg})
	return n == 1, err
}

// Recipients counts the distinct recipients of msgs the way EnqueueMany
// keeps them unique (an address in any case is one recipient): how many
// e-mails msgs queue under a new cause.
func Recipients(msgs []Message) int {
	seen := make(map[string]struct{}, len(msgs))
	for _, m := range msgs {
		seen[strings.ToLower(strings.TrimSpace(m.To))] = struct{}{}
	}
	return len(seen)
}

// EnqueueMany queues msgs in tx with two statements, however many there are
// (an incident may reach thousands of notification points). It returns how
// many were new; a message whose Cause and To exist already, in the database
// or earlier in msgs, is skipped. One invalid message queues none.
func EnqueueMany(ctx context.Context, tx pgx.Tx, msgs []Message) (int, error) {
	if len(msgs) == 0 {
		return 0, nil
	}
	cols := make([][]string, 6)
	for i, m := range msgs {
		m, err := m.normalised()
		if err != nil {
			return 0, fmt.Errorf("message %d: %w", i, err)
		}
		for c, v := range []string{m.Cause, m.To, m.OrgNo, m.Subject, m.Text, m.HTML} {
			cols[c] = append(cols[c], v)
		}
	}
	rows, err := tx.Query(ctx, `
		INSERT INTO mail_deliveries (cause, recipient, org_no, subject, body_text, body_html)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
		ON CONFLICT ON CONSTRAINT mail_deliveries_once DO NOTHING
		RETURNING id`, cols[0], cols[1], cols[2], cols[3], cols[4], cols[5])
	if err != nil {
		return 0, fmt.Errorf("insert deliveries: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return 0, fmt.Errorf("insert deliveries: %w", err)
	}
	if len(ids) == 0 {
		return 0, nil
	}
	client, err := inserter()
	if err != nil {
		return 0, err
	}
	jobs := make([]river.InsertManyParams, len(ids))
	for i, id := range ids {
		jobs[i] = river.InsertManyParams{Args: sendArgs{DeliveryID: id}}
	}
	if len(jobs) == 1 {
		_, err = client.InsertTx(ctx, tx, jobs[0].Args, nil)
	} else {
		_, err = client.InsertManyFastTx(ctx, tx, jobs)
	}
	if err != nil {
		return 0, fmt.Errorf("queue %d deliveries: %w", len(ids), err)
	}
	return len(ids), nil
}

// inserter is a River client that only inserts jobs, in the caller's
// transaction; it holds no connections and no state.
var inserter = sync.OnceValues(func() (*river.Client[pgx.Tx], error) {
	c, err := river.NewClient(riverpgxv5.New(nil), &river.Config{})
	if err != nil {
		return nil, fmt.Errorf("job queue client: %w", err)
	}
	return c, nil
})
