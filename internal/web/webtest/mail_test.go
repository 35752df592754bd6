package webtest_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// TestMailReachesTheTestsSMTPServer: with Options.Mail, what the portal
// queues arrives at a real SMTP server, as with portal serve.
func TestMailReachesTheTestsSMTPServer(t *testing.T) {
	t.Parallel()
	site := webtest.StartWith(t, webtest.Options{Mail: true})
	ctx := context.Background()
	require.NoError(t, store.InTx(ctx, site.Pool, func(tx pgx.Tx) error {
		_, err := mail.Enqueue(ctx, tx, mail.Message{Cause: mail.IncidentCause(1), To: "varsel@konsument.example",
			OrgNo: "310000019", Subject: "Driftsmelding", Text: "Maskinporten TEST er nede."})
		return err
	}))
	got := site.Mail.WaitFor(t, 1, 20*time.Second)
	require.Equal(t, "Driftsmelding", got[0].Subject())
	require.Contains(t, got[0].Text(), "Maskinporten TEST er nede.")
	require.Equal(t, []string{"varsel@konsument.example"}, got[0].To)
}
