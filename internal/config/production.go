package config

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// productionProblems lists what a portal served over https still has from
// development, one error per variable, so it fails closed instead of
// starting with the stand-in's issuer or a secret anyone can read in the
// repository.
func (c Config) productionProblems() []error {
	var errs []error
	switch {
	case c.OIDCIssuer == DevIssuer:
		errs = append(errs, fmt.Errorf("OIDC_ISSUER must be set when PORTAL_BASE_URL is https: "+
			"the default %s is the development stand-in", DevIssuer))
	case !strings.HasPrefix(c.OIDCIssuer, "https://"):
		errs = append(errs, fmt.Errorf("OIDC_ISSUER must be an https URL when PORTAL_BASE_URL is https, got %q", c.OIDCIssuer))
	}
	if c.OIDCClientKeyPEM == nil {
		switch c.OIDCClientSecret {
		case "", DevClientSecret:
			errs = append(errs, errors.New("OIDC_CLIENT_SECRET (or OIDC_CLIENT_KEY_FILE with OIDC_CLIENT_KEY_ID) must be set "+
				"when PORTAL_BASE_URL is https: the default secret is the development one"))
		}
	}
	if bytes.Equal(c.SessionKey, sessionKey(DevSessionKey)) {
		errs = append(errs, errors.New("SESSION_KEY must be set when PORTAL_BASE_URL is https: "+
			"the default key is the development one"))
	}
	if c.Mail.SMTP == nil && !c.Mail.Outbox {
		errs = append(errs, errors.New("SMTP_URL must be set when PORTAL_BASE_URL is https: "+
			"without it e-mail stays in the development outbox (MAIL_OUTBOX=1 keeps it there anyway)"))
	}
	if c.MetricsAddr == "" {
		// /metrics names every route, status and pool figure; on the public
		// port anyone could read them. Served apart, it stays inside.
		errs = append(errs, errors.New("METRICS_ADDR must be set when PORTAL_BASE_URL is https: "+
			"without it /metrics is served on the public port (set it to an address the load balancer does not expose, say :9090)"))
	}
	return append(errs, c.Token.productionProblems()...)
}
