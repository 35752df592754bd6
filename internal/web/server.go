// Package web is the portal's HTTP layer: routes, middleware and one thin
// handler per page or action. Rules live in the domain packages.
package web

import (
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/accessmail"
	"github.com/digdir/selvbetjening/internal/api"
	"github.com/digdir/selvbetjening/internal/auth"
	"github.com/digdir/selvbetjening/internal/config"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/provider"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/telemetry"
	"github.com/digdir/selvbetjening/internal/token"
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
	metrics      *telemetry.Metrics
	// metricsHere: /metrics on the main port (METRICS_ADDR unset).
	metricsHere bool
	// testDeployment (TEST_DEPLOYMENT): synthetic test persons may be
	// registered, as they may log in.
	testDeployment bool
	sessionIdle    time.Duration // SESSION_IDLE_TIMEOUT: sessions unused longer are over
	// tokens is every environment's token endpoint; issuers are the ones
	// routed, by the path of their issuer URL.
	tokens  *token.Service
	issuers []issuerRoute
	// trustedProxies (TRUSTED_PROXIES): whose X-Forwarded-For names the
	// client of a token request, the unit of its limit per address.
	trustedProxies []netip.Prefix
	// api is the REST API, mounted at paths.APIBase beside the pages.
	api http.Handler
	// baseURL (PORTAL_BASE_URL) is how users reach the portal: the links
	// in the e-mail a change queues.
	baseURL string
	// accessMail queues the e-mail about access requests (internal/accessmail).
	accessMail provider.Notify
}

// issuerRoute is where an environment's token endpoint is routed.
type issuerRoute struct {
	env  environment.Env
	path string // the issuer's path, ending with "/"
}

// Deps is what the program builds once and hands to the web server; the
// session sweeper, the e-mail worker and (next) the token endpoint and the
// REST API get the same pool and session store beside it.
type Deps struct {
	Config   config.Config
	Pool     *pgxpool.Pool
	Sessions *auth.SessionStore
	Auth     *auth.Authenticator
	Log      *slog.Logger
	// Metrics is the process's registry; New makes one when it is nil.
	Metrics *telemetry.Metrics
	// Tokens serves each environment's token endpoint, JWKS and metadata,
	// and the metrics; none are routed without it.
	Tokens *token.Service
}

// New builds the portal's handler.
func New(d Deps) http.Handler {
	s := &Server{pool: d.Pool, reads: store.Reads(d.Pool), sessions: d.Sessions, auth: d.Auth,
		log: d.Log, https: d.Config.Secure(), metrics: d.Metrics, metricsHere: d.Config.MetricsAddr == "",
		testDeployment: d.Config.TestDeployment, tokens: d.Tokens, trustedProxies: d.Config.TrustedProxies,
		sessionIdle: d.Config.SessionIdle, baseURL: d.Config.BaseURL, accessMail: accessmail.Queue(d.Config.BaseURL)}
	for _, e := range d.Tokens.Endpoints() {
		s.issuers = append(s.issuers, issuerRoute{env: e.Env, path: token.IssuerPath(e.Issuer)})
	}
	if s.metrics == nil {
		s.metrics = telemetry.NewMetrics(d.Pool)
	}
	s.api = api.New(api.Deps{Pool: d.Pool, Log: d.Log, RateLimit: d.Config.API.RateLimit, Issuers: apiIssuers(d),
		Audience: strings.TrimSuffix(d.Config.BaseURL, "/") + paths.APIBase, AccessMail: s.accessMail})
	if u, err := url.Parse(d.Config.OIDCIssuer); err == nil {
		s.issuerOrigin = u.Scheme + "://" + u.Host
	}
	return s.routes()
}

// apiIssuers are the token endpoints whose access tokens the REST API
// accepts: every environment the portal issues tokens for, each with the
// JWKS its tokens are signed under.
func apiIssuers(d Deps) []api.Issuer {
	var out []api.Issuer
	for _, e := range d.Tokens.Endpoints() {
		out = append(out, api.Issuer{Env: e.Env, Issuer: e.Issuer, JWKS: e.JWKS, Reload: e.ReloadKeys})
	}
	return out
}
