package mail_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

const testFrom = "Selvbetjening <ikke-svar@portal.example>"

// queue is a fresh database as the portal uses it: enqueued into and worked
// as the serving role, read back as the owner.
type queue struct {
	ownerURL, servingURL string
	owner, serving       *pgxpool.Pool
}

func newQueue(t testing.TB) *queue {
	t.Helper()
	q := &queue{ownerURL: storetest.URL(t)}
	q.servingURL = storetest.ServingURL(t, q.ownerURL)
	var err error
	q.owner, err = store.Open(context.Background(), q.ownerURL)
	require.NoError(t, err)
	t.Cleanup(q.owner.Close)
	q.serving = storetest.ServingPool(t, q.ownerURL)
	return q
}

// enqueue queues msgs in one transaction and returns how many were new.
func (q *queue) enqueue(t testing.TB, msgs ...mail.Message) int {
	t.Helper()
	var n int
	require.NoError(t, store.InTx(context.Background(), q.serving, func(tx pgx.Tx) error {
		var err error
		n, err = mail.EnqueueMany(context.Background(), tx, msgs)
		return err
	}))
	return n
}

// fastConfig is a worker that retries and rescues within seconds.
func (q *queue) fastConfig(sender mail.Sender, log *slog.Logger) mail.WorkerConfig {
	return fastConfig(q.servingURL, sender, log)
}

func fastConfig(dbURL string, sender mail.Sender, log *slog.Logger) mail.WorkerConfig {
	return mail.WorkerConfig{
		DatabaseURL:  dbURL,
		Sender:       sender,
		From:         testFrom,
		Log:          log,
		Concurrency:  5,
		Timeout:      5 * time.Second,
		RescueAfter:  6 * time.Second,
		Backoff:      func(int) time.Duration { return 10 * time.Millisecond },
		PollInterval: 50 * time.Millisecond,
	}
}

// startWorker starts a worker, stopped when the test ends.
func startWorker(t testing.TB, cfg mail.WorkerConfig) *mail.Worker {
	t.Helper()
	w, err := mail.Start(context.Background(), cfg)
	require.NoError(t, err)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		require.NoError(t, w.Stop(ctx))
	})
	return w
}

// waitUntil polls the owner's view of cause's deliveries until done says so.
func (q *queue) waitUntil(t testing.TB, cause string, timeout time.Duration, done func(map[mail.Status]int) bool) map[mail.Status]int {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		counts, err := mail.Summary(context.Background(), q.owner, cause)
		require.NoError(t, err)
		if done(counts) {
			return counts
		}
		if time.Now().After(deadline) {
			t.Fatalf("deliveries of %s after %s: %v", cause, timeout, counts)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (q *queue) all(t testing.TB, cause string) []mail.Delivery {
	t.Helper()
	list, err := mail.Deliveries(context.Background(), q.owner, cause, mail.Page{Limit: 100_000})
	require.NoError(t, err)
	return list
}

// messages makes n messages for cause to n recipients.
func messages(cause string, n int) []mail.Message {
	msgs := make([]mail.Message, n)
	for i := range msgs {
		msgs[i] = mail.Message{
			Cause: cause, To: fmt.Sprintf("varsel%05d@mottaker.example", i), OrgNo: "310000019",
			Subject: "Kritisk hendelse i Maskinporten", Text: fmt.Sprintf("Hei, mottaker %d.\n\nMaskinporten TEST er nede.", i),
		}
	}
	return msgs
}

// logBuffer collects a worker's JSON log lines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
