// Package api is the self-service REST API beside the pages, under /api/v1,
// with the paths and field names of Digdir's self-service API ("Selvbetjening
// som API-konsument" points scripts and Terraform at it). Every operation
// calls the same domain functions as the pages (internal/integration,
// internal/provider), so one rule holds at both doors, and each change is
// audited with the API client as its actor.
//
// The operations are declared with huma (danielgtaylor/huma/v2) on chi: the
// OpenAPI 3.1 document at /api/v1/openapi.json is generated from the same Go
// types and registrations that decode and validate requests, so the document
// cannot drift from what the server does. Spec-first generation
// (oapi-codegen) would have put a second source of truth, a YAML file, beside
// the domain types; huma keeps the types in Go and needs no generated code.
package api

import (
	"log/slog"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humachi"
	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/provider"
	"github.com/digdir/selvbetjening/internal/store"
)

// Version is the API's version in its OpenAPI document.
const Version = "1.0.0"

// MaxBodyBytes is the largest request body an operation reads: a JWKS of
// five 4096-bit RSA keys with certificate chains fits several times over.
const MaxBodyBytes = 64 << 10

// Deps is what the API shares with the pages: the same pool, and the token
// endpoints whose access tokens it accepts.
type Deps struct {
	Pool    *pgxpool.Pool
	Issuers []Issuer
	// Audience is the API's absolute base URL (the portal's base URL and
	// paths.APIBase): the one aud a token may name besides none.
	Audience string
	Log      *slog.Logger
	// RateLimit is the requests a minute one API client may make; 0 is no limit.
	RateLimit int
	// AccessMail queues the e-mail about access requests a grant answers.
	AccessMail provider.Notify
}

// Server holds what the operations share. Like the pages, it keeps no
// per-client state that Postgres does not hold.
type Server struct {
	// accessMail is Deps.AccessMail.
	accessMail provider.Notify
	pool       *pgxpool.Pool
	reads      store.DB
	log        *slog.Logger
	auth       *authenticator
	rate       *rateLimiter
}

// New builds the API's handler, to be mounted at paths.APIBase.
func New(d Deps) http.Handler {
	s := &Server{pool: d.Pool, reads: store.Reads(d.Pool), log: d.Log, accessMail: d.AccessMail}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.auth = newAuthenticator(d.Issuers, d.Audience, s.reads)
	s.rate = newRateLimiter(d.Pool, d.RateLimit, s.log)
	r := chi.NewRouter()
	r.Use(limitBody)
	a := humachi.New(r, Config())
	a.UseMiddleware(s.authenticate(a))
	s.register(a)
	return r
}

// Config is the API's huma configuration. Unlike huma.DefaultConfig it adds
// no $schema member and no describedby Link to responses (Digdir's clients
// expect the bare model, and Link carries the pagination), and it serves no
// documentation page that loads scripts from a CDN: the portal's page "API
// for selvbetjening" shows the operations itself.
func Config() huma.Config {
	registry := huma.NewMapRegistry("#/components/schemas/", huma.DefaultSchemaNamer)
	return huma.Config{
		OpenAPI: &huma.OpenAPI{
			OpenAPI: "3.1.0",
			Info: &huma.Info{
				Title:   "Selvbetjening API",
				Version: Version,
				Description: "Integrasjoner (klienter), nøkler og scopes i Maskinporten, med Digdirs feltnavn. " +
					"Kall med et access token fra portalens token-endepunkt, for en integrasjon som har " +
					"idporten:dcr.read, idporten:dcr.write eller idporten:scopes.write.",
			},
			Servers:    []*huma.Server{{URL: paths.APIBase}},
			Components: &huma.Components{Schemas: registry, SecuritySchemes: securitySchemes()},
		},
		OpenAPIPath:   "/" + paths.APIOpenAPIName,
		Formats:       map[string]huma.Format{"application/json": huma.DefaultJSONFormat, "json": huma.DefaultJSONFormat},
		DefaultFormat: "application/json",
	}
}

// limitBody refuses a body larger than MaxBodyBytes before any operation reads it.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > MaxBodyBytes {
			writeProblem(w, r, tooLarge())
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
		next.ServeHTTP(w, r)
	})
}
