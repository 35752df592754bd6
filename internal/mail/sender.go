package mail

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/digdir/selvbetjening/internal/config"
)

// Envelope is what a Sender sends: one delivery, ready to go.
type Envelope struct {
	DeliveryID int64
	From       string // MAIL_FROM
	To         string
	Subject    string
	Text       string
	HTML       string
	MessageID  string    // with angle brackets, the same at every attempt
	Date       time.Time // when the delivery was queued, the same at every attempt
}

// A Sender hands envelopes to a mail system. Send returns nil only when the
// e-mail was accepted; a *SendError says whether trying again may help.
type Sender interface {
	Send(ctx context.Context, e Envelope) error
	Transport() string // TransportSMTP or TransportOutbox
	Close() error
}

// SendError is a failed send. Error is safe to log: it holds the SMTP reply
// codes and what failed, never an address. Detail is the whole answer,
// which may name the recipient; it is kept in the delivery's last_error.
type SendError struct {
	Permanent bool   // 5xx: the server refused it for good
	Code      int    // the SMTP reply code; 0 when the server did not answer
	Enhanced  string // the enhanced status code (RFC 3463), if the server sent one
	Step      string // what failed, e.g. "sending SMTP RCPT TO command"
	Detail    string
}

func (e *SendError) Error() string {
	kind := "temporary"
	if e.Permanent {
		kind = "permanent"
	}
	s := fmt.Sprintf("%s failure: %s", kind, e.Step)
	if e.Code != 0 {
		s += fmt.Sprintf(" (%d", e.Code)
		if e.Enhanced != "" {
			s += " " + e.Enhanced
		}
		s += ")"
	}
	return s
}

// NewSender is the sender configured by SMTP_URL, or the development outbox
// without it.
func NewSender(cfg config.Mail, log *slog.Logger) (Sender, error) {
	if cfg.SMTP == nil {
		return Outbox{}, nil
	}
	return NewSMTPSender(*cfg.SMTP, SMTPOptions{Log: log})
}

// Outbox is the development outbox: it accepts every e-mail and sends
// nothing. The delivery row, marked sent with transport outbox, is the
// e-mail; the worker's log line says it was kept.
type Outbox struct{}

func (Outbox) Send(context.Context, Envelope) error { return nil }
func (Outbox) Transport() string                    { return TransportOutbox }
func (Outbox) Close() error                         { return nil }
