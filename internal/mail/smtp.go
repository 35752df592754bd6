package mail

import (
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net/textproto"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"

	"github.com/digdir/selvbetjening/internal/config"
)

// SMTPOptions tune an SMTPSender beyond SMTP_URL.
type SMTPOptions struct {
	// TLSConfig replaces the default (the system's roots, TLS 1.2 at least,
	// the host's name); tests use it to trust their own certificate.
	TLSConfig *tls.Config
	Timeout   time.Duration // for each SMTP command; 30s when zero
	MaxIdle   int           // connections kept open between e-mails; 10 when zero
	Log       *slog.Logger
}

// idleFor is how long a connection may rest before it is closed rather than
// reused: well within the five minutes after which servers may hang up
// (RFC 5321, 4.5.3.2.7).
const idleFor = 30 * time.Second

// SMTPSender sends through one SMTP server with go-mail, reusing connections
// between e-mails (a connection costs a TLS handshake and a login).
type SMTPSender struct {
	client *gomail.Client // the settings; each connection is its own smtp.Client
	idle   chan idleConn
	log    *slog.Logger
}

type idleConn struct {
	c     *smtp.Client
	since time.Time
}

// NewSMTPSender connects to nothing yet; the first Send does.
func NewSMTPSender(s config.SMTP, o SMTPOptions) (*SMTPSender, error) {
	// No RSET after each e-mail: the server ends the transaction with its
	// answer to DATA (RFC 5321, 4.1.1.4), and an RSET would stand between
	// that answer and the COMMIT that records it. A reused connection is
	// checked with NOOP before the next e-mail.
	opts := []gomail.Option{gomail.WithTimeout(cmp.Or(o.Timeout, 30*time.Second)), gomail.WithoutRset()}
	switch s.TLS {
	case config.SMTPStartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case config.SMTPTLS:
		opts = append(opts, gomail.WithSSL())
	case config.SMTPPlain:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		return nil, fmt.Errorf("smtp: unknown TLS mode %q", s.TLS)
	}
	if s.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.Username), gomail.WithPassword(s.Password))
	}
	if o.TLSConfig != nil {
		opts = append(opts, gomail.WithTLSConfig(o.TLSConfig))
	}
	opts = append(opts, gomail.WithPort(s.Port))
	client, err := gomail.NewClient(s.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("smtp client: %w", err)
	}
	log := o.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &SMTPSender{client: client, idle: make(chan idleConn, cmp.Or(o.MaxIdle, 10)), log: log}, nil
}

func (s *SMTPSender) Transport() string { return TransportSMTP }

// Send sends e on an idle connection or a new one. A reused connection that
// turns out to be gone is noticed before MAIL FROM (go-mail checks it with
// NOOP), so the e-mail is then tried once on a new connection.
func (s *SMTPSender) Send(ctx context.Context, e Envelope) error {
	msg, err := message(e)
	if err != nil {
		return &SendError{Permanent: true, Step: "composing the message", Detail: err.Error()}
	}
	for {
		conn, reused, err := s.conn(ctx)
		if err != nil {
			return classify(err, "connecting to the SMTP server")
		}
		err = s.client.SendWithSMTPClient(conn, msg)
		if msg.IsDelivered() {
			// Accepted, whatever go-mail reports after that; the connection
			// is then not reused.
			if err == nil {
				s.put(conn)
			} else {
				s.close(conn)
			}
			return nil
		}
		s.close(conn)
		var se *gomail.SendError
		if reused && errors.As(err, &se) && se.Reason == gomail.ErrConnCheck {
			continue
		}
		return classify(err, "sending")
	}
}

// conn is an idle connection, or a new one when none has rested less than idleFor.
func (s *SMTPSender) conn(ctx context.Context) (*smtp.Client, bool, error) {
	for {
		select {
		case ic := <-s.idle:
			if time.Since(ic.since) < idleFor {
				return ic.c, true, nil
			}
			s.close(ic.c)
			continue
		default:
		}
		c, err := s.client.DialToSMTPClientWithContext(ctx)
		return c, false, err
	}
}

func (s *SMTPSender) put(c *smtp.Client) {
	select {
	case s.idle <- idleConn{c: c, since: time.Now()}:
	default:
		s.close(c)
	}
}

func (s *SMTPSender) close(c *smtp.Client) {
	if err := s.client.CloseWithSMTPClient(c); err != nil {
		s.log.Debug("close SMTP connection", "error", err)
	}
}

// Close says QUIT on the idle connections.
func (s *SMTPSender) Close() error {
	for {
		select {
		case ic := <-s.idle:
			s.close(ic.c)
		default:
			return nil
		}
	}
}

// message composes e. Date and Message-ID are e's own, so that every attempt
// sends the same message.
func message(e Envelope) (*gomail.Msg, error) {
	m := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := m.From(e.From); err != nil {
		return nil, fmt.Errorf("sender: %w", err)
	}
	if err := m.To(e.To); err != nil {
		return nil, fmt.Errorf("recipient: %w", err)
	}
	m.Subject(e.Subject)
	m.SetMessageIDWithValue(strings.TrimSuffix(strings.TrimPrefix(e.MessageID, "<"), ">"))
	m.SetDateWithValue(e.Date)
	// RFC 3834: sent by a program, so that no one's autoresponder answers.
	m.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	m.SetBodyString(gomail.TypeTextPlain, e.Text)
	if e.HTML != "" {
		m.AddAlternativeString(gomail.TypeTextHTML, e.HTML)
	}
	return m, nil
}

// classify turns go-mail's errors into a SendError: permanent only when the
// server answered 5xx; a broken connection, a time-out, TLS or a 4xx may
// pass.
func classify(err error, step string) *SendError {
	out := &SendError{Step: step, Detail: err.Error()}
	var se *gomail.SendError
	if errors.As(err, &se) {
		out.Code, out.Enhanced, out.Step = se.ErrorCode(), se.EnhancedStatusCode(), se.Reason.String()
	} else if code := replyCode(err); code != 0 {
		out.Code = code
	}
	out.Permanent = out.Code >= 500 && out.Code < 600 && step != "connecting to the SMTP server"
	return out
}

// replyCode is the SMTP reply code of an error during dialling (a greeting,
// EHLO, STARTTLS or AUTH refused), or 0.
func replyCode(err error) int {
	var te *textproto.Error
	if errors.As(err, &te) {
		return te.Code
	}
	return 0
}
