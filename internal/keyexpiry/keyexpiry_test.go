package keyexpiry_test

import (
	"context"
	"io"
	"mime/quotedprintable"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/keyexpiry"
	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/mail/mailtest"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

const baseURL = "https://selvbetjening.example/"

type bundle struct {
	ctx         context.Context
	servingURL  string
	pool, owner *pgxpool.Pool
	testklient  uuid.UUID // Eksempel Konsument AS's integration with one key
	keyExpires  time.Time // of that key
}

// setup gives Eksempel Konsument AS two notification points and its
// Testklient one key, and Skatteetaten one point and an integration with a
// key that expires at the same time.
func setup(t *testing.T) bundle {
	t.Helper()
	ctx := context.Background()
	url := storetest.URL(t)
	owner, err := store.Open(ctx, url)
	require.NoError(t, err)
	t.Cleanup(owner.Close)
	b := bundle{ctx: ctx, servingURL: storetest.ServingURL(t, url), pool: storetest.ServingPool(t, url), owner: owner}

	konsument := storetest.Organisation(t, owner, storetest.OrganisationOptions{Name: "Eksempel Konsument AS"})
	storetest.Merchant(t, owner, storetest.MerchantOptions{OrgNo: konsument.No, Points: []merchant.Point{
		{Name: "Drift", Email: "drift@konsument.example"}, {Name: "Kari", Email: "kari@konsument.example"}}})
	testklient := storetest.Integration(t, owner, storetest.IntegrationOptions{OrgNo: konsument.No, Name: "Testklient"})
	key := storetest.Key(t, owner, storetest.KeyOptions{Integration: testklient, KID: "testklient-2026"})
	b.testklient, b.keyExpires = testklient.ClientID, *key.ExpiresAt

	skatt := storetest.Organisation(t, owner, storetest.OrganisationOptions{Name: "Skatteetaten"})
	storetest.Merchant(t, owner, storetest.MerchantOptions{OrgNo: skatt.No, Points: []merchant.Point{
		{Name: "Driftssenteret", Email: "drift@skatteetaten.no"}}})
	skattens := storetest.Integration(t, owner, storetest.IntegrationOptions{OrgNo: skatt.No, Name: "Skattens klient"})
	storetest.Key(t, owner, storetest.KeyOptions{Integration: skattens})
	_, err = owner.Exec(ctx, `UPDATE integration_keys SET expires_at = $1 WHERE client_id = $2`, b.keyExpires, skattens.ClientID)
	require.NoError(t, err)

	// An organisation without notification points hears nothing, and
	// breaks nothing.
	stille := storetest.Organisation(t, owner, storetest.OrganisationOptions{})
	storetest.Key(t, owner, storetest.KeyOptions{Integration: storetest.Integration(t, owner, storetest.IntegrationOptions{OrgNo: stille.No})})
	return b
}

type delivery struct{ cause, recipient, subject, body string }

func deliveries(t *testing.T, b bundle) []delivery {
	t.Helper()
	rows, err := b.owner.Query(b.ctx, `SELECT cause, recipient, subject, body_text FROM mail_deliveries ORDER BY id`)
	require.NoError(t, err)
	var out []delivery
	for rows.Next() {
		var d delivery
		require.NoError(t, rows.Scan(&d.cause, &d.recipient, &d.subject, &d.body))
		out = append(out, d)
	}
	require.NoError(t, rows.Err())
	return out
}

// TestRemindersOnceEach walks a clock through a key's last forty days:
// each of the 30, 7 and 1-day reminders goes to every notification point of
// the key's organisation once, however often the job runs.
func TestRemindersOnceEach(t *testing.T) {
	t.Parallel()
	b := setup(t)
	exp := b.keyExpires
	day := 24 * time.Hour
	for _, step := range []struct {
		at   time.Time
		want int // e-mails queued at this run
	}{
		{exp.Add(-40 * day), 0},
		{exp.Add(-30*day + time.Hour), 3}, // Kari's two points, and Skatteetaten's one
		{exp.Add(-30*day + 2*time.Hour), 0},
		{exp.Add(-20 * day), 0},
		{exp.Add(-7*day + time.Minute), 3},
		{exp.Add(-7*day + time.Hour), 0},
		{exp.Add(-6 * day), 0},
		{exp.Add(-23 * time.Hour), 3},
		{exp.Add(-time.Hour), 0},
		{exp.Add(time.Hour), 0}, // expired: nothing more
		{exp.Add(-23 * time.Hour), 0},
	} {
		n, err := keyexpiry.Remind(b.ctx, b.pool, step.at, baseURL)
		require.NoError(t, err)
		require.Equal(t, step.want, n, "at %s before expiry", exp.Sub(step.at))
	}
	all := deliveries(t, b)
	require.Len(t, all, 9)
	perRecipient := map[string][]string{}
	for _, d := range all {
		perRecipient[d.recipient] = append(perRecipient[d.recipient], d.cause[strings.LastIndex(d.cause, ":")+1:])
	}
	require.Equal(t, map[string][]string{
		"drift@konsument.example": {"30d", "7d", "1d"},
		"kari@konsument.example":  {"30d", "7d", "1d"},
		"drift@skatteetaten.no":   {"30d", "7d", "1d"},
	}, perRecipient, "each organisation hears of its own keys only")

	first := all[0]
	require.Equal(t, "drift@konsument.example", first.recipient)
	require.Equal(t, "Nøkkel til «Testklient» i Maskinporten TEST utløper om 30 dager", first.subject)
	require.Contains(t, first.body, "Nøkkel-ID (kid): testklient-2026")
	require.Contains(t, first.body, "Klient-ID: "+b.testklient.String())
	require.Contains(t, first.body, baseURL+"integrasjoner/"+b.testklient.String()+"#nokler")
	require.Contains(t, first.body, "legg den nye offentlige nøkkelen til på integrasjonen")
	require.Contains(t, first.body, "Eksempel Konsument AS")
}

func TestRemindersSkip(t *testing.T) {
	t.Parallel()

	t.Run("RemovedKeysAndInactiveIntegrations", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		at := b.keyExpires.Add(-29 * 24 * time.Hour)
		_, err := b.owner.Exec(b.ctx, `UPDATE integrations SET active = false WHERE client_id = $1`, b.testklient)
		require.NoError(t, err)
		_, err = b.owner.Exec(b.ctx, `UPDATE integration_keys SET removed_at = now(), removed_by = 'test' WHERE client_id <> $1`, b.testklient)
		require.NoError(t, err)
		n, err := keyexpiry.Remind(b.ctx, b.pool, at, baseURL)
		require.NoError(t, err)
		require.Zero(t, n)
	})

	t.Run("OnlyTheNearestThreshold", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		// A key first seen with five days left gets the 7-day reminder only.
		n, err := keyexpiry.Remind(b.ctx, b.pool, b.keyExpires.Add(-5*24*time.Hour), baseURL)
		require.NoError(t, err)
		require.Equal(t, 3, n)
		for _, d := range deliveries(t, b) {
			require.True(t, strings.HasSuffix(d.cause, ":7d"), d.cause)
			require.Contains(t, d.subject, "om 5 dager")
		}
	})

	t.Run("ARenewedKeyIsRemindedAnew", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		at := b.keyExpires.Add(-29 * 24 * time.Hour)
		n, err := keyexpiry.Remind(b.ctx, b.pool, at, baseURL)
		require.NoError(t, err)
		require.Equal(t, 3, n)
		_, err = b.owner.Exec(b.ctx, `UPDATE integration_keys SET expires_at = expires_at + interval '1 day' WHERE client_id = $1`, b.testklient)
		require.NoError(t, err)
		n, err = keyexpiry.Remind(b.ctx, b.pool, at.Add(24*time.Hour), baseURL)
		require.NoError(t, err)
		require.Equal(t, 2, n, "the new expiry is another key's life: Kari's two points hear of it")
	})
}

// TestReminderJobInTheWorker: the worker runs the reminders as a River
// periodic job and delivers each e-mail once over SMTP, also when a second
// worker starts (a restart, or another process) at the same moment.
func TestReminderJobInTheWorker(t *testing.T) {
	t.Parallel()
	b := setup(t)
	srv := mailtest.Start(t, mailtest.Options{})
	clock := func() time.Time { return b.keyExpires.Add(-30*24*time.Hour + time.Minute) }
	start := func() *mail.Worker {
		sender, err := mail.NewSMTPSender(srv.SMTP(), mail.SMTPOptions{})
		require.NoError(t, err)
		w, err := mail.Start(b.ctx, mail.WorkerConfig{DatabaseURL: b.servingURL, Sender: sender,
			From: "Selvbetjening <ikke-svar@portal.example>", PollInterval: 50 * time.Millisecond,
			Periodic: []mail.Periodic{keyexpiry.Job(baseURL, clock)}})
		require.NoError(t, err)
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = w.Stop(ctx)
		})
		return w
	}
	first := start()
	got := srv.WaitFor(t, 3, 30*time.Second)
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	require.NoError(t, first.Stop(ctx))
	start()
	// The second worker's leader runs the job on start too; it finds every
	// reminder queued already. Wait until it has run before counting.
	require.Eventually(t, func() bool {
		var n int
		require.NoError(t, b.owner.QueryRow(b.ctx,
			`SELECT count(*) FROM river_job WHERE kind = 'mail.periodic' AND state = 'completed'`).Scan(&n))
		return n >= 2
	}, 30*time.Second, 50*time.Millisecond)
	time.Sleep(300 * time.Millisecond)
	require.Equal(t, 3, srv.Count(), "each reminder once")

	to := map[string]string{}
	for _, m := range got {
		require.Len(t, m.To, 1)
		to[m.To[0]] = m.Raw()
	}
	require.Contains(t, to, "drift@konsument.example")
	require.Contains(t, to, "kari@konsument.example")
	require.Contains(t, to, "drift@skatteetaten.no")
	body := decoded(t, to["kari@konsument.example"])
	require.Contains(t, body, "Nøkkel-ID (kid): testklient-2026")
	require.Contains(t, body, "Testklient")
}

// decoded is the raw message with its quoted-printable body decoded.
func decoded(t *testing.T, raw string) string {
	t.Helper()
	b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(raw)))
	if err != nil {
		return raw
	}
	return string(b)
}
