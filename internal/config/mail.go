package config

import (
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
)

// Mail is how e-mail leaves the portal (internal/mail sends it).
type Mail struct {
	// SMTP is SMTP_URL; nil keeps e-mail in the development outbox: the
	// delivery rows, marked sent there, and a log line each.
	SMTP *SMTP
	// From is MAIL_FROM, the sender of every e-mail; its domain is also the
	// right-hand side of every Message-ID.
	From string
	// Worker (WORKER, default 1) runs the e-mail worker inside portal serve.
	Worker bool
	// Outbox (MAIL_OUTBOX=1) lets a portal over https start without SMTP_URL,
	// for a test deployment that should send nothing.
	Outbox bool
}

// TLS modes of an SMTP connection.
const (
	SMTPStartTLS = "starttls" // smtp://: STARTTLS, required (the default)
	SMTPTLS      = "tls"      // smtps://: TLS from the first byte
	SMTPPlain    = "none"     // smtp://…?tls=none: no TLS, for a local server
)

// SMTP is a parsed SMTP_URL.
type SMTP struct {
	Host     string
	Port     int
	Username string
	Password string
	TLS      string // SMTPStartTLS, SMTPTLS or SMTPPlain
}

// DevMailFrom is the sender of e-mail in the development outbox.
const DevMailFrom = "Selvbetjening <selvbetjening@localhost>"

// loadMail reads SMTP_URL, MAIL_FROM, WORKER and MAIL_OUTBOX.
func loadMail(getenv func(string) string) (Mail, []error) {
	var errs []error
	m := Mail{From: getenv("MAIL_FROM"), Worker: true}
	if raw := getenv("SMTP_URL"); raw != "" {
		s, err := ParseSMTPURL(raw)
		if err != nil {
			errs = append(errs, fmt.Errorf("SMTP_URL: %w", err))
		} else {
			m.SMTP = &s
		}
	}
	switch {
	case m.From == "" && m.SMTP != nil:
		errs = append(errs, errors.New("MAIL_FROM is required with SMTP_URL: the sender of the portal's e-mail, e.g. Selvbetjening <ikke-svar@example.no>"))
	case m.From == "":
		m.From = DevMailFrom
	default:
		if _, err := ParseMailFrom(m.From); err != nil {
			errs = append(errs, fmt.Errorf("MAIL_FROM: %w", err))
		}
	}
	for _, b := range []struct {
		key string
		to  *bool
	}{{"WORKER", &m.Worker}, {"MAIL_OUTBOX", &m.Outbox}} {
		if v := getenv(b.key); v != "" {
			var err error
			if *b.to, err = onOff(v); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", b.key, err))
			}
		}
	}
	return m, errs
}

// ParseMailFrom reads a sender such as "Selvbetjening <ikke-svar@example.no>"
// or a bare address.
func ParseMailFrom(s string) (*mail.Address, error) {
	a, err := mail.ParseAddress(s)
	if err != nil {
		return nil, fmt.Errorf("want an address such as Selvbetjening <ikke-svar@example.no>: %w", err)
	}
	if _, domain, _ := strings.Cut(a.Address, "@"); domain == "" || strings.ContainsAny(domain, "[]") {
		return nil, errors.New("the address needs a domain name")
	}
	return a, nil
}

// ParseSMTPURL reads smtp://user:password@host:587 (STARTTLS, required),
// smtps://user:password@host:465 (TLS from the start), or
// smtp://host:1025?tls=none (no TLS; a password then only to a loopback host).
// Errors never repeat the URL, which may hold a password.
func ParseSMTPURL(raw string) (SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return SMTP{}, errors.New("not a URL (smtp://user:password@host:587 or smtps://…)")
	}
	var s SMTP
	switch u.Scheme {
	case "smtp":
		s.TLS, s.Port = SMTPStartTLS, 587
	case "smtps":
		s.TLS, s.Port = SMTPTLS, 465
	default:
		return SMTP{}, fmt.Errorf("scheme must be smtp or smtps, got %q", u.Scheme)
	}
	if u.Opaque != "" || (u.Path != "" && u.Path != "/") || u.Fragment != "" {
		return SMTP{}, errors.New("want only a host, a port and optionally user:password (smtp://user:password@host:587)")
	}
	s.Host = u.Hostname()
	if s.Host == "" {
		return SMTP{}, errors.New("the host is missing (smtp://user:password@host:587)")
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return SMTP{}, errors.New("the port must be a number from 1 to 65535")
		}
		s.Port = n
	}
	if u.User != nil {
		s.Username = u.User.Username()
		s.Password, _ = u.User.Password()
		if s.Username == "" {
			return SMTP{}, errors.New("a password needs a user name (smtp://user:password@host)")
		}
	}
	q := u.Query()
	for k := range q {
		if k != "tls" {
			return SMTP{}, fmt.Errorf("unknown parameter %q (the only one is tls=none)", k)
		}
	}
	if q.Has("tls") {
		if q.Get("tls") != "none" || len(q["tls"]) != 1 || u.Scheme != "smtp" {
			return SMTP{}, errors.New("the only tls parameter is tls=none, with smtp://, for a local server without TLS")
		}
		s.TLS = SMTPPlain
		if s.Username != "" && !loopbackHost(s.Host) {
			return SMTP{}, errors.New("tls=none sends the password unencrypted: only to a loopback host")
		}
	}
	return s, nil
}

func loopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
