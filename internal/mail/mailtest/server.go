// Package mailtest runs a real SMTP server (emersion/go-smtp) inside a test
// and records what it accepts, so e-mail tests check what a mail system
// would receive: envelope, headers and body.
package mailtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/digdir/selvbetjening/internal/config"
)

// Server is an SMTP server on a loopback port, closed when the test ends.
type Server struct {
	Addr string // 127.0.0.1:port

	opts     Options
	mu       sync.Mutex
	received []Received
	offered  int           // messages read to the end, accepted or not
	changed  chan struct{} // closed and replaced on every accepted message
}

// Options change how the server answers.
type Options struct {
	// Rcpt, when set, may refuse a recipient (return an *smtp.SMTPError).
	Rcpt func(to string) error
	// Data, when set, may refuse a message after it was read; n counts the
	// messages offered so far, this one included, from 1.
	Data func(m Received, n int) error
	// TLS offers STARTTLS with a certificate for 127.0.0.1 (ClientTLS trusts it).
	TLS bool
	// Username and Password, when set, are required (AUTH PLAIN).
	Username, Password string
}

// Start starts a server for t.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	s := &Server{opts: opts, changed: make(chan struct{})}
	srv := smtp.NewServer(backend{s})
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = time.Minute, time.Minute
	srv.MaxMessageBytes = 10 << 20
	// A client that dies mid-session (the crash test kills one) is no error here.
	srv.ErrorLog = log.New(io.Discard, "", 0)
	srv.AllowInsecureAuth = !opts.TLS
	if opts.TLS {
		srv.TLSConfig = serverTLS(t)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailtest: listen: %v", err)
	}
	s.Addr = ln.Addr().String()
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, smtp.ErrServerClosed) {
			t.Errorf("mailtest: serve: %v", err)
		}
	}()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			_ = srv.Close()
		}
		<-done
	})
	return s
}

// SMTP is the setting that reaches this server: plain, or STARTTLS with
// Options.TLS (and then ClientTLS as the client's TLS configuration).
func (s *Server) SMTP() config.SMTP {
	host, port, _ := net.SplitHostPort(s.Addr)
	n, _ := strconv.Atoi(port)
	c := config.SMTP{Host: host, Port: n, TLS: config.SMTPPlain, Username: s.opts.Username, Password: s.opts.Password}
	if s.opts.TLS {
		c.TLS = config.SMTPStartTLS
	}
	return c
}

// URL is SMTP as an SMTP_URL, for a portal process started by a test.
func (s *Server) URL() string {
	c := s.SMTP()
	u := "smtp://" + s.Addr
	if c.TLS == config.SMTPPlain {
		u += "?tls=none"
	}
	return u
}

// Received returns what was accepted so far, in order.
func (s *Server) Received() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

// Count is how many messages were accepted so far.
func (s *Server) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.received)
}

// WaitFor waits until at least n messages were accepted, failing t after
// timeout, and returns them.
func (s *Server) WaitFor(t testing.TB, n int, timeout time.Duration) []Received {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		got, changed := len(s.received), s.changed
		s.mu.Unlock()
		if got >= n {
			return s.Received()
		}
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("mailtest: %d of %d messages after %s", got, n, timeout)
		}
	}
}

// ByMessageID counts the accepted messages per Message-ID.
func (s *Server) ByMessageID() map[string]int {
	counts := map[string]int{}
	for _, m := range s.Received() {
		counts[m.MessageID()]++
	}
	return counts
}

func (s *Server) accept(m Received) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.received = append(s.received, m)
	close(s.changed)
	s.changed = make(chan struct{})
}

type backend struct{ s *Server }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{s: b.s}, nil }

type session struct {
	s      *Server
	authed bool
	from   string
	to     []string
}

func (x *session) AuthMechanisms() []string {
	if x.s.opts.Username == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (x *session) Auth(mech string) (sasl.Server, error) {
	if mech != sasl.Plain {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(_, username, password string) error {
		if username != x.s.opts.Username || password != x.s.opts.Password {
			return smtp.ErrAuthFailed
		}
		x.authed = true
		return nil
	}), nil
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	if x.s.opts.Username != "" && !x.authed {
		return smtp.ErrAuthRequired
	}
	x.from = from
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if x.s.opts.Rcpt != nil {
		if err := x.s.opts.Rcpt(to); err != nil {
			return err
		}
	}
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err // an interrupted message is not accepted
	}
	m := Received{From: x.from, To: append([]string(nil), x.to...), Data: data}
	if _, err := m.parse(); err != nil {
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: fmt.Sprintf("unreadable message: %v", err)}
	}
	x.s.mu.Lock()
	x.s.offered++
	n := x.s.offered
	x.s.mu.Unlock()
	if x.s.opts.Data != nil {
		if err := x.s.opts.Data(m, n); err != nil {
			return err
		}
	}
	m.At = time.Now()
	x.s.accept(m)
	return nil
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }

// Received is one accepted message.
type Received struct {
	From string   // MAIL FROM
	To   []string // RCPT TO
	Data []byte   // the message as sent
	At   time.Time
}

// Raw is the message as text.
func (m Received) Raw() string { return string(bytes.ReplaceAll(m.Data, []byte("\r\n"), []byte("\n"))) }
