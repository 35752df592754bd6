package mail_test

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/mail/mailtest"
)

// worker is a worker process: this test binary, run as a worker (TestMain).
type worker struct {
	cmd *exec.Cmd
	out logBuffer
}

func startWorkerProcess(t *testing.T, dbURL, smtpURL string) *worker {
	t.Helper()
	w := &worker{cmd: exec.Command(os.Args[0], "-test.run=^$")}
	w.cmd.Env = append(os.Environ(), workerEnv+"="+dbURL, "MAILTEST_WORKER_SMTP_URL="+smtpURL)
	w.cmd.Stdout, w.cmd.Stderr = &w.out, &w.out
	require.NoError(t, w.cmd.Start())
	t.Cleanup(func() {
		if w.cmd.ProcessState == nil {
			_ = w.cmd.Process.Kill()
			_ = w.cmd.Wait()
		}
	})
	return w
}

// workerBackends counts the database connections of worker processes on
// dbName; a killed worker's last COMMIT is decided once they are gone.
func workerBackends(t *testing.T, dbName string) int {
	t.Helper()
	// The superuser of DATABASE_URL sees every session's application_name.
	conn, err := pgx.Connect(context.Background(), os.Getenv("DATABASE_URL"))
	require.NoError(t, err)
	defer conn.Close(context.Background())
	var n int
	require.NoError(t, conn.QueryRow(context.Background(), `
		SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'selvbetjening-mail-worker'`,
		dbName).Scan(&n))
	return n
}

// TestWorkerKilledMidBatch kills a worker process with SIGKILL while it sends
// 1,000 e-mails, and starts another. Nothing may be lost, and nothing may
// arrive twice except what the design allows (doc.go): a delivery the SMTP
// server had accepted when the worker died, before its COMMIT. The test
// measures that set exactly, after the kill, as the server's accepted
// Message-IDs whose deliveries the database does not record as sent, and
// requires every other e-mail to arrive exactly once, and those at most
// twice, never more than one per send under way.
func TestWorkerKilledMidBatch(t *testing.T) {
	t.Parallel()
	const n, concurrency = 1000, 10
	q := newQueue(t)
	srv := mailtest.Start(t, mailtest.Options{})
	cause := mail.IncidentCause(1000)
	require.Equal(t, n, q.enqueue(t, messages(cause, n)...))
	var dbName string
	require.NoError(t, q.owner.QueryRow(context.Background(), `SELECT current_database()`).Scan(&dbName))

	first := startWorkerProcess(t, q.servingURL, srv.URL())
	srv.WaitFor(t, n*3/10, 2*time.Minute)
	require.NoError(t, first.cmd.Process.Kill()) // SIGKILL: no deferred function, no COMMIT, no QUIT
	_ = first.cmd.Wait()
	killedAt := srv.Count()

	// Wait until PostgreSQL has ended the dead worker's sessions: each open
	// transaction is then rolled back, or was committed before it died.
	deadline := time.Now().Add(time.Minute)
	for workerBackends(t, dbName) > 0 {
		require.True(t, time.Now().Before(deadline), "the killed worker's sessions are still there")
		time.Sleep(20 * time.Millisecond)
	}
	sentBefore := map[string]bool{}
	statusAfterKill := map[mail.Status]int{}
	for _, d := range q.all(t, cause) {
		statusAfterKill[d.Status]++
		if d.Status == mail.StatusSent {
			sentBefore[d.MessageID] = true
		}
	}
	// The window: accepted by the server, not recorded as sent.
	window := map[string]bool{}
	for id := range srv.ByMessageID() {
		if !sentBefore[id] {
			window[id] = true
		}
	}
	require.Less(t, killedAt, n, "the worker died in the middle of the batch")
	require.Positive(t, statusAfterKill[mail.StatusQueued], "work was left for the second worker")

	second := startWorkerProcess(t, q.servingURL, srv.URL())
	q.waitUntil(t, cause, 3*time.Minute, func(c map[mail.Status]int) bool { return c[mail.StatusSent] == n })
	require.NoError(t, second.cmd.Process.Signal(os.Interrupt))
	require.NoError(t, second.cmd.Wait(), "the second worker stops cleanly:\n%s", second.out.String())

	received := srv.ByMessageID()
	var twice int
	for _, d := range q.all(t, cause) {
		require.Equal(t, mail.StatusSent, d.Status)
		got := received[d.MessageID]
		switch {
		case got == 1:
		case got == 2 && window[d.MessageID]:
			twice++
		default:
			t.Errorf("delivery %d (%s) arrived %d times; in the window: %v", d.ID, d.MessageID, got, window[d.MessageID])
		}
	}
	require.Len(t, received, n, "every e-mail arrived, none lost")
	require.Equal(t, n+twice, srv.Count())
	require.LessOrEqual(t, len(window), concurrency, "at most one e-mail per send under way was in the window")
	t.Logf("killed after %d accepted; then %v; %d in the window between acceptance and COMMIT, %d of them sent again",
		killedAt, statusAfterKill, len(window), twice)

	for _, w := range []*worker{first, second} {
		require.Contains(t, w.out.String(), `"msg":"mail.sent"`)
		require.NotContains(t, w.out.String(), "mottaker.example", "no address in the worker's log")
	}
}
