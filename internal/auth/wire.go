package auth

import (
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/config"
)

// FromConfig builds the one session store and the one authenticator of a
// process from its settings. The program builds them once and hands them to
// every part that needs them: the pages, the session sweeper and, later, the
// REST API.
func FromConfig(cfg config.Config, pool *pgxpool.Pool, log *slog.Logger) (*SessionStore, *Authenticator, error) {
	var clientKey *ClientKey
	if cfg.OIDCClientKeyPEM != nil {
		var err error
		if clientKey, err = ParseClientKey(cfg.OIDCClientKeyPEM, cfg.OIDCClientKeyID); err != nil {
			return nil, nil, fmt.Errorf("OIDC client key: %w", err)
		}
	}
	sessions := NewSessionStore(pool, cfg.SessionKey, cfg.Secure(), cfg.SessionTTL, cfg.SessionIdle)
	a, err := NewAuthenticator(OIDCConfig{
		Issuer:                cfg.OIDCIssuer,
		ClientID:              cfg.OIDCClientID,
		ClientSecret:          cfg.OIDCClientSecret,
		RedirectURL:           cfg.RedirectURL(),
		PostLogoutRedirectURL: cfg.PostLogoutURL(),
		ACRValues:             cfg.OIDCACRValues,
		Scopes:                cfg.OIDCScopes,
		ClientKey:             clientKey,
		AcceptTestLogins:      cfg.TestDeployment,
		StateKey:              cfg.SessionKey,
		ProdLoginMaxAge:       cfg.ProdLoginMaxAge,
	}, sessions, pool, log)
	if err != nil {
		return nil, nil, err
	}
	return sessions, a, nil
}
