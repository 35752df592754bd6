package config_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/config"
)

func TestParseSMTPURL(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		url  string
		want config.SMTP
	}{
		"StartTLSByDefault": {url: "smtp://portal:hemmelig@smtp.example:587",
			want: config.SMTP{Host: "smtp.example", Port: 587, Username: "portal", Password: "hemmelig", TLS: config.SMTPStartTLS}},
		"DefaultSubmissionPort": {url: "smtp://smtp.example",
			want: config.SMTP{Host: "smtp.example", Port: 587, TLS: config.SMTPStartTLS}},
		"ImplicitTLS": {url: "smtps://portal:hemmelig@smtp.example",
			want: config.SMTP{Host: "smtp.example", Port: 465, Username: "portal", Password: "hemmelig", TLS: config.SMTPTLS}},
		"EscapedPassword": {url: "smtp://portal%40example.no:h%C3%A6m%3Amelig@smtp.example:2525",
			want: config.SMTP{Host: "smtp.example", Port: 2525, Username: "portal@example.no", Password: "hæm:melig", TLS: config.SMTPStartTLS}},
		"PlainToALocalServer": {url: "smtp://127.0.0.1:1025?tls=none",
			want: config.SMTP{Host: "127.0.0.1", Port: 1025, TLS: config.SMTPPlain}},
		"PlainWithPasswordToLoopback": {url: "smtp://u:p@localhost:1025?tls=none",
			want: config.SMTP{Host: "localhost", Port: 1025, Username: "u", Password: "p", TLS: config.SMTPPlain}},
		"PlainWithoutPasswordElsewhere": {url: "smtp://relay.internal:25?tls=none",
			want: config.SMTP{Host: "relay.internal", Port: 25, TLS: config.SMTPPlain}},
		"IPv6": {url: "smtp://[::1]:1025?tls=none",
			want: config.SMTP{Host: "::1", Port: 1025, TLS: config.SMTPPlain}},
		"TrailingSlash": {url: "smtp://smtp.example:587/",
			want: config.SMTP{Host: "smtp.example", Port: 587, TLS: config.SMTPStartTLS}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := config.ParseSMTPURL(tc.url)
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

func TestParseSMTPURLRefuses(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ url, want string }{
		"OtherScheme":          {"https://smtp.example", `scheme must be smtp or smtps, got "https"`},
		"NoScheme":             {"smtp.example:587", "scheme must be smtp or smtps"},
		"NoHost":               {"smtp://:587", "the host is missing"},
		"BadPort":              {"smtp://smtp.example:0", "the port must be a number from 1 to 65535"},
		"PortTooHigh":          {"smtp://smtp.example:70000", "the port must be a number from 1 to 65535"},
		"Path":                 {"smtp://smtp.example/innboks", "want only a host, a port"},
		"Opaque":               {"smtp:smtp.example", "want only a host, a port"},
		"Fragment":             {"smtp://smtp.example#x", "want only a host, a port"},
		"PasswordWithoutUser":  {"smtp://:hemmelig@smtp.example", "a password needs a user name"},
		"UnknownParameter":     {"smtp://smtp.example?auth=plain", `unknown parameter "auth"`},
		"OtherTLSValue":        {"smtp://smtp.example?tls=starttls", "the only tls parameter is tls=none"},
		"PlainOverSMTPS":       {"smtps://smtp.example?tls=none", "the only tls parameter is tls=none"},
		"PlainTwice":           {"smtp://smtp.example?tls=none&tls=none", "the only tls parameter is tls=none"},
		"PlainPasswordRemote":  {"smtp://u:hemmelig@smtp.example?tls=none", "only to a loopback host"},
		"NotAURL":              {"smtp://smtp.example:%zz", "not a URL"},
		"PasswordNotRepeated1": {"ftp://u:hemmelig@smtp.example", `got "ftp"`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := config.ParseSMTPURL(tc.url)
			require.ErrorContains(t, err, tc.want)
			require.NotContains(t, err.Error(), "hemmelig", "an error never shows the password")
		})
	}
}

// FuzzParseSMTPURL: any input gives a setting or an error, never a panic,
// and an error never repeats a password.
func FuzzParseSMTPURL(f *testing.F) {
	for _, s := range []string{"smtp://u:p@h:587", "smtps://h", "smtp://127.0.0.1:1025?tls=none", "smtp://[::1]:25", "smtp://u:p@h?tls=none", "%", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		s, err := config.ParseSMTPURL(raw)
		if err != nil {
			if pw := passwordOf(raw); len(pw) >= 4 && strings.Contains(err.Error(), pw) {
				t.Fatalf("error %q repeats the password", err)
			}
			return
		}
		if s.Host == "" || s.Port < 1 || s.Port > 65535 {
			t.Fatalf("accepted %q as %+v", raw, s)
		}
		switch s.TLS {
		case config.SMTPStartTLS, config.SMTPTLS, config.SMTPPlain:
		default:
			t.Fatalf("accepted %q with TLS mode %q", raw, s.TLS)
		}
	})
}

func passwordOf(raw string) string {
	rest, ok := strings.CutPrefix(raw, "smtp://")
	if !ok {
		rest, _ = strings.CutPrefix(raw, "smtps://")
	}
	userinfo, _, ok := strings.Cut(rest, "@")
	if !ok {
		return ""
	}
	_, pw, _ := strings.Cut(userinfo, ":")
	return pw
}

func TestLoadMail(t *testing.T) {
	t.Parallel()
	c, err := config.Load(env(map[string]string{"DATABASE_URL": "postgres://x/y"}))
	require.NoError(t, err)
	require.Nil(t, c.Mail.SMTP, "without SMTP_URL e-mail goes to the development outbox")
	require.Equal(t, config.DevMailFrom, c.Mail.From)
	require.True(t, c.Mail.Worker, "portal serve runs the worker unless WORKER=0")

	c, err = config.Load(env(map[string]string{"DATABASE_URL": "postgres://x/y", "WORKER": "0",
		"SMTP_URL": "smtp://127.0.0.1:1025?tls=none", "MAIL_FROM": "ikke-svar@portal.example"}))
	require.NoError(t, err)
	require.False(t, c.Mail.Worker)
	require.Equal(t, &config.SMTP{Host: "127.0.0.1", Port: 1025, TLS: config.SMTPPlain}, c.Mail.SMTP)
	require.Equal(t, "ikke-svar@portal.example", c.Mail.From)

	refused := map[string]struct {
		env  map[string]string
		want string
	}{
		"FromMissingWithSMTP": {map[string]string{"SMTP_URL": "smtp://smtp.example"}, "MAIL_FROM is required with SMTP_URL"},
		"BadFrom":             {map[string]string{"MAIL_FROM": "ikke en adresse"}, "MAIL_FROM: want an address"},
		"FromWithoutDomain":   {map[string]string{"MAIL_FROM": "a@[127.0.0.1]"}, "MAIL_FROM: the address needs a domain name"},
		"BadSMTPURL":          {map[string]string{"SMTP_URL": "smtp://u:hemmelig@smtp.example?tls=none"}, "SMTP_URL: tls=none sends the password unencrypted"},
		"BadWorker":           {map[string]string{"WORKER": "ja"}, `WORKER: must be 1 or 0, got "ja"`},
		"BadOutbox":           {map[string]string{"MAIL_OUTBOX": "nei"}, `MAIL_OUTBOX: must be 1 or 0, got "nei"`},
	}
	for name, tc := range refused {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tc.env["DATABASE_URL"] = "postgres://x/y"
			_, err := config.Load(env(tc.env))
			require.ErrorContains(t, err, tc.want)
			require.NotContains(t, err.Error(), "hemmelig")
		})
	}
}
