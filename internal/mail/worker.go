package mail

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/digdir/selvbetjening/internal/config"
)

// queueName is the River queue of e-mail jobs.
const queueName = "mail"

// maxAttempts is how often a delivery is tried before it is failed: with
// Backoff's defaults over about ten hours. River's own limit is a little
// higher, so that a job whose worker died on the last attempts is still
// rescued and its delivery ends as failed rather than sending.
const maxAttempts = 12

// sendArgs is a job's whole content: the delivery's id, never an address.
type sendArgs struct {
	DeliveryID int64 `json:"delivery_id"`
}

func (sendArgs) Kind() string { return "mail.send" }

func (sendArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: queueName, MaxAttempts: maxAttempts + 3}
}

// WorkerConfig configures a worker; only DatabaseURL and Sender are required.
type WorkerConfig struct {
	// DatabaseURL is where the queue is. The worker opens a pool of its own,
	// sized for Concurrency, so that sends never wait for web requests' connections.
	DatabaseURL string
	Sender      Sender
	From        string // MAIL_FROM; its domain ends every Message-ID
	Log         *slog.Logger
	// Concurrency is how many e-mails this process sends at once (10).
	Concurrency int
	// Timeout bounds one attempt (1m); RescueAfter is how long a job of a
	// worker that died waits before another worker takes it over (5m; more
	// than Timeout, so a slow attempt is never taken over while it runs).
	Timeout     time.Duration
	RescueAfter time.Duration
	// Backoff is the wait before attempt+1 (30s doubling to at most 2h, ±10%).
	Backoff func(attempt int) time.Duration
	// ClientID names this worker in River's tables (default: host and time).
	ClientID string
	// PollInterval is how often the queue is checked besides the
	// notifications of new jobs (1s); retries are found this way.
	PollInterval time.Duration
	// Periodic is work on a schedule beside sending (the key reminders).
	Periodic []Periodic
}

// Backoff is the default wait after attempt: 30s, 1m, 2m, … up to 2h, with
// a tenth of jitter so that a server's outage does not end in a stampede.
func Backoff(attempt int) time.Duration {
	d := 2 * time.Hour
	if attempt < 10 {
		d = min(d, 30*time.Second<<max(attempt-1, 0))
	}
	return d + time.Duration(rand.Int64N(int64(d/10)+1)) - d/20
}

// Worker sends queued e-mail until stopped.
type Worker struct {
	client *river.Client[pgx.Tx]
	pool   *pgxpool.Pool
	sender Sender
	log    *slog.Logger
}

// Start connects and starts working the queue. The Sender is closed by Stop.
func Start(ctx context.Context, cfg WorkerConfig) (*Worker, error) {
	if cfg.Sender == nil {
		return nil, errors.New("mail worker: no sender")
	}
	from, err := config.ParseMailFrom(cmp.Or(cfg.From, config.DevMailFrom))
	if err != nil {
		return nil, fmt.Errorf("mail worker: MAIL_FROM: %w", err)
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	concurrency := cmp.Or(cfg.Concurrency, 10)
	timeout := cmp.Or(cfg.Timeout, time.Minute)

	poolCfg, err := pgxpool.ParseConfig(cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("mail worker: parse database url: %w", err)
	}
	// A connection per send under way, and some for River: its listener,
	// fetches, completions and the leader's maintenance.
	poolCfg.MaxConns = int32(concurrency + 5)
	poolCfg.ConnConfig.RuntimeParams["application_name"] = "selvbetjening-mail-worker"
	pool, err := pgxpool.NewWithConfig(ctx, poolCfg)
	if err != nil {
		return nil, fmt.Errorf("mail worker: connect to database: %w", err)
	}

	w := &sendWorker{
		pool: pool, sender: cfg.Sender, from: from.String(), domain: domainOf(from.Address),
		log: log, timeout: timeout, backoff: cfg.Backoff,
	}
	if w.backoff == nil {
		w.backoff = Backoff
	}
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, w); err != nil {
		pool.Close()
		return nil, fmt.Errorf("mail worker: %w", err)
	}
	periodic, err := addPeriodic(workers, pool, cfg.Periodic)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("mail worker: %w", err)
	}
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		PeriodicJobs:      periodic,
		ID:                cfg.ClientID,
		Queues:            map[string]river.QueueConfig{queueName: {MaxWorkers: concurrency}},
		Workers:           workers,
		JobTimeout:        timeout,
		FetchPollInterval: cmp.Or(cfg.PollInterval, time.Second),
		// River fetches at most once per cooldown, up to Concurrency jobs a
		// time, which caps a process at Concurrency/cooldown e-mails a second:
		// River's 100ms default would make that 100 for 10 at once.
		FetchCooldown:        min(cmp.Or(cfg.PollInterval, time.Second), 10*time.Millisecond),
		RescueStuckJobsAfter: cmp.Or(cfg.RescueAfter, 5*time.Minute),
		Logger:               log,
	})
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("mail worker: %w", err)
	}
	if err := client.Start(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("mail worker: start: %w", err)
	}
	log.Info("mail worker started", "transport", cfg.Sender.Transport(), "concurrency", concurrency)
	return &Worker{client: client, pool: pool, sender: cfg.Sender, log: log}, nil
}

// Stop fetches no more jobs and waits for the sends under way, until ctx
// ends; then it cancels them (their deliveries are retried later).
func (w *Worker) Stop(ctx context.Context) error {
	err := w.client.Stop(ctx)
	if err != nil {
		err = errors.Join(err, w.client.StopAndCancel(context.WithoutCancel(ctx)))
	}
	w.pool.Close()
	err = errors.Join(err, w.sender.Close())
	w.log.Info("mail worker stopped")
	return err
}

// Run is Start, then Stop when ctx ends, giving the sends under way up to
// 30 seconds.
func Run(ctx context.Context, cfg WorkerConfig) error {
	w, err := Start(ctx, cfg)
	if err != nil {
		return err
	}
	<-ctx.Done()
	stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	return w.Stop(stopCtx)
}
