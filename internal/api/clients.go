package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"

	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/token"
)

// applicationTypeWeb is every Maskinporten client's application_type in
// Digdir's model; its token_endpoint_auth_method and grant_types are the
// token endpoint's (token.ClientAMR, token.GrantType).
const applicationTypeWeb = "web"

// Client is an integration in Digdir's client model.
type Client struct {
	ClientID                uuid.UUID `json:"client_id" doc:"The integration's client id, made by the server."`
	ClientName              string    `json:"client_name" doc:"Navn på integrasjonen."`
	ClientOrgno             string    `json:"client_orgno" doc:"The owning organisation: the token's consumer."`
	Description             string    `json:"description" doc:"Beskrivelse."`
	IntegrationType         string    `json:"integration_type" enum:"maskinporten"`
	ApplicationType         string    `json:"application_type" enum:"web"`
	TokenEndpointAuthMethod string    `json:"token_endpoint_auth_method" enum:"private_key_jwt"`
	GrantTypes              []string  `json:"grant_types"`
	Scopes                  []string  `json:"scopes"`
	AccessTokenLifetime     int       `json:"access_token_lifetime" doc:"Seconds."`
	Active                  bool      `json:"active" doc:"False once deactivated (DELETE)."`
	Created                 time.Time `json:"created"`
	LastUpdated             time.Time `json:"last_updated"`
}

// grantTypes are every client's: one slice for all, as nothing changes it.
var grantTypes = []string{token.GrantType}

func clientModel(i integration.Integration) Client {
	scopes := i.ScopeNames()
	if scopes == nil {
		scopes = []string{}
	}
	return clientOf(i.OrgNo, integration.Model{ClientID: i.ClientID, Service: i.Service, Name: i.Name,
		Description: i.Description, TokenLifetime: i.TokenLifetime, Active: i.Active, CreatedAt: i.CreatedAt,
		UpdatedAt: i.UpdatedAt, ScopeNames: scopes})
}

// clientOf is an integration of orgNo in Digdir's model.
func clientOf(orgNo string, m integration.Model) Client {
	return Client{
		ClientID: m.ClientID, ClientName: m.Name, ClientOrgno: orgNo, Description: m.Description,
		IntegrationType: m.Service, ApplicationType: applicationTypeWeb, TokenEndpointAuthMethod: token.ClientAMR,
		GrantTypes: grantTypes, Scopes: m.ScopeNames, AccessTokenLifetime: m.TokenLifetime,
		Active: m.Active, Created: m.CreatedAt, LastUpdated: m.UpdatedAt,
	}
}

// ClientRequest is what POST and PUT /clients take. Limits are the pages'
// own and are checked by the same rules, so they are not repeated here.
type ClientRequest struct {
	_                       struct{} `additionalProperties:"true"` // Digdir's other members (redirect_uris, …) are ignored
	ClientName              string   `json:"client_name" doc:"Navn på integrasjonen: 1–100 characters, no markup."`
	Description             string   `json:"description,omitempty" doc:"Beskrivelse: at most 1000 characters."`
	IntegrationType         string   `json:"integration_type" enum:"maskinporten" doc:"Only maskinporten; it cannot change."`
	Scopes                  []string `json:"scopes,omitempty" doc:"Scopes shared with the organisation in this environment."`
	AccessTokenLifetime     *int     `json:"access_token_lifetime,omitempty" doc:"Seconds; 120 when absent, at most the scopes' smallest maximum."`
	ApplicationType         string   `json:"application_type,omitempty" enum:"web" doc:"Accepted for compatibility; always web."`
	TokenEndpointAuthMethod string   `json:"token_endpoint_auth_method,omitempty" enum:"private_key_jwt" doc:"Accepted for compatibility; always private_key_jwt."`
	GrantTypes              []string `json:"grant_types,omitempty" enum:"urn:ietf:params:oauth:grant-type:jwt-bearer" doc:"Accepted for compatibility."`
}

func (r ClientRequest) draft() integration.Draft {
	d := integration.Draft{Service: r.IntegrationType, Name: r.ClientName, Description: r.Description, Scopes: r.Scopes}
	if r.AccessTokenLifetime != nil {
		d.TokenLifetime = strconv.Itoa(*r.AccessTokenLifetime)
	}
	return d
}

// etag is an integration's version as an entity tag. Keys do not bump the
// version (they have their own resource, /jwks), so neither do they the tag.
func etag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// versionFrom reads If-Match: the version of one strong entity tag.
func versionFrom(ifMatch string) (int, bool) {
	v, ok := strings.CutPrefix(strings.TrimSpace(ifMatch), `"`)
	if !ok {
		return 0, false
	}
	v, ok = strings.CutSuffix(v, `"`)
	n, err := strconv.Atoi(v)
	return n, ok && err == nil && n > 0
}

type ClientPath struct {
	ID string `path:"id" doc:"The client id (a UUID; anything else is not found)."`
}

func (p ClientPath) clientID() (uuid.UUID, error) {
	id, err := uuid.Parse(p.ID)
	if err != nil {
		return uuid.Nil, problem(http.StatusNotFound, CodeNotFound, catalogue().NotFound)
	}
	return id, nil
}

type listClientsInput struct {
	Inactive bool   `query:"inactive" doc:"Include deactivated integrations."`
	After    string `query:"after" maxLength:"100" doc:"Where the page starts: take it from the Link header's next."`
}

type clientListOutput struct {
	Link string `header:"Link" doc:"RFC 8288: rel=\"next\" when there are more."`
	Body []Client
}

type clientOutput struct {
	ETag     string `header:"ETag"`
	Location string `header:"Location"`
	Body     Client
}

type createClientInput struct {
	IdempotencyKey string `header:"Idempotency-Key" maxLength:"255" doc:"Makes a retried create return the first result."`
	RawBody        []byte
	Body           ClientRequest
}

type updateClientInput struct {
	ClientPath
	IfMatch string `header:"If-Match" doc:"The ETag of the GET the change is based on; a stale one gets 412."`
	Body    ClientRequest
}

// ClientPageSize is how many integrations one page of GET /clients holds.
const ClientPageSize = integration.PageSize

func (s *Server) registerClients(a huma.API) {
	huma.Register(a, huma.Operation{
		OperationID: "listClients", Method: http.MethodGet, Path: "/clients", Tags: []string{"clients"},
		Summary:     "The organisation's integrations in the token's environment",
		Description: "Newest change first, " + strconv.Itoa(ClientPageSize) + " per page; the Link header names the next page.",
		Security:    needs(ScopeRead, ScopeWrite), Errors: []int{400, 401, 403, 422, 429},
	}, s.listClients)
	huma.Register(a, huma.Operation{
		OperationID: "createClient", Method: http.MethodPost, Path: "/clients", Tags: []string{"clients"},
		Summary: "Create an integration", DefaultStatus: http.StatusCreated, MaxBodyBytes: MaxBodyBytes,
		Security: needs(ScopeWrite), Errors: []int{400, 401, 403, 409, 413, 422, 429},
	}, s.createClient)
	huma.Register(a, huma.Operation{
		OperationID: "getClient", Method: http.MethodGet, Path: "/clients/{id}", Tags: []string{"clients"},
		Summary: "One integration", Security: needs(ScopeRead, ScopeWrite), Errors: []int{401, 403, 404, 429},
	}, s.getClient)
	huma.Register(a, huma.Operation{
		OperationID: "updateClient", Method: http.MethodPut, Path: "/clients/{id}", Tags: []string{"clients"},
		Summary: "Change an integration", Description: "integration_type cannot change.", MaxBodyBytes: MaxBodyBytes,
		Security: needs(ScopeWrite), Errors: []int{400, 401, 403, 404, 409, 412, 413, 422, 429},
	}, s.updateClient)
	huma.Register(a, huma.Operation{
		OperationID: "deactivateClient", Method: http.MethodDelete, Path: "/clients/{id}", Tags: []string{"clients"},
		Summary: "Deactivate an integration", Description: "Nothing is deleted; GET /clients?inactive=true still lists it.",
		Security: needs(ScopeWrite), Errors: []int{401, 403, 404, 409, 412, 429},
	}, s.deactivateClient)
}

func (s *Server) listClients(ctx context.Context, in *listClientsInput) (*clientListOutput, error) {
	c := callerFrom(ctx)
	after, err := integration.ParseCursor(in.After)
	if err != nil {
		t := catalogue()
		return nil, problem(http.StatusBadRequest, CodeInvalid, t.BadCursor,
			FieldProblem{Field: "after", Code: "bad_cursor", Detail: t.BadCursor})
	}
	page, err := integration.ListModels(ctx, s.reads, c.Actor.OrgNo, c.Env, in.Inactive, after, ClientPageSize)
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	out := &clientListOutput{Body: make([]Client, len(page.Items))}
	for n, m := range page.Items {
		out.Body[n] = clientOf(c.Actor.OrgNo, m)
	}
	if page.Next != "" {
		out.Link = `<` + paths.APIClients(page.Next, in.Inactive) + `>; rel="next"`
	}
	return out, nil
}

// clientOf reads an integration of the caller's organisation in the token's
// environment; one in the other environment is not found, as another
// organisation's is.
func (s *Server) clientOf(ctx context.Context, id uuid.UUID) (integration.Integration, error) {
	c := callerFrom(ctx)
	i, err := integration.Get(ctx, s.reads, c.Actor.OrgNo, id)
	if err == nil && i.Env != c.Env {
		err = store.ErrNotFound
	}
	return i, err
}

func (s *Server) clientAnswer(ctx context.Context, id uuid.UUID) (*clientOutput, error) {
	i, err := s.clientOf(ctx, id)
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	return &clientOutput{ETag: etag(i.Version), Location: paths.APIClient(i.ClientID), Body: clientModel(i)}, nil
}

func (s *Server) createClient(ctx context.Context, in *createClientInput) (*clientOutput, error) {
	c := callerFrom(ctx)
	return idempotent(ctx, s, in.IdempotencyKey, http.MethodPost, "/clients", in.RawBody, func() (*clientOutput, error) {
		// The same key makes the domain's creation key, so even two retries
		// racing each other make one integration.
		creationKey := uuid.New()
		if in.IdempotencyKey != "" {
			creationKey = uuid.NewSHA1(idempotencySpace, []byte(c.Actor.OrgNo+"\x00"+string(c.Env)+"\x00"+in.IdempotencyKey))
		}
		id, err := integration.Create(ctx, s.pool, c.Actor, c.Env, creationKey, in.Body.draft())
		if err != nil {
			return nil, s.fail(ctx, err)
		}
		return s.clientAnswer(ctx, id)
	})
}

// idempotencySpace names the creation keys made from Idempotency-Keys.
var idempotencySpace = uuid.MustParse("0b6f7c1e-2d8a-4f57-9c1b-5e0a3d9f4b21")

func (s *Server) getClient(ctx context.Context, in *ClientPath) (*clientOutput, error) {
	id, err := in.clientID()
	if err != nil {
		return nil, err
	}
	return s.clientAnswer(ctx, id)
}

func (s *Server) updateClient(ctx context.Context, in *updateClientInput) (*clientOutput, error) {
	id, err := in.clientID()
	if err != nil {
		return nil, err
	}
	before, err := s.clientOf(ctx, id)
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	t := catalogue()
	if in.Body.IntegrationType != before.Service {
		return nil, problem(http.StatusUnprocessableEntity, CodeInvalid, t.Invalid,
			FieldProblem{Field: "integration_type", Code: "immutable", Detail: t.TypeImmutable})
	}
	// Without If-Match the change applies to the integration as it is now;
	// with it, to the version the caller read, or not at all.
	version := before.Version
	if in.IfMatch != "" {
		v, ok := versionFrom(in.IfMatch)
		if !ok {
			return nil, problem(http.StatusPreconditionFailed, CodeStale, t.PreconditionMissing)
		}
		version = v
	}
	if err := integration.Update(ctx, s.pool, callerFrom(ctx).Actor, id, version, in.Body.draft()); err != nil {
		return nil, s.fail(ctx, err)
	}
	return s.clientAnswer(ctx, id)
}

type deactivateClientInput struct {
	ClientPath
	IfMatch string `header:"If-Match" doc:"The ETag of the GET the deactivation is based on; a stale one gets 412."`
}

func (s *Server) deactivateClient(ctx context.Context, in *deactivateClientInput) (*clientOutput, error) {
	id, err := in.clientID()
	if err != nil {
		return nil, err
	}
	before, err := s.clientOf(ctx, id)
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	version := before.Version
	if in.IfMatch != "" {
		v, ok := versionFrom(in.IfMatch)
		if !ok {
			return nil, problem(http.StatusPreconditionFailed, CodeStale, catalogue().PreconditionMissing)
		}
		version = v
	}
	if err := integration.Deactivate(ctx, s.pool, callerFrom(ctx).Actor, id, version); err != nil {
		return nil, s.fail(ctx, err)
	}
	return s.clientAnswer(ctx, id)
}
