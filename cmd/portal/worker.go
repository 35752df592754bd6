package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/digdir/selvbetjening/internal/config"
	"github.com/digdir/selvbetjening/internal/keyexpiry"
	"github.com/digdir/selvbetjening/internal/mail"
)

// mailWorkerConfig is the e-mail worker as the settings make it: SMTP_URL's
// server or the development outbox, serving with DATABASE_URL, and the
// reminders before keys expire as its periodic job.
func mailWorkerConfig(cfg config.Config, log *slog.Logger) (mail.WorkerConfig, error) {
	sender, err := mail.NewSender(cfg.Mail, log)
	if err != nil {
		return mail.WorkerConfig{}, err
	}
	return mail.WorkerConfig{DatabaseURL: cfg.DatabaseURL, Sender: sender, From: cfg.Mail.From, Log: log,
		Periodic: []mail.Periodic{keyexpiry.Job(cfg.BaseURL, time.Now)}}, nil
}

// startMailWorker starts the e-mail worker inside portal serve, unless
// WORKER=0; stop waits for the e-mails under way, up to 30 seconds.
func startMailWorker(ctx context.Context, cfg config.Config, log *slog.Logger) (stop func() error, err error) {
	if !cfg.Mail.Worker {
		log.Info("mail worker off", "setting", "WORKER=0")
		return func() error { return nil }, nil
	}
	wcfg, err := mailWorkerConfig(cfg, log)
	if err != nil {
		return nil, err
	}
	w, err := mail.Start(ctx, wcfg)
	if err != nil {
		return nil, err
	}
	return func() error {
		stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		return w.Stop(stopCtx)
	}, nil
}

// runMailWorker is portal worker: the e-mail worker alone, until SIGTERM.
func runMailWorker(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	wcfg, err := mailWorkerConfig(cfg, log)
	if err != nil {
		return err
	}
	return mail.Run(ctx, wcfg)
}
