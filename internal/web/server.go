// Package web is the portal's HTTP layer: routes, middleware and one thin
// handler per page or action. Rules live in the domain packages.
package web

import (
	"log/slog"
	"net/http"
	"net/url"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/auth"
	"github.com/digdir/selvbetjening/internal/config"
	"github.com/digdir/selvbetjening/internal/store"
)

// Server holds what the handlers share. It keeps no per-user state: all of
// that is in Postgres, so any number of portals can run side by side.
type Server struct {
	pool     *pgxpool.Pool // writes, in transactions
	reads    store.DB      // reads, tried again once on a broken connection
	sessions *auth.SessionStore
	auth     *auth.Authenticator
	log      *slog.Logger
	// issuerOrigin is where logout sends the browser (for the CSP).
	issuerOrigin string
	https        bool // served over TLS: HSTS and __Host- cookies
}

// New builds the portal's handler.
func New(cfg config.Config, pool *pgxpool.Pool, log *slog.Logger) (http.Handler, error) {
	s := &Server{pool: pool, reads: store.Reads(pool), log: log, https: cfg.Secure()}
	if u, err := url.Parse(cfg.OIDCIssuer); err == nil {
		s.issuerOrigin = u.Scheme + "://" + u.Host
	}
	var clientKey *auth.ClientKey
	if cfg.OIDCClientKeyPEM != nil {
		var err error
		if clientKey, err = auth.ParseClientKey(cfg.OIDCClientKeyPEM, cfg.OIDCClientKeyID); err != nil {
			return nil, err
		}
	}
	s.sessions = auth.NewSessionStore(pool, cfg.SessionKey, cfg.Secure(), cfg.SessionTTL, cfg.SessionIdle)
	var err error
	s.auth, err = auth.NewAuthenticator(auth.OIDCConfig{
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
	}, s.sessions, pool, log, s.serverError)
	if err != nil {
		return nil, err
	}
	return s.routes(), nil
}
