package main

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/mail/mailtest"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// enqueueOne queues one e-mail as a web request would, as the serving role.
func enqueueOne(t *testing.T, servingURL string, msg mail.Message) {
	t.Helper()
	pool := storetest.ServingPool(t, servingURL)
	require.NoError(t, store.InTx(t.Context(), pool, func(tx pgx.Tx) error {
		_, err := mail.Enqueue(t.Context(), tx, msg)
		return err
	}))
}

func waitForStatus(t *testing.T, ownerURL, cause string, want mail.Status) mail.Delivery {
	t.Helper()
	pool, err := store.Open(t.Context(), ownerURL)
	require.NoError(t, err)
	defer pool.Close()
	deadline := time.Now().Add(time.Minute)
	for {
		list, err := mail.Deliveries(t.Context(), pool, cause, mail.Page{})
		require.NoError(t, err)
		if len(list) == 1 && list[0].Status == want {
			return list[0]
		}
		require.True(t, time.Now().Before(deadline), "delivery of %s: %+v", cause, list)
		time.Sleep(20 * time.Millisecond)
	}
}

// TestWorkerCommand: portal worker migrates, sends over SMTP_URL, and stops
// on its context (SIGTERM) without an error.
func TestWorkerCommand(t *testing.T) {
	t.Parallel()
	dbURL := storetest.EmptyURL(t)
	srv := mailtest.Start(t, mailtest.Options{})
	env := map[string]string{
		"DATABASE_URL":         storetest.ServingURL(t, dbURL),
		"MIGRATE_DATABASE_URL": dbURL,
		"SMTP_URL":             srv.URL(),
		"MAIL_FROM":            "Selvbetjening <ikke-svar@portal.example>",
	}
	getenv := func(k string) string { return env[k] }
	require.NoError(t, run(t.Context(), []string{"migrate"}, getenv, &bytes.Buffer{}, nil))

	ctx, cancel := context.WithCancel(t.Context())
	var out lockedBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"worker"}, getenv, &out, nil) }()
	cause := mail.IncidentCause(1)
	enqueueOne(t, storetest.ServingURL(t, dbURL), mail.Message{Cause: cause, To: "kari@konsument.example", Subject: "Hendelse", Text: "Tekst"})
	got := srv.WaitFor(t, 1, time.Minute)
	require.Equal(t, []string{"kari@konsument.example"}, got[0].To)
	d := waitForStatus(t, dbURL, cause, mail.StatusSent)
	require.Equal(t, mail.TransportSMTP, d.Transport)
	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(40 * time.Second):
		t.Fatal("portal worker did not stop")
	}
	require.Contains(t, out.String(), `"msg":"mail worker started"`)
	require.NotContains(t, out.String(), "kari@konsument.example")
}

// TestServeRunsTheWorker: portal serve sends queued e-mail itself (here to
// the development outbox, as SMTP_URL is unset), unless WORKER=0.
func TestServeRunsTheWorker(t *testing.T) {
	t.Parallel()
	for _, worker := range []string{"", "0"} {
		t.Run("WORKER="+worker, func(t *testing.T) {
			t.Parallel()
			dbURL := storetest.EmptyURL(t)
			env := map[string]string{
				"DATABASE_URL":         storetest.ServingURL(t, dbURL),
				"MIGRATE_DATABASE_URL": dbURL,
				"PORTAL_ADDR":          "127.0.0.1:0",
				"WORKER":               worker,
			}
			ctx, cancel := context.WithCancel(t.Context())
			var out lockedBuffer
			ready := make(chan string, 1)
			done := make(chan error, 1)
			go func() { done <- run(ctx, nil, func(k string) string { return env[k] }, &out, ready) }()
			select {
			case <-ready:
			case err := <-done:
				t.Fatalf("portal stopped: %v", err)
			case <-time.After(30 * time.Second):
				t.Fatal("portal did not start")
			}
			cause := mail.AccessRequestCause(1, "received")
			enqueueOne(t, storetest.ServingURL(t, dbURL), mail.Message{Cause: cause, To: "petra@skatteetaten.no", Subject: "Ny forespørsel", Text: "Tekst"})
			if worker == "" {
				d := waitForStatus(t, dbURL, cause, mail.StatusSent)
				require.Equal(t, mail.TransportOutbox, d.Transport)
			}
			cancel()
			select {
			case err := <-done:
				require.NoError(t, err)
			case <-time.After(40 * time.Second):
				t.Fatal("portal did not stop")
			}
			if worker == "0" {
				require.Contains(t, out.String(), `"msg":"mail worker off"`)
				require.NotContains(t, out.String(), "mail worker started")
				waitForStatus(t, dbURL, cause, mail.StatusQueued)
			} else {
				require.Contains(t, out.String(), `"transport":"outbox"`)
			}
			require.NotContains(t, out.String(), "petra@skatteetaten.no")
		})
	}
}
