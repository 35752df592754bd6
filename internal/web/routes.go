package web

import (
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/digdir/selvbetjening/internal/auth"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/telemetry"
	staticfiles "github.com/digdir/selvbetjening/web"
	"github.com/digdir/selvbetjening/web/pages"
)

// routes lists every route of the portal.
func (s *Server) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(s.metrics.Middleware, telemetry.NameSpan, requestID, s.logRequests, s.recoverPanics, securityHeaders(s.issuerOrigin, s.https), middleware.GetHead)

	r.Get("/healthz", s.healthz)
	r.Get("/readyz", s.readyz)
	if s.metricsHere {
		r.Method(http.MethodGet, "/metrics", s.metrics.Handler())
	}
	r.Handle("/static/*", staticHandler(staticfiles.Static))
	// The REST API, outside the session, CSRF and page middleware: its
	// callers authenticate with access tokens and get problem documents.
	r.Mount(paths.APIBase, s.api)

	// Each environment's authorization server, under its issuer's path and
	// outside the session, CSRF and page middleware.
	for _, is := range s.issuers {
		r.HandleFunc(paths.TokenEndpoint(is.path), s.tokenIssue(is.env))
		r.Get(paths.JWKS(is.path), s.tokenJWKS(is.env))
		r.Get(paths.AuthorizationServerMetadata(is.path), s.tokenMetadata(is.env))
		if is.path != "/" {
			r.Get(is.path, s.tokenMetadata(is.env))
			// RFC 8414 §3.1: the well-known segment before the issuer's path.
			r.Get(paths.AuthorizationServerMetadata("/")+strings.TrimSuffix(is.path, "/"), s.tokenMetadata(is.env))
		}
	}

	// Unknown paths get the 404 page with the visitor's header intact.
	r.NotFound(s.auth.Middleware(s.serverError)(http.HandlerFunc(s.notFound)).ServeHTTP)
	r.MethodNotAllowed(s.auth.Middleware(s.serverError)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.errorPage(w, r, http.StatusMethodNotAllowed, pages.ErrorView{Problem: pages.ProblemBadRequest})
	})).ServeHTTP)

	r.Group(func(r chi.Router) {
		// Browsers say where a request came from; a cross-site POST is refused
		// before it reaches a handler, in addition to the form token below.
		r.Use(s.crossOrigin(), s.readForm, s.auth.Middleware(s.serverError), auth.RequireCSRF(s.csrfRefused, s.sessionExpired))

		r.Get("/", s.home)
		r.Get("/logg-inn", s.login)
		r.Get("/auth/callback", s.loginCallback)
		r.Post("/logg-ut", s.logout)
		r.Get("/logget-ut", s.loggedOut)
		r.Get("/ingen-virksomhet", s.noOrganisation)
		r.Get(paths.APIDocs, s.apiDocs)
		r.Get("/velg-virksomhet", s.chooseOrganisationForm)
		r.Post("/velg-virksomhet", s.chooseOrganisation)

		r.Group(func(r chi.Router) {
			r.Use(auth.RequireActor, s.sameOrganisation, returnPath)
			r.Get("/tjenester", s.services)
			r.Get("/tjenester/administrasjon", s.administration)
			r.Get("/tjenester/endringslogg", s.changelog)
			r.Get("/tjenester/{service}", s.serviceShow)
			r.Get("/tjenester/{service}/rediger", s.serviceEdit)
			r.Post("/tjenester/{service}/rediger", s.serviceUpdate)
			r.Get("/integrasjoner", s.integrationList)
			r.Get("/integrasjoner/ny", s.integrationNew)
			r.Post("/integrasjoner/ny", s.integrationCreate)
			r.Get("/integrasjoner/{clientID}", s.integrationShow)
			r.Get("/integrasjoner/{clientID}/endre", s.integrationEdit)
			r.Post("/integrasjoner/{clientID}/endre", s.integrationUpdate)
			r.Get("/integrasjoner/{clientID}/deaktiver", s.integrationDeactivateConfirm)
			r.Post("/integrasjoner/{clientID}/deaktiver", s.integrationDeactivate)
			r.Post("/integrasjoner/{clientID}/nokler", s.integrationKeyAdd)
			r.Post("/integrasjoner/{clientID}/nokler/{keyID}/fjern", s.integrationKeyRemove)

			// "Mine API": the provider's side.
			r.Get("/mine-api", s.apiList)
			r.Get("/mine-api/ny", s.scopeNew)
			r.Post("/mine-api/ny", s.scopeCreate)
			r.Get("/mine-api/scopes/{scopeID}", s.scopeShow)
			r.Get("/mine-api/scopes/{scopeID}/endre", s.scopeEdit)
			r.Post("/mine-api/scopes/{scopeID}/endre", s.scopeUpdate)
			r.Get("/mine-api/scopes/{scopeID}/deaktiver", s.scopeDeactivateConfirm)
			r.Post("/mine-api/scopes/{scopeID}/deaktiver", s.scopeDeactivate)
			r.Post("/mine-api/scopes/{scopeID}/aktiver", s.scopeReactivate)
			r.Post("/mine-api/scopes/{scopeID}/tilgang", s.scopeGrantAdd)
			r.Get("/mine-api/scopes/{scopeID}/tilgang/{env}/{orgNo}/fjern", s.scopeGrantRemoveConfirm)
			r.Post("/mine-api/scopes/{scopeID}/tilgang/{env}/{orgNo}/fjern", s.scopeGrantRemove)
			r.Post("/mine-api/foresporsler/{requestID}/godkjenn", s.accessRequestApprove)
			r.Post("/mine-api/foresporsler/{requestID}/avsla", s.accessRequestDeny)

			// The consumer's requests for access.
			r.Get("/tilgangsforesporsler", s.accessRequestList)
			r.Get("/tilgangsforesporsler/ny", s.accessRequestNew)
			r.Post("/tilgangsforesporsler/ny", s.accessRequestCreate)
		})

		// The servicedesk console: 403 for everyone who is not servicedesk.
		// It acts for no organisation of the person's own, so no
		// sameOrganisation: each form names what it changes.
		r.Route("/servicedesk", func(r chi.Router) {
			r.Use(s.requireServicedesk)
			r.Get("/", s.consoleHome)
			r.Get("/roller", s.staffList)
			r.Post("/roller", s.staffGrant)
			r.Post("/roller/{id}/fjern", s.staffRevoke)
			r.Get("/virksomheter", s.organisationSearch)
			r.Get("/virksomheter/ny", s.organisationNew)
			r.Post("/virksomheter/ny", s.organisationCreate)
			r.Get("/virksomheter/{orgNo}", s.organisationShow)
			r.Post("/virksomheter/{orgNo}/navn", s.organisationRename)
			r.Post("/virksomheter/{orgNo}/personer", s.personRegister)
			r.Post("/virksomheter/{orgNo}/personer/{id}/fjern", s.personRemove)
			r.Get("/personer", s.personSearchForm)
			r.Post("/personer", s.personSearch)
			r.Get("/prefikser", s.prefixList)
			r.Post("/prefikser", s.prefixAssign)
			r.Get("/prefikser/{prefix}", s.prefixShow)
			r.Post("/prefikser/{prefix}/flytt", s.prefixMove)
			r.Post("/prefikser/{prefix}/pensjoner", s.prefixRetire)
			r.Get("/endringslogg", s.consoleAudit)
			r.Get("/endringslogg.csv", s.consoleAuditCSV)
			r.Get("/innlogginger", s.sessionSearchForm)
			r.Post("/innlogginger", s.sessionSearch)
			r.Get("/innlogginger/{subject}", s.sessionList)
			r.Post("/innlogginger/{subject}/avslutt", s.sessionsEnd)
			r.Post("/innlogginger/{subject}/{id}/avslutt", s.sessionEnd)
			r.Get("/domener", s.domainSearch)
			r.Post("/domener", s.domainLink)
			r.Get("/domener/{domain}", s.domainShow)
			r.Post("/domener/{domain}/{orgNo}/fjern", s.domainUnlink)
			r.Get("/hendelser", s.incidentList)
			r.Get("/hendelser/ny", s.incidentNew)
			r.Post("/hendelser/ny", s.incidentSend)
			r.Get("/hendelser/{id}", s.incidentShow)
			r.NotFound(s.notFound)
			r.MethodNotAllowed(s.notFound)
		})
	})
	return r
}
