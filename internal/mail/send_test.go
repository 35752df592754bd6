package mail_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/config"
	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/mail/mailtest"
)

func smtpSender(t testing.TB, s config.SMTP, o mail.SMTPOptions) mail.Sender {
	t.Helper()
	sender, err := mail.NewSMTPSender(s, o)
	require.NoError(t, err)
	return sender
}

func TestSend(t *testing.T) {
	t.Parallel()

	t.Run("OneEmailPerRecipient", func(t *testing.T) {
		t.Parallel()
		q := newQueue(t)
		srv := mailtest.Start(t, mailtest.Options{})
		var logs logBuffer
		startWorker(t, q.fastConfig(smtpSender(t, srv.SMTP(), mail.SMTPOptions{}), logs.logger()))
		cause := mail.IncidentCause(1)
		recipients := []string{"kari@konsument.example", "ola@konsument.example", "petra@skatteetaten.no"}
		for _, to := range recipients {
			q.enqueue(t, mail.Message{Cause: cause, To: to, Subject: "Kritisk hendelse: Maskinporten TEST er utilgjengelig",
				Text: "Hei!\n\nMaskinporten TEST svarer ikke. Vi jobber med saken: æøå.",
				HTML: "<p>Maskinporten TEST svarer ikke.</p>"})
		}
		q.waitUntil(t, cause, time.Minute, func(c map[mail.Status]int) bool { return c[mail.StatusSent] == 3 })

		got := srv.Received()
		require.Len(t, got, 3, "one e-mail per recipient")
		byTo := map[string]mailtest.Received{}
		for _, m := range got {
			require.Len(t, m.To, 1, "one recipient per e-mail: no one sees the others' addresses")
			byTo[m.To[0]] = m
		}
		for _, d := range q.all(t, cause) {
			m, ok := byTo[d.To]
			require.True(t, ok, "e-mail to %s", d.To)
			require.Equal(t, "ikke-svar@portal.example", m.From)
			require.Equal(t, `"Selvbetjening" <ikke-svar@portal.example>`, m.Header("From"))
			require.Equal(t, "<"+d.To+">", m.Header("To"))
			require.Equal(t, "Kritisk hendelse: Maskinporten TEST er utilgjengelig", m.Subject())
			require.Equal(t, "Hei!\n\nMaskinporten TEST svarer ikke. Vi jobber med saken: æøå.", m.Text())
			require.Equal(t, "<p>Maskinporten TEST svarer ikke.</p>", m.HTML())
			require.Equal(t, "auto-generated", m.Header("Auto-Submitted"))
			require.Regexp(t, `^<[0-9a-f-]{36}@portal\.example>$`, d.MessageID)
			require.Equal(t, d.MessageID, m.MessageID(), "the stored Message-ID is the one sent")
			require.Equal(t, mail.TransportSMTP, d.Transport)
			require.Equal(t, 1, d.Attempts)
			require.Empty(t, d.LastError)
			require.False(t, d.FinishedAt.IsZero())
		}
		require.Contains(t, logs.String(), `"msg":"mail.sent"`)
		for _, to := range recipients {
			require.NotContains(t, logs.String(), to, "no address in the log")
		}
	})

	t.Run("RetriesAfterATemporaryFailure", func(t *testing.T) {
		t.Parallel()
		q := newQueue(t)
		srv := mailtest.Start(t, mailtest.Options{Data: func(_ mailtest.Received, n int) error {
			if n <= 2 {
				return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
			}
			return nil
		}})
		var logs logBuffer
		startWorker(t, q.fastConfig(smtpSender(t, srv.SMTP(), mail.SMTPOptions{}), logs.logger()))
		cause := mail.IncidentCause(2)
		q.enqueue(t, mail.Message{Cause: cause, To: "kari@konsument.example", Subject: "Hendelse", Text: "Tekst"})
		q.waitUntil(t, cause, time.Minute, func(c map[mail.Status]int) bool { return c[mail.StatusSent] == 1 })

		d := q.all(t, cause)[0]
		require.Equal(t, 3, d.Attempts, "two refusals, then accepted")
		require.Contains(t, d.LastError, "451", "the last refusal is kept for servicedesk")
		require.Len(t, srv.Received(), 1)
		require.Equal(t, d.MessageID, srv.Received()[0].MessageID())
		require.Contains(t, logs.String(), "temporary failure")
		require.NotContains(t, logs.String(), "kari@konsument.example")
	})

	t.Run("PermanentFailureFails", func(t *testing.T) {
		t.Parallel()
		q := newQueue(t)
		var offered atomic.Int32
		srv := mailtest.Start(t, mailtest.Options{Rcpt: func(to string) error {
			if strings.HasPrefix(to, "finnesikke@") {
				offered.Add(1)
				return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "<" + to + ">: no such user"}
			}
			return nil
		}})
		var logs logBuffer
		startWorker(t, q.fastConfig(smtpSender(t, srv.SMTP(), mail.SMTPOptions{}), logs.logger()))
		cause := mail.IncidentCause(3)
		q.enqueue(t,
			mail.Message{Cause: cause, To: "finnesikke@konsument.example", Subject: "Hendelse", Text: "Tekst"},
			mail.Message{Cause: cause, To: "kari@konsument.example", Subject: "Hendelse", Text: "Tekst"})
		q.waitUntil(t, cause, time.Minute, func(c map[mail.Status]int) bool {
			return c[mail.StatusSent] == 1 && c[mail.StatusFailed] == 1
		})
		for _, d := range q.all(t, cause) {
			if d.To != "finnesikke@konsument.example" {
				continue
			}
			require.Equal(t, mail.StatusFailed, d.Status)
			require.Equal(t, 1, d.Attempts, "a 5xx is not retried")
			require.Contains(t, d.LastError, "550")
			require.Contains(t, d.LastError, "no such user", "the server's answer is kept")
			require.False(t, d.FinishedAt.IsZero())
		}
		require.EqualValues(t, 1, offered.Load())
		require.Contains(t, logs.String(), "permanent failure: sending SMTP RCPT TO command (550 5.1.1)")
		require.NotContains(t, logs.String(), "finnesikke@", "the log names the delivery, not the address")
	})

	t.Run("FailsAfterTheLastAttempt", func(t *testing.T) {
		t.Parallel()
		q := newQueue(t)
		srv := mailtest.Start(t, mailtest.Options{Data: func(mailtest.Received, int) error {
			return &smtp.SMTPError{Code: 452, EnhancedCode: smtp.EnhancedCode{4, 3, 1}, Message: "mailbox full"}
		}})
		startWorker(t, q.fastConfig(smtpSender(t, srv.SMTP(), mail.SMTPOptions{}), nil))
		cause := mail.IncidentCause(4)
		q.enqueue(t, mail.Message{Cause: cause, To: "kari@konsument.example", Subject: "Hendelse", Text: "Tekst"})
		q.waitUntil(t, cause, 2*time.Minute, func(c map[mail.Status]int) bool { return c[mail.StatusFailed] == 1 })
		d := q.all(t, cause)[0]
		require.Equal(t, 12, d.Attempts)
		require.Contains(t, d.LastError, "452")
		require.Empty(t, srv.Received())
	})

	t.Run("StartTLSIsRequired", func(t *testing.T) {
		t.Parallel()
		q := newQueue(t)
		srv := mailtest.Start(t, mailtest.Options{}) // offers no STARTTLS
		settings := srv.SMTP()
		settings.TLS = config.SMTPStartTLS
		startWorker(t, q.fastConfig(smtpSender(t, settings, mail.SMTPOptions{}), nil))
		cause := mail.IncidentCause(5)
		q.enqueue(t, mail.Message{Cause: cause, To: "kari@konsument.example", Subject: "Hendelse", Text: "Tekst"})
		q.waitUntil(t, cause, time.Minute, func(map[mail.Status]int) bool { return q.all(t, cause)[0].Attempts >= 2 })
		d := q.all(t, cause)[0]
		require.NotEqual(t, mail.StatusSent, d.Status)
		require.Contains(t, strings.ToLower(d.LastError), "starttls")
		require.Empty(t, srv.Received(), "nothing goes out unencrypted")
	})

	t.Run("OverStartTLSWithLogin", func(t *testing.T) {
		t.Parallel()
		q := newQueue(t)
		srv := mailtest.Start(t, mailtest.Options{TLS: true, Username: "portal", Password: "hemmelig"})
		var logs logBuffer
		startWorker(t, q.fastConfig(smtpSender(t, srv.SMTP(), mail.SMTPOptions{TLSConfig: mailtest.ClientTLS(t)}), logs.logger()))
		cause := mail.IncidentCause(6)
		q.enqueue(t, messages(cause, 20)...)
		q.waitUntil(t, cause, time.Minute, func(c map[mail.Status]int) bool { return c[mail.StatusSent] == 20 })
		require.Len(t, srv.Received(), 20)
		require.NotContains(t, logs.String(), "hemmelig")
	})

	t.Run("DevelopmentOutbox", func(t *testing.T) {
		t.Parallel()
		q := newQueue(t)
		var logs logBuffer
		startWorker(t, q.fastConfig(mail.Outbox{}, logs.logger()))
		cause := mail.AccessRequestCause(17, "answered")
		q.enqueue(t, mail.Message{Cause: cause, To: "kari@konsument.example", Subject: "Svar på tilgangsforespørsel", Text: "Innvilget."})
		q.waitUntil(t, cause, time.Minute, func(c map[mail.Status]int) bool { return c[mail.StatusSent] == 1 })
		d := q.all(t, cause)[0]
		require.Equal(t, mail.TransportOutbox, d.Transport)
		require.Equal(t, "Innvilget.", d.Text, "the row is the e-mail")
		require.Contains(t, logs.String(), `"transport":"outbox"`)
		require.Contains(t, logs.String(), `"cause":"access-request:17:answered"`)
		require.NotContains(t, logs.String(), "kari@konsument.example")
	})

	t.Run("InterruptedAttemptIsSentAgainWithTheSameMessageID", func(t *testing.T) {
		t.Parallel()
		q := newQueue(t)
		cause := mail.IncidentCause(8)
		q.enqueue(t, mail.Message{Cause: cause, To: "kari@konsument.example", Subject: "Hendelse", Text: "Tekst"})
		// As a worker that died after its claim leaves it.
		_, err := q.owner.Exec(context.Background(), `
			UPDATE mail_deliveries SET status = 'sending', attempts = 1, attempted_at = now(), message_id = '<fast@portal.example>'`)
		require.NoError(t, err)
		srv := mailtest.Start(t, mailtest.Options{})
		var logs logBuffer
		startWorker(t, q.fastConfig(smtpSender(t, srv.SMTP(), mail.SMTPOptions{}), logs.logger()))
		q.waitUntil(t, cause, time.Minute, func(c map[mail.Status]int) bool { return c[mail.StatusSent] == 1 })
		d := q.all(t, cause)[0]
		require.Equal(t, "<fast@portal.example>", srv.Received()[0].MessageID())
		require.Equal(t, 2, d.Attempts)
		require.Contains(t, d.LastError, "interrupted")
		require.Contains(t, logs.String(), `"msg":"mail.resent"`)
	})
}
