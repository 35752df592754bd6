package mail_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/store"
)

func jobs(t *testing.T, q *queue) int {
	t.Helper()
	var n int
	require.NoError(t, q.owner.QueryRow(context.Background(), `SELECT count(*) FROM river_job WHERE kind = 'mail.send'`).Scan(&n))
	return n
}

func TestEnqueue(t *testing.T) {
	t.Parallel()
	msg := mail.Message{Cause: mail.IncidentCause(42), To: "Kari@Konsument.Example", OrgNo: "310000019",
		Subject: "Kritisk hendelse", Text: "Maskinporten TEST er nede.", HTML: "<p>Maskinporten TEST er nede.</p>"}

	t.Run("OncePerCauseAndRecipient", func(t *testing.T) {
		t.Parallel()
		q := newQueue(t)
		ctx := context.Background()
		for i, want := range []bool{true, false} {
			require.NoError(t, store.InTx(ctx, q.serving, func(tx pgx.Tx) error {
				added, err := mail.Enqueue(ctx, tx, msg)
				require.Equal(t, want, added, "enqueue %d", i+1)
				return err
			}))
		}
		lower := msg
		lower.To = "kari@konsument.example"
		require.Zero(t, q.enqueue(t, lower), "the address is kept in lower case, so case does not make another delivery")
		other := msg
		other.Cause = mail.KeyExpiryCause("7f3a", 30)
		require.Equal(t, 1, q.enqueue(t, other), "another cause is another delivery")

		list := q.all(t, mail.IncidentCause(42))
		require.Len(t, list, 1)
		d := list[0]
		require.Equal(t, "kari@konsument.example", d.To)
		require.Equal(t, mail.StatusQueued, d.Status)
		require.Equal(t, "310000019", d.OrgNo)
		require.Equal(t, msg.HTML, d.HTML)
		require.Zero(t, d.Attempts)
		require.Empty(t, d.MessageID, "fixed at the first attempt")
		require.True(t, d.AttemptedAt.IsZero() && d.FinishedAt.IsZero())
		require.Equal(t, 2, jobs(t, q), "one job per new delivery")
	})

	t.Run("ManyInTwoStatementsSkippingDuplicates", func(t *testing.T) {
		t.Parallel()
		q := newQueue(t)
		msgs := messages(mail.IncidentCause(7), 300)
		msgs = append(msgs, msgs[10], msgs[20]) // one address at two notification points
		require.Equal(t, 300, q.enqueue(t, msgs...))
		require.Equal(t, 0, q.enqueue(t, msgs[:50]...), "the same incident sent again adds nothing")
		require.Equal(t, 1, q.enqueue(t, append(msgs[:50], messages(mail.IncidentCause(7), 301)[300])...))
		require.Equal(t, 301, jobs(t, q))
		counts, err := mail.Summary(context.Background(), q.serving, mail.IncidentCause(7))
		require.NoError(t, err)
		require.Equal(t, map[mail.Status]int{mail.StatusQueued: 301}, counts)
	})

	t.Run("RollsBackWithTheChange", func(t *testing.T) {
		t.Parallel()
		q := newQueue(t)
		ctx := context.Background()
		boom := errors.New("the change failed")
		err := store.InTx(ctx, q.serving, func(tx pgx.Tx) error {
			added, err := mail.Enqueue(ctx, tx, msg)
			require.NoError(t, err)
			require.True(t, added)
			return boom
		})
		require.ErrorIs(t, err, boom)
		require.Empty(t, q.all(t, msg.Cause), "no delivery without the change")
		require.Zero(t, jobs(t, q), "no job without the change")
	})

	t.Run("RefusesInvalid", func(t *testing.T) {
		t.Parallel()
		q := newQueue(t)
		tests := map[string]struct {
			change func(*mail.Message)
			want   string
		}{
			"NoCause":         {func(m *mail.Message) { m.Cause = "" }, "cause"},
			"CauseWithoutID":  {func(m *mail.Message) { m.Cause = "incident" }, "cause"},
			"CauseWithSpace":  {func(m *mail.Message) { m.Cause = "incident:4 2" }, "cause"},
			"CauseUpperKind":  {func(m *mail.Message) { m.Cause = "Incident:42" }, "cause"},
			"CauseTooLong":    {func(m *mail.Message) { m.Cause = "incident:" + strings.Repeat("9", 200) }, "cause"},
			"NoRecipient":     {func(m *mail.Message) { m.To = "" }, "recipient"},
			"NotAnAddress":    {func(m *mail.Message) { m.To = "kari" }, "recipient"},
			"TwoRecipients":   {func(m *mail.Message) { m.To = "kari@a.example, ola@a.example" }, "recipient"},
			"DisplayName":     {func(m *mail.Message) { m.To = "Kari <kari@a.example>" }, "recipient"},
			"HeaderInjection": {func(m *mail.Message) { m.To = "kari@a.example\r\nBcc: x@evil.example" }, "recipient"},
			"NoSubject":       {func(m *mail.Message) { m.Subject = " " }, "subject"},
			"SubjectTwoLines": {func(m *mail.Message) { m.Subject = "Hei\r\nBcc: x@evil.example" }, "subject"},
			"SubjectTooLong":  {func(m *mail.Message) { m.Subject = strings.Repeat("å", 126) }, "subject"},
			"NoText":          {func(m *mail.Message) { m.Text = "\n" }, "text"},
		}
		for name, tc := range tests {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				m := msg
				tc.change(&m)
				err := store.InTx(context.Background(), q.serving, func(tx pgx.Tx) error {
					_, err := mail.EnqueueMany(context.Background(), tx, []mail.Message{msg, m})
					return err
				})
				require.ErrorIs(t, err, mail.ErrInvalid)
				require.ErrorContains(t, err, tc.want)
				require.NotContains(t, err.Error(), "@", "the error names the field, not the address")
			})
		}
		require.Empty(t, q.all(t, msg.Cause), "one invalid message queues none")
	})
}

func TestCauses(t *testing.T) {
	t.Parallel()
	require.Equal(t, "incident:42", mail.IncidentCause(42))
	require.Equal(t, "key-expiry:0b5c8f2e-1d7a-4c3e-9f00-3a1b2c3d4e5f:7d", mail.KeyExpiryCause("0b5c8f2e-1d7a-4c3e-9f00-3a1b2c3d4e5f", 7))
	require.Equal(t, "access-request:17:answered", mail.AccessRequestCause(17, "answered"))
}

func TestDeliveriesPages(t *testing.T) {
	t.Parallel()
	q := newQueue(t)
	cause := mail.IncidentCause(3)
	q.enqueue(t, messages(cause, 25)...)
	q.enqueue(t, messages(mail.IncidentCause(4), 5)...)
	var seen []string
	page := mail.Page{Limit: 10}
	for {
		list, err := mail.Deliveries(context.Background(), q.serving, cause, page)
		require.NoError(t, err)
		if len(list) == 0 {
			break
		}
		require.LessOrEqual(t, len(list), 10)
		for _, d := range list {
			require.Equal(t, cause, d.Cause)
			seen = append(seen, d.To)
		}
		page.After = list[len(list)-1].To
	}
	require.Len(t, seen, 25)
	require.IsIncreasing(t, seen)
}

// TestRecipientsCountsAsEnqueueKeepsThemUnique: an address in another case
// is the same recipient, as the unique (cause, recipient) sees it.
func TestRecipientsCountsAsEnqueueKeepsThemUnique(t *testing.T) {
	t.Parallel()
	require.Equal(t, 2, mail.Recipients([]mail.Message{{To: "Drift@Example.no"}, {To: "drift@example.no"}, {To: "kari@example.no"}}))
	require.Zero(t, mail.Recipients(nil))
}
