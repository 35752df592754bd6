package api_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/go-chi/chi/v5"
	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/api"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/store/storetest"
	"github.com/digdir/selvbetjening/internal/token"
)

// The issuers the tests' API trusts, one signing key each, as the token
// endpoint's per environment.
var testIssuers = map[environment.Env]string{
	environment.Test: "https://test.portal.example/",
	environment.Prod: "https://portal.example/",
}

type site struct {
	t      *testing.T
	url    string
	owner  *pgxpool.Pool // the tests' factories
	server *httptest.Server
	keys   map[environment.Env]*rsa.PrivateKey
	doc    *openapi3.T
	router routers.Router
}

type siteOptions struct{ rateLimit int }

func start(t *testing.T) *site { return startWith(t, siteOptions{}) }

func startWith(t *testing.T, o siteOptions) *site {
	t.Helper()
	url := storetest.URL(t)
	s := &site{t: t, url: url, owner: ownerPool(t, url), keys: map[environment.Env]*rsa.PrivateKey{}}
	for env := range testIssuers {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		require.NoError(t, err)
		s.keys[env] = k
	}
	s.serve(o)
	return s
}

// second is another API server, as another portal process, on the same
// database with the same keys.
func (s *site) second(o siteOptions) *site {
	other := *s
	other.serve(o)
	return &other
}

func (s *site) serve(o siteOptions) {
	t := s.t
	serving := storetest.ServingPool(t, s.url)
	var issuers []api.Issuer
	for env, iss := range testIssuers {
		k := s.keys[env]
		jwks, err := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &k.PublicKey, KeyID: "k-" + string(env), Algorithm: "RS256", Use: "sig"}}})
		require.NoError(t, err)
		issuers = append(issuers, api.Issuer{Env: env, Issuer: iss, JWKS: func() []byte { return jwks }})
	}
	h := api.New(api.Deps{Pool: serving, Issuers: issuers, Audience: testAudience, RateLimit: o.rateLimit})
	r := chi.NewRouter()
	r.Mount(paths.APIBase, h)
	s.server = httptest.NewServer(r)
	t.Cleanup(s.server.Close)

	resp, err := http.Get(s.server.URL + paths.APIOpenAPI)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	loader := openapi3.NewLoader()
	s.doc, err = loader.LoadFromData(raw)
	require.NoError(t, err)
	require.NoError(t, s.doc.Validate(context.Background()))
	// The router matches the test server's URLs against the document's server.
	s.doc.Servers = openapi3.Servers{{URL: s.server.URL + paths.APIBase}}
	s.router, err = gorillamux.NewRouter(s.doc)
	require.NoError(t, err)
}

func ownerPool(t *testing.T, url string) *pgxpool.Pool {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), url)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return pool
}

// tokenOptions describe an access token as the token endpoint issues them.
type tokenOptions struct {
	env      environment.Env // TEST by default
	clientID uuid.UUID
	orgNo    string
	scopes   []string
	expires  time.Time // in two minutes by default
	signer   *rsa.PrivateKey
	issuer   string
	kid      string
	aud      any // a string or a list; none by default
}

// testAudience is the API's base URL as the tests' servers are told it.
const testAudience = "https://selvbetjening.test/api/v1"

func (s *site) token(o tokenOptions) string {
	s.t.Helper()
	if o.env == "" {
		o.env = environment.Test
	}
	if o.expires.IsZero() {
		o.expires = time.Now().Add(2 * time.Minute)
	}
	if o.signer == nil {
		o.signer = s.keys[o.env]
	}
	if o.issuer == "" {
		o.issuer = testIssuers[o.env]
	}
	if o.kid == "" {
		o.kid = "k-" + string(o.env)
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: o.signer},
		(&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", o.kid))
	require.NoError(s.t, err)
	claims := map[string]any{
		"iss": o.issuer, "client_id": o.clientID.String(), "client_amr": "private_key_jwt",
		"scope": strings.Join(o.scopes, " "), "token_type": "Bearer", "iat": time.Now().Unix(),
		"exp": o.expires.Unix(), "jti": uuid.NewString(),
		"consumer": map[string]string{"authority": token.ConsumerAuthority, "ID": token.ConsumerICD + ":" + o.orgNo},
	}
	if o.aud != nil {
		claims["aud"] = o.aud
	}
	raw, err := jwt.Signed(signer).Claims(claims).Serialize()
	require.NoError(s.t, err)
	return raw
}

// admin is an organisation's admin integration and a token for it.
type admin struct {
	orgNo    string
	clientID uuid.UUID
	env      environment.Env
	token    string
}

// admin makes an organisation (or uses orgNo) with an admin integration
// in env holding the scopes, and a token for it.
func (s *site) admin(orgNo string, env environment.Env, scopes ...string) admin {
	s.t.Helper()
	if orgNo == "" {
		orgNo = storetest.Organisation(s.t, s.owner, storetest.OrganisationOptions{}).No
	}
	if env == "" {
		env = environment.Test
	}
	i := storetest.Integration(s.t, s.owner, storetest.IntegrationOptions{OrgNo: orgNo, Env: env, Name: "Adminklient"})
	return admin{orgNo: orgNo, clientID: i.ClientID, env: env,
		token: s.token(tokenOptions{env: env, clientID: i.ClientID, orgNo: orgNo, scopes: scopes})}
}

// response is an answer, already checked against the OpenAPI document.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t *testing.T, v any) {
	t.Helper()
	require.NoError(t, json.Unmarshal(r.body, v), "body: %s", r.body)
}

func (r response) problem(t *testing.T) api.Problem {
	t.Helper()
	require.Equal(t, "application/problem+json", r.header.Get("Content-Type"), "body: %s", r.body)
	var p api.Problem
	r.json(t, &p)
	require.Equal(t, r.status, p.Status)
	return p
}

// call sends a request with the token (none when empty) and checks the
// answer against the OpenAPI document: every status, header and body the
// tests see is one the document promises.
func (s *site) call(method, path, token string, body any, headers ...string) response {
	s.t.Helper()
	var reader io.Reader
	var raw []byte
	switch b := body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		var err error
		raw, err = json.Marshal(b)
		require.NoError(s.t, err)
	}
	if raw != nil {
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, s.server.URL+path, reader)
	require.NoError(s.t, err)
	if raw != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(s.t, err)
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	require.NoError(s.t, err)
	s.conforms(req, raw, resp, got)
	return response{status: resp.StatusCode, header: resp.Header, body: got}
}

func (s *site) conforms(req *http.Request, reqBody []byte, resp *http.Response, body []byte) {
	s.t.Helper()
	if resp.StatusCode == http.StatusRequestEntityTooLarge && resp.Request.URL.Path == "" {
		return
	}
	check, err := http.NewRequest(req.Method, req.URL.String(), bytes.NewReader(reqBody))
	require.NoError(s.t, err)
	check.Header = req.Header.Clone()
	route, params, err := s.router.FindRoute(check)
	require.NoError(s.t, err, "%s %s is not in the OpenAPI document", req.Method, req.URL.Path)
	in := &openapi3filter.RequestValidationInput{Request: check, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode,
		Header: resp.Header, Options: &openapi3filter.Options{IncludeResponseStatus: true}}
	out.SetBodyBytes(body)
	require.NoError(s.t, openapi3filter.ValidateResponse(context.Background(), out),
		"%s %s answered %d %s, which the OpenAPI document does not describe", req.Method, req.URL.Path, resp.StatusCode, body)
}

// integrationOf reads an integration as the pages do.
func (s *site) integrationOf(orgNo string, id uuid.UUID) integration.Integration {
	s.t.Helper()
	i, err := integration.Get(context.Background(), s.owner, orgNo, id)
	require.NoError(s.t, err)
	return i
}
