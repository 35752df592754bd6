package mail_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/mail/mailtest"
)

// countingSender counts what one worker sent.
type countingSender struct {
	mail.Sender
	n atomic.Int64
}

func (c *countingSender) Send(ctx context.Context, e mail.Envelope) error {
	err := c.Sender.Send(ctx, e)
	if err == nil {
		c.n.Add(1)
	}
	return err
}

// TestTwoWorkersOneQueue: two workers, as in two portal processes, share the
// queue; every e-mail reaches the server exactly once, and both did work.
func TestTwoWorkersOneQueue(t *testing.T) {
	t.Parallel()
	const n = 600
	q := newQueue(t)
	// A few milliseconds per message keep the batch long enough for both.
	srv := mailtest.Start(t, mailtest.Options{Data: func(mailtest.Received, int) error {
		time.Sleep(3 * time.Millisecond)
		return nil
	}})
	var senders [2]*countingSender
	for i := range senders {
		senders[i] = &countingSender{Sender: smtpSender(t, srv.SMTP(), mail.SMTPOptions{})}
		startWorker(t, q.fastConfig(senders[i], nil))
	}
	cause := mail.IncidentCause(600)
	require.Equal(t, n, q.enqueue(t, messages(cause, n)...))
	q.waitUntil(t, cause, 3*time.Minute, func(c map[mail.Status]int) bool { return c[mail.StatusSent] == n })
	// Let any stray second run finish before counting.
	time.Sleep(200 * time.Millisecond)

	received := srv.ByMessageID()
	require.Len(t, received, n)
	for _, d := range q.all(t, cause) {
		require.Equal(t, 1, received[d.MessageID], "delivery %d arrived once", d.ID)
		require.Equal(t, 1, d.Attempts)
	}
	require.Equal(t, n, srv.Count(), "no e-mail twice")
	a, b := senders[0].n.Load(), senders[1].n.Load()
	t.Logf("worker 1 sent %d, worker 2 sent %d", a, b)
	require.Positive(t, a)
	require.Positive(t, b)
	require.EqualValues(t, n, a+b)
}
