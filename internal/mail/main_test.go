package mail_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"testing"

	"github.com/digdir/selvbetjening/internal/config"
	"github.com/digdir/selvbetjening/internal/mail"
)

// workerEnv, when set, makes the test binary a worker process instead: the
// crash test starts it, kills it with SIGKILL and starts it again.
const workerEnv = "MAILTEST_WORKER_DATABASE_URL"

func TestMain(m *testing.M) {
	if dbURL := os.Getenv(workerEnv); dbURL != "" {
		if err := workerProcess(dbURL, os.Getenv("MAILTEST_WORKER_SMTP_URL")); err != nil {
			fmt.Fprintln(os.Stderr, "worker:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// workerProcess is a worker as portal worker runs it, with the crash test's
// short time-outs, until SIGTERM.
func workerProcess(dbURL, smtpURL string) error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	settings, err := config.ParseSMTPURL(smtpURL)
	if err != nil {
		return err
	}
	sender, err := mail.NewSMTPSender(settings, mail.SMTPOptions{})
	if err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: slog.LevelInfo}))
	cfg := fastConfig(dbURL, sender, log)
	cfg.Concurrency = 10
	return mail.Run(ctx, cfg)
}
