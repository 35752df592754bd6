package mail_test

import (
	"context"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/mail/mailtest"
)

// TestDeliveriesSayWhenTheNextAttemptIs: "Utsendte varsler" shows a
// delivery waiting for a retry with its last error and when its job will
// try again, and the organisation it is for by name.
func TestDeliveriesSayWhenTheNextAttemptIs(t *testing.T) {
	t.Parallel()
	q := newQueue(t)
	_, err := q.owner.Exec(context.Background(), `INSERT INTO organisations (org_no, name) VALUES ('310000019', 'Eksempel Konsument AS')`)
	require.NoError(t, err)
	srv := mailtest.Start(t, mailtest.Options{Data: func(mailtest.Received, int) error {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}})
	cfg := q.fastConfig(smtpSender(t, srv.SMTP(), mail.SMTPOptions{}), nil)
	cfg.Backoff = func(int) time.Duration { return time.Hour }
	startWorker(t, cfg)
	cause := mail.IncidentCause(3)
	q.enqueue(t, mail.Message{Cause: cause, To: "kari@konsument.example", OrgNo: "310000019", Subject: "Hendelse", Text: "Tekst"})

	var d mail.Delivery
	require.Eventually(t, func() bool {
		d = q.all(t, cause)[0]
		return d.Attempts == 1 && d.Status == mail.StatusQueued && !d.NextAttempt.IsZero()
	}, 30*time.Second, 50*time.Millisecond)
	require.Contains(t, d.LastError, "451")
	require.WithinDuration(t, time.Now().Add(time.Hour), d.NextAttempt, 5*time.Minute)
	require.Equal(t, "Eksempel Konsument AS", d.OrgName)
}
