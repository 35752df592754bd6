package mail_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/mail/mailtest"
	"github.com/digdir/selvbetjening/internal/store"
)

// BenchmarkIncident10000: an incident's 10,000 e-mails, queued in one
// transaction, sent by one worker with the production settings to an SMTP
// server in this process. It reports e-mails per second and the time from
// the worker's start until the server accepted the last one, and how long
// queueing them took.
func BenchmarkIncident10000(b *testing.B) {
	const n = 10_000
	for _, concurrency := range []int{10, 30} {
		b.Run(fmt.Sprintf("concurrency=%d", concurrency), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				q := newQueue(b)
				srv := mailtest.Start(b, mailtest.Options{})
				cause := mail.IncidentCause(1)
				msgs := messages(cause, n)
				queued := time.Now()
				require.NoError(b, store.InTx(context.Background(), q.serving, func(tx pgx.Tx) error {
					added, err := mail.EnqueueMany(context.Background(), tx, msgs)
					require.Equal(b, n, added)
					return err
				}))
				enqueue := time.Since(queued)
				sender, err := mail.NewSMTPSender(srv.SMTP(), mail.SMTPOptions{MaxIdle: concurrency})
				require.NoError(b, err)

				b.StartTimer()
				start := time.Now()
				w, err := mail.Start(context.Background(), mail.WorkerConfig{
					DatabaseURL: q.servingURL, Sender: sender, From: testFrom, Concurrency: concurrency,
				})
				require.NoError(b, err)
				srv.WaitFor(b, n, 10*time.Minute)
				toLast := time.Since(start)
				b.StopTimer()

				q.waitUntil(b, cause, time.Minute, func(c map[mail.Status]int) bool { return c[mail.StatusSent] == n })
				stopCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				require.NoError(b, w.Stop(stopCtx))
				cancel()
				require.Len(b, srv.ByMessageID(), n)

				b.ReportMetric(float64(n)/toLast.Seconds(), "emails/s")
				b.ReportMetric(toLast.Seconds(), "s-to-last-accepted")
				b.ReportMetric(float64(enqueue.Milliseconds()), "ms-to-enqueue")
				b.StartTimer()
			}
		})
	}
}
