package api

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"

	"github.com/digdir/selvbetjening/internal/orgno"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/provider"
	"github.com/digdir/selvbetjening/internal/store"
)

// ScopeModel is a scope in Digdir's model.
type ScopeModel struct {
	Name                    string    `json:"name" doc:"prefix:subscope"`
	Prefix                  string    `json:"prefix"`
	Subscope                string    `json:"subscope"`
	Description             string    `json:"description"`
	LongDescription         string    `json:"long_description"`
	Active                  bool      `json:"active"`
	OwnerOrgno              string    `json:"owner_orgno"`
	AllowedIntegrationTypes []string  `json:"allowed_integration_types"`
	Visibility              string    `json:"visibility" enum:"PUBLIC,PRIVATE"`
	AtMaxAge                int       `json:"at_max_age" doc:"The longest access token lifetime, in seconds."`
	AccessibleForAll        bool      `json:"accessible_for_all"`
	TokenType               string    `json:"token_type" enum:"SELF_CONTAINED"`
	Created                 time.Time `json:"created"`
	LastUpdated             time.Time `json:"last_updated"`
}

func scopeModel(s provider.Scope, owner string) ScopeModel {
	types := s.IntegrationTypes
	if types == nil {
		types = []string{}
	}
	return ScopeModel{Name: s.Name, Prefix: s.Prefix, Subscope: s.Subscope(), Description: s.Description,
		LongDescription: s.LongDescription, Active: s.Active, OwnerOrgno: owner, AllowedIntegrationTypes: types,
		Visibility: s.Visibility, AtMaxAge: s.MaxTokenLifetime, AccessibleForAll: s.AccessibleForAll,
		TokenType: "SELF_CONTAINED", Created: s.CreatedAt, LastUpdated: s.UpdatedAt}
}

// ScopeRequest is what POST and PUT /scopes take; PUT ignores prefix and
// subscope, since a scope's name cannot change.
type ScopeRequest struct {
	_                       struct{} `additionalProperties:"true"`
	Prefix                  string   `json:"prefix,omitempty" doc:"One of the organisation's prefixes (POST)."`
	Subscope                string   `json:"subscope,omitempty" doc:"The name after the prefix (POST)."`
	Description             string   `json:"description" doc:"At most 300 characters."`
	LongDescription         string   `json:"long_description,omitempty" doc:"At most 2000 characters."`
	Visibility              string   `json:"visibility,omitempty" enum:"PUBLIC,PRIVATE" doc:"PUBLIC when absent."`
	AtMaxAge                *int     `json:"at_max_age,omitempty" doc:"Seconds; 120 when absent."`
	AllowedIntegrationTypes []string `json:"allowed_integration_types,omitempty" doc:"[maskinporten] when absent."`
	AccessibleForAll        bool     `json:"accessible_for_all,omitempty"`
}

func (r ScopeRequest) draft() provider.Draft {
	d := provider.Draft{Prefix: r.Prefix, Subscope: r.Subscope, Description: r.Description,
		LongDescription: r.LongDescription, Visibility: r.Visibility, IntegrationTypes: r.AllowedIntegrationTypes,
		AccessibleForAll: r.AccessibleForAll, MaxTokenLifetime: strconv.Itoa(provider.DefaultTokenLifetime)}
	if d.Visibility == "" {
		d.Visibility = provider.VisibilityPublic
	}
	if d.IntegrationTypes == nil {
		d.IntegrationTypes = provider.IntegrationTypes()
	}
	if r.AtMaxAge != nil {
		d.MaxTokenLifetime = strconv.Itoa(*r.AtMaxAge)
	}
	return d
}

// scopeFields names the scope form's fields as Digdir's API does.
var scopeFields = map[string]string{
	provider.FieldPrefix: "prefix", provider.FieldSubscope: "subscope", provider.FieldDescription: "description",
	provider.FieldLongDescription: "long_description", provider.FieldVisibility: "visibility",
	provider.FieldTokenLifetime: "at_max_age", provider.FieldIntegrationTypes: "allowed_integration_types",
	provider.FieldOrgNumbers: "consumer_orgno",
}

// AccessModel is one organisation's access to a scope, as Digdir's API lists it.
type AccessModel struct {
	Scope                    string    `json:"scope"`
	State                    string    `json:"state" enum:"APPROVED,REQUESTED,DENIED"`
	Prefix                   string    `json:"prefix"`
	ConsumerOrgno            string    `json:"consumer_orgno"`
	ConsumerOrganizationName string    `json:"consumer_organization_name"`
	OwnerOrgno               string    `json:"owner_orgno"`
	OwnerOrganizationName    string    `json:"owner_organization_name"`
	Created                  time.Time `json:"created"`
	LastUpdated              time.Time `json:"last_updated"`
}

type ScopeNameQuery struct {
	Scope string `query:"scope" maxLength:"300" doc:"The scope's name; it may contain / and :."`
}

type ScopeName struct {
	Scope string `query:"scope" required:"true" maxLength:"300" doc:"The scope's name; it may contain / and :."`
}

type getScopesInput struct {
	ScopeNameQuery
	Inactive bool `query:"inactive" doc:"With scope absent: include deactivated scopes."`
}

type scopeOutput struct {
	ETag string `header:"ETag"`
	Body ScopeModel
}

// getScopesOutput is one scope with ?scope=, else the list: Digdir's API
// answers both on GET /scopes.
type getScopesOutput struct {
	ETag string `header:"ETag" doc:"With scope: the scope's version."`
	Body any
}

type createScopeInput struct {
	IdempotencyKey string `header:"Idempotency-Key" maxLength:"255" doc:"Makes a retried create return the first result."`
	RawBody        []byte
	Body           ScopeRequest
}

type updateScopeInput struct {
	ScopeName
	IfMatch string `header:"If-Match" doc:"The ETag of the GET the change is based on; a stale one gets 412."`
	Body    ScopeRequest
}

type deleteScopeInput struct {
	ScopeName
	IfMatch string `header:"If-Match" doc:"The ETag of the GET the deactivation is based on; a stale one gets 412."`
}

type accessInput struct {
	ScopeName
	ConsumerOrgno string `path:"consumer_orgno" doc:"The consumer's organisation number."`
}

type accessOutput struct{ Body AccessModel }

type accessListOutput struct{ Body []AccessModel }

type publicScopesInput struct {
	AccessibleForAll bool   `query:"accessible_for_all" doc:"Only the scopes open to every organisation."`
	After            string `query:"after" maxLength:"151" doc:"Where the page starts: take it from the Link header's next."`
}

type scopeListOutput struct {
	Link string `header:"Link" doc:"RFC 8288: rel=\"next\" when there are more."`
	Body []ScopeModel
}

// PublicScopePageSize is how many scopes one page of GET /scopes/all holds.
const PublicScopePageSize = 100

func (s *Server) registerScopes(a huma.API) {
	registry := a.OpenAPI().Components.Schemas
	one := registry.Schema(reflect.TypeFor[ScopeModel](), true, "ScopeModel")
	many := registry.Schema(reflect.TypeFor[[]ScopeModel](), true, "ScopeModelList")
	huma.Register(a, huma.Operation{
		OperationID: "getScopes", Method: http.MethodGet, Path: "/scopes", Tags: []string{"scopes"},
		Summary:     "The organisation's own scopes, or one of them",
		Description: "Without scope: the list (deactivated ones with inactive=true). With scope: that scope.",
		Security:    needs(ScopeScopesWrite), Errors: []int{401, 403, 404, 422, 429},
		Responses: map[string]*huma.Response{"200": {Description: "One scope with ?scope=, else the list",
			Headers: map[string]*huma.Param{"ETag": {Schema: &huma.Schema{Type: "string"}}},
			Content: map[string]*huma.MediaType{"application/json": {Schema: &huma.Schema{OneOf: []*huma.Schema{one, many}}}}}},
	}, s.getScopes)
	huma.Register(a, huma.Operation{
		OperationID: "createScope", Method: http.MethodPost, Path: "/scopes", Tags: []string{"scopes"},
		Summary:       "Define a scope under one of the organisation's prefixes",
		Description:   "A definition holds in both environments, so it is a change in production: it needs a PROD token.",
		DefaultStatus: http.StatusCreated, MaxBodyBytes: MaxBodyBytes,
		Security: needs(ScopeScopesWrite), Errors: []int{400, 401, 403, 409, 413, 422, 429},
	}, s.createScope)
	huma.Register(a, huma.Operation{
		OperationID: "updateScope", Method: http.MethodPut, Path: "/scopes", Tags: []string{"scopes"},
		Summary: "Change a scope (not its name)", Description: "Needs a PROD token, as POST.", MaxBodyBytes: MaxBodyBytes,
		Security: needs(ScopeScopesWrite), Errors: []int{400, 401, 403, 404, 412, 413, 422, 429},
	}, s.updateScope)
	huma.Register(a, huma.Operation{
		OperationID: "deactivateScope", Method: http.MethodDelete, Path: "/scopes", Tags: []string{"scopes"},
		Summary:     "Deactivate a scope",
		Description: "Nothing is deleted, and consumers keep their access; needs a PROD token, as POST.",
		Security:    needs(ScopeScopesWrite), Errors: []int{401, 403, 404, 412, 422, 429},
	}, s.deactivateScope)
	huma.Register(a, huma.Operation{
		OperationID: "listPublicScopes", Method: http.MethodGet, Path: "/scopes/all", Tags: []string{"scopes"},
		Summary:     "Every provider's public scopes",
		Description: "By name, " + strconv.Itoa(PublicScopePageSize) + " per page; the Link header names the next page.",
		Security:    needs(ScopeRead, ScopeWrite, ScopeScopesWrite), Errors: []int{401, 403, 422, 429},
	}, s.publicScopes)
	huma.Register(a, huma.Operation{
		OperationID: "grantScope", Method: http.MethodPut, Path: "/scopes/access/{consumer_orgno}", Tags: []string{"scopes"},
		Summary:  "Give an organisation access to a scope in the token's environment",
		Security: needs(ScopeScopesWrite), Errors: []int{401, 403, 404, 422, 429},
	}, s.grantScope)
	huma.Register(a, huma.Operation{
		OperationID: "withdrawScope", Method: http.MethodDelete, Path: "/scopes/access/{consumer_orgno}", Tags: []string{"scopes"},
		Summary: "Withdraw an organisation's access to a scope in the token's environment", DefaultStatus: http.StatusNoContent,
		Security: needs(ScopeScopesWrite), Errors: []int{401, 403, 404, 422, 429},
	}, s.withdrawScope)
	huma.Register(a, huma.Operation{
		OperationID: "listScopeAccess", Method: http.MethodGet, Path: "/scopes/access", Tags: []string{"scopes"},
		Summary:  "Who has access to one of the organisation's scopes in the token's environment, and who asks",
		Security: needs(ScopeScopesWrite), Errors: []int{401, 403, 404, 422, 429},
	}, s.scopeAccess)
	huma.Register(a, huma.Operation{
		OperationID: "listGrantedScopes", Method: http.MethodGet, Path: "/scopes/access/all", Tags: []string{"scopes"},
		Summary:  "The scopes the organisation has access to, or has asked for, in the token's environment",
		Security: needs(ScopeRead, ScopeWrite, ScopeScopesWrite), Errors: []int{401, 403, 429},
	}, s.grantedScopes)
}

func scopeTag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

func (s *Server) ownScope(ctx context.Context, name string) (provider.Scope, error) {
	sc, err := provider.ByName(ctx, s.reads, callerFrom(ctx).Actor.OrgNo, name)
	if err != nil {
		return provider.Scope{}, s.scopeFail(ctx, err)
	}
	return sc, nil
}

func (s *Server) getScopes(ctx context.Context, in *getScopesInput) (*getScopesOutput, error) {
	c := callerFrom(ctx)
	if in.Scope != "" {
		sc, err := s.ownScope(ctx, in.Scope)
		if err != nil {
			return nil, err
		}
		return &getScopesOutput{ETag: scopeTag(sc.Version), Body: scopeModel(sc, c.Actor.OrgNo)}, nil
	}
	list, err := provider.List(ctx, s.reads, c.Actor.OrgNo, c.Env)
	if err != nil {
		return nil, s.scopeFail(ctx, err)
	}
	out := []ScopeModel{}
	for _, sc := range list {
		if sc.Active || in.Inactive {
			out = append(out, scopeModel(sc.Scope, c.Actor.OrgNo))
		}
	}
	return &getScopesOutput{Body: out}, nil
}

func (s *Server) scopeAnswer(ctx context.Context, name string) (*scopeOutput, error) {
	sc, err := s.ownScope(ctx, name)
	if err != nil {
		return nil, err
	}
	return &scopeOutput{ETag: scopeTag(sc.Version), Body: scopeModel(sc, callerFrom(ctx).Actor.OrgNo)}, nil
}

func (s *Server) createScope(ctx context.Context, in *createScopeInput) (*scopeOutput, error) {
	c := callerFrom(ctx)
	return idempotent(ctx, s, in.IdempotencyKey, http.MethodPost, "/scopes", in.RawBody, func() (*scopeOutput, error) {
		creationKey := uuid.New()
		if in.IdempotencyKey != "" {
			creationKey = uuid.NewSHA1(idempotencySpace, []byte("scope\x00"+c.Actor.OrgNo+"\x00"+in.IdempotencyKey))
		}
		d := in.Body.draft()
		if _, err := provider.Create(ctx, s.pool, c.Actor, creationKey, d); err != nil {
			return nil, s.scopeFail(ctx, err)
		}
		return s.scopeAnswer(ctx, provider.Name(d.Normalize().Prefix, d.Normalize().Subscope))
	})
}

// scopeVersion is the version a change is based on: If-Match's, or the
// scope's own without one.
func scopeVersion(ifMatch string, current int64) (int64, error) {
	if ifMatch == "" {
		return current, nil
	}
	v, ok := versionFrom(ifMatch)
	if !ok {
		return 0, problem(http.StatusPreconditionFailed, CodeStale, catalogue().PreconditionMissing)
	}
	return int64(v), nil
}

func (s *Server) updateScope(ctx context.Context, in *updateScopeInput) (*scopeOutput, error) {
	before, err := s.ownScope(ctx, in.Scope)
	if err != nil {
		return nil, err
	}
	version, err := scopeVersion(in.IfMatch, before.Version)
	if err != nil {
		return nil, err
	}
	if err := provider.Update(ctx, s.pool, callerFrom(ctx).Actor, before.ID, version, in.Body.draft()); err != nil {
		return nil, s.scopeFail(ctx, err)
	}
	return s.scopeAnswer(ctx, in.Scope)
}

func (s *Server) deactivateScope(ctx context.Context, in *deleteScopeInput) (*scopeOutput, error) {
	before, err := s.ownScope(ctx, in.Scope)
	if err != nil {
		return nil, err
	}
	version, err := scopeVersion(in.IfMatch, before.Version)
	if err != nil {
		return nil, err
	}
	if err := provider.SetActive(ctx, s.pool, callerFrom(ctx).Actor, before.ID, version, false); err != nil {
		return nil, s.scopeFail(ctx, err)
	}
	return s.scopeAnswer(ctx, in.Scope)
}

func (s *Server) publicScopes(ctx context.Context, in *publicScopesInput) (*scopeListOutput, error) {
	page, err := provider.Public(ctx, s.reads, in.AccessibleForAll, in.After, PublicScopePageSize)
	if err != nil {
		return nil, s.scopeFail(ctx, err)
	}
	out := &scopeListOutput{Body: make([]ScopeModel, len(page.Items))}
	for n, sc := range page.Items {
		out.Body[n] = scopeModel(sc.Scope, sc.OwnerOrgNo)
	}
	if page.Next != "" {
		out.Link = `<` + paths.APIPublicScopes(page.Next, in.AccessibleForAll) + `>; rel="next"`
	}
	return out, nil
}

func (s *Server) consumer(in accessInput) (string, error) {
	if orgno.Validate(in.ConsumerOrgno) != nil {
		t := textFor()
		detail, _ := t.Providers.FieldError(provider.FieldError{Code: provider.CodeOrgNumberInvalid, Args: []any{in.ConsumerOrgno}})
		return "", problem(http.StatusUnprocessableEntity, CodeInvalid, catalogue().Invalid,
			FieldProblem{Field: "consumer_orgno", Code: provider.CodeOrgNumberInvalid, Detail: detail})
	}
	return in.ConsumerOrgno, nil
}

func (s *Server) accessRow(ctx context.Context, sc provider.Scope, consumer string) (*accessOutput, error) {
	c := callerFrom(ctx)
	grants, err := provider.Grants(ctx, s.reads, c.Actor.OrgNo, sc.ID)
	if err != nil {
		return nil, s.scopeFail(ctx, err)
	}
	for _, g := range grants[c.Env] {
		if g.OrgNo == consumer {
			return &accessOutput{Body: AccessModel{Scope: sc.Name, State: provider.StateApproved, Prefix: sc.Prefix,
				ConsumerOrgno: g.OrgNo, ConsumerOrganizationName: g.OrgName, OwnerOrgno: c.Actor.OrgNo,
				OwnerOrganizationName: c.Actor.OrgName, Created: g.GrantedAt, LastUpdated: g.GrantedAt}}, nil
		}
	}
	return nil, s.fail(ctx, store.ErrNotFound)
}

func (s *Server) grantScope(ctx context.Context, in *accessInput) (*accessOutput, error) {
	consumer, err := s.consumer(*in)
	if err != nil {
		return nil, err
	}
	sc, err := s.ownScope(ctx, in.Scope)
	if err != nil {
		return nil, err
	}
	c := callerFrom(ctx)
	_, err = provider.AddGrants(ctx, s.pool, c.Actor, sc.ID, c.Env, consumer, s.accessMail)
	var fields provider.FieldErrors
	if errors.As(err, &fields) && fields[provider.FieldOrgNumbers].Code == provider.CodeAlreadyShared {
		err = nil // PUT: granting what is granted changes nothing
	}
	if err != nil {
		return nil, s.scopeFail(ctx, err)
	}
	return s.accessRow(ctx, sc, consumer)
}

func (s *Server) withdrawScope(ctx context.Context, in *accessInput) (*struct{}, error) {
	consumer, err := s.consumer(*in)
	if err != nil {
		return nil, err
	}
	sc, err := s.ownScope(ctx, in.Scope)
	if err != nil {
		return nil, err
	}
	c := callerFrom(ctx)
	if err := provider.RemoveGrant(ctx, s.pool, c.Actor, sc.ID, c.Env, consumer); err != nil {
		if errors.Is(err, provider.ErrNotShared) {
			return nil, s.fail(ctx, store.ErrNotFound)
		}
		return nil, s.scopeFail(ctx, err)
	}
	return nil, nil
}

func (s *Server) scopeAccess(ctx context.Context, in *ScopeName) (*accessListOutput, error) {
	sc, err := s.ownScope(ctx, in.Scope)
	if err != nil {
		return nil, err
	}
	c := callerFrom(ctx)
	grants, err := provider.Grants(ctx, s.reads, c.Actor.OrgNo, sc.ID)
	if err != nil {
		return nil, s.scopeFail(ctx, err)
	}
	out := &accessListOutput{Body: []AccessModel{}}
	for _, g := range grants[c.Env] {
		out.Body = append(out.Body, AccessModel{Scope: sc.Name, State: provider.StateApproved, Prefix: sc.Prefix,
			ConsumerOrgno: g.OrgNo, ConsumerOrganizationName: g.OrgName, OwnerOrgno: c.Actor.OrgNo,
			OwnerOrganizationName: c.Actor.OrgName, Created: g.GrantedAt, LastUpdated: g.GrantedAt})
	}
	open, err := provider.OpenRequests(ctx, s.reads, c.Actor.OrgNo, c.Env)
	if err != nil {
		return nil, s.scopeFail(ctx, err)
	}
	for _, r := range open {
		if r.ScopeID == sc.ID {
			out.Body = append(out.Body, AccessModel{Scope: sc.Name, State: r.State, Prefix: sc.Prefix,
				ConsumerOrgno: r.OrgNo, ConsumerOrganizationName: r.OrgName, OwnerOrgno: c.Actor.OrgNo,
				OwnerOrganizationName: c.Actor.OrgName, Created: r.RequestedAt, LastUpdated: r.RequestedAt})
		}
	}
	return out, nil
}

func (s *Server) grantedScopes(ctx context.Context, _ *struct{}) (*accessListOutput, error) {
	c := callerFrom(ctx)
	list, err := provider.GrantedTo(ctx, s.reads, c.Actor.OrgNo, c.Env)
	if err != nil {
		return nil, s.scopeFail(ctx, err)
	}
	out := &accessListOutput{Body: make([]AccessModel, len(list))}
	for n, a := range list {
		out.Body[n] = AccessModel{Scope: a.Scope, State: a.State, Prefix: a.Prefix, ConsumerOrgno: a.ConsumerNo,
			ConsumerOrganizationName: a.ConsumerName, OwnerOrgno: a.OwnerOrgNo, OwnerOrganizationName: a.OwnerName,
			Created: a.Created, LastUpdated: a.LastUpdated}
	}
	return out, nil
}

// scopeFail is fail for the provider's errors: its field codes in the API's
// names and the pages' words.
func (s *Server) scopeFail(ctx context.Context, err error) error {
	var fields provider.FieldErrors
	switch {
	case errors.As(err, &fields):
		t := textFor()
		var out []FieldProblem
		for field, fe := range fields {
			name, ok := scopeFields[field]
			if !ok {
				name = field
			}
			detail, _ := t.Providers.FieldError(fe)
			out = append(out, FieldProblem{Field: name, Code: fe.Code, Detail: detail})
		}
		status := http.StatusUnprocessableEntity
		if _, taken := fields[provider.FieldSubscope]; taken && fields[provider.FieldSubscope].Code == provider.CodeNameTaken {
			status = http.StatusConflict // Digdir's API: a POST that would re-create one is 409
		}
		return problem(status, CodeInvalid, catalogue().Invalid, sortFields(out)...)
	case errors.Is(err, provider.ErrConflict):
		return problem(http.StatusPreconditionFailed, CodeStale, catalogue().Stale)
	}
	return s.fail(ctx, err)
}
