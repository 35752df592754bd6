// Package config reads the portal's settings from environment variables,
// once, and checks them before anything starts.
package config

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/digdir/selvbetjening/internal/paths"
)

// Config is every setting of the portal. The README lists them with defaults.
type Config struct {
	DatabaseURL string        // DATABASE_URL
	Addr        string        // PORTAL_ADDR
	BaseURL     string        // PORTAL_BASE_URL: how users reach the portal
	SessionKey  []byte        // SESSION_KEY: signs session cookies; same in every process
	SessionTTL  time.Duration // SESSION_TTL: absolute, counted from login
	SessionIdle time.Duration // SESSION_IDLE_TIMEOUT: ends a session nobody uses
	// PROD_LOGIN_MAX_AGE: how old a login may be for a change in production.
	ProdLoginMaxAge time.Duration
	LogLevel        string // LOG_LEVEL
	// METRICS_ADDR: where /metrics is served instead of the main port, so
	// that it need not be public. Empty: /metrics on the main port, which
	// only a portal not served over https may do (productionProblems).
	MetricsAddr string

	// MIGRATE_DATABASE_URL: what migrations and seed run with, as the owner
	// of the tables; DATABASE_URL when unset.
	MigrateDatabaseURL string

	OIDCIssuer       string   // OIDC_ISSUER
	OIDCClientID     string   // OIDC_CLIENT_ID
	OIDCClientSecret string   // OIDC_CLIENT_SECRET
	OIDCACRValues    string   // OIDC_ACR_VALUES
	OIDCScopes       []string // OIDC_SCOPES
	// OIDC_CLIENT_KEY_FILE and OIDC_CLIENT_KEY_ID: a PEM private key for
	// private_key_jwt client authentication, used instead of the secret.
	OIDCClientKeyPEM []byte
	OIDCClientKeyID  string

	// TestDeployment (TEST_DEPLOYMENT) says this deployment is for testing:
	// it accepts ID-porten's TestID logins (synthetic test persons). On by
	// default over http, off over https.
	TestDeployment bool

	Mail Mail // SMTP_URL, MAIL_FROM, WORKER, MAIL_OUTBOX (mail.go)

	// TrustedProxies (TRUSTED_PROXIES) are the load balancers whose
	// X-Forwarded-For is believed (proxy.go, internal/forwarded).
	TrustedProxies []netip.Prefix

	Token Token // TOKEN_KEY_ENCRYPTION_KEY, MASKINPORTEN_*_ISSUER, TOKEN_RATE_LIMIT_* (token.go)
	API   API   // API_RATE_LIMIT (api.go)
}

// Secure reports whether cookies must be sent only over TLS.
func (c Config) Secure() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// RedirectURL is the portal's OpenID Connect callback.
func (c Config) RedirectURL() string { return strings.TrimSuffix(c.BaseURL, "/") + paths.Callback }

// PostLogoutURL is where the provider sends the user after logout.
func (c Config) PostLogoutURL() string { return strings.TrimSuffix(c.BaseURL, "/") + paths.LoggedOut }

// Development defaults: fine for `make run`, refused when the portal is
// served over https (see production.go).
const (
	DevSessionKey   = "utvikling-ikke-for-produksjon"
	DevIssuer       = "http://127.0.0.1:8081" // the stand-in ID-porten of make run
	DevClientSecret = "demo-hemmelighet"      // the stand-in's default client secret
)

// DefaultAddr is where the portal listens without PORTAL_ADDR: loopback, so
// that a developer's portal is not reachable from the network by accident.
// The container image sets PORTAL_ADDR=:8080.
const DefaultAddr = "127.0.0.1:8080"

// Load reads the settings with getenv and fills in defaults.
func Load(getenv func(string) string) (Config, error) {
	get := func(key, def string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return def
	}
	c := Config{
		DatabaseURL:      getenv("DATABASE_URL"),
		Addr:             get("PORTAL_ADDR", DefaultAddr),
		LogLevel:         get("LOG_LEVEL", "info"),
		MetricsAddr:      getenv("METRICS_ADDR"),
		OIDCIssuer:       get("OIDC_ISSUER", DevIssuer),
		OIDCClientID:     get("OIDC_CLIENT_ID", "selvbetjening"),
		OIDCClientSecret: get("OIDC_CLIENT_SECRET", DevClientSecret),
		OIDCACRValues:    get("OIDC_ACR_VALUES", "idporten-loa-substantial"),
		OIDCScopes:       strings.Fields(get("OIDC_SCOPES", "openid profile")),
	}
	c.BaseURL = get("PORTAL_BASE_URL", "http://"+c.Addr)
	c.MigrateDatabaseURL = get("MIGRATE_DATABASE_URL", c.DatabaseURL)
	if path := getenv("OIDC_CLIENT_KEY_FILE"); path != "" {
		pemBytes, err := os.ReadFile(path)
		if err != nil {
			return Config{}, fmt.Errorf("OIDC_CLIENT_KEY_FILE: %w", err)
		}
		c.OIDCClientKeyPEM, c.OIDCClientKeyID = pemBytes, getenv("OIDC_CLIENT_KEY_ID")
	}
	c.SessionKey = sessionKey(get("SESSION_KEY", DevSessionKey))
	// Every problem is reported at once, one line each, so a deployment is
	// fixed in one round.
	var errs []error
	for _, d := range []struct {
		key, def string
		to       *time.Duration
	}{
		{"SESSION_TTL", "8h", &c.SessionTTL},
		{"SESSION_IDLE_TIMEOUT", "30m", &c.SessionIdle},
		{"PROD_LOGIN_MAX_AGE", "15m", &c.ProdLoginMaxAge},
	} {
		v, err := time.ParseDuration(get(d.key, d.def))
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", d.key, err))
			v, _ = time.ParseDuration(d.def) // checked no further
		}
		*d.to = v
	}
	c.TestDeployment = !c.Secure()
	if v := getenv("TEST_DEPLOYMENT"); v != "" {
		var err error
		if c.TestDeployment, err = onOff(v); err != nil {
			errs = append(errs, fmt.Errorf("TEST_DEPLOYMENT: %w", err))
		}
	}
	proxies, proxyErrs := loadTrustedProxies(getenv("TRUSTED_PROXIES"))
	c.TrustedProxies, errs = proxies, append(errs, proxyErrs...)
	mailCfg, mailErrs := loadMail(getenv)
	c.Mail, errs = mailCfg, append(errs, mailErrs...)
	tokenCfg, tokenErrs := loadToken(getenv, c.BaseURL)
	c.Token, errs = tokenCfg, append(errs, tokenErrs...)
	apiCfg, apiErrs := loadAPI(getenv)
	c.API, errs = apiCfg, append(errs, apiErrs...)
	if err := errors.Join(append(errs, c.Validate())...); err != nil {
		return Config{}, err
	}
	return c, nil
}

// sessionKey turns a key of any length into 32 bytes for HMAC-SHA256.
func sessionKey(key string) []byte {
	sum := sha256.Sum256([]byte(key))
	return sum[:]
}

// onOff reads a 1/0 setting.
func onOff(v string) (bool, error) {
	switch v {
	case "1":
		return true, nil
	case "0":
		return false, nil
	}
	return false, fmt.Errorf("must be 1 or 0, got %q", v)
}

// Validate checks the settings that would otherwise fail late, and, over
// https, that none of the development defaults is left (production.go).
func (c Config) Validate() error {
	var errs []error
	if c.DatabaseURL == "" {
		errs = append(errs, errors.New("DATABASE_URL is required"))
	}
	for _, s := range []struct{ name, value string }{{"PORTAL_BASE_URL", c.BaseURL}, {"OIDC_ISSUER", c.OIDCIssuer}} {
		u, err := url.Parse(s.value)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("%s must be an http(s) URL, got %q", s.name, s.value))
		}
	}
	if c.SessionTTL < time.Minute {
		errs = append(errs, errors.New("SESSION_TTL must be at least 1m"))
	}
	// Activity is recorded at most once a minute, so a shorter idle timeout
	// could end a session that is in use.
	if c.SessionIdle < 2*time.Minute || c.SessionIdle > c.SessionTTL {
		errs = append(errs, errors.New("SESSION_IDLE_TIMEOUT must be between 2m and SESSION_TTL"))
	}
	if c.ProdLoginMaxAge < time.Minute || c.ProdLoginMaxAge > c.SessionTTL {
		errs = append(errs, errors.New("PROD_LOGIN_MAX_AGE must be between 1m and SESSION_TTL"))
	}
	if c.Secure() {
		errs = append(errs, c.productionProblems()...)
	}
	return errors.Join(errs...)
}
