package idportenstub

import (
	"crypto/subtle"
	"fmt"
	"net/url"
	"slices"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

const (
	idTokenLifetime     = 10 * time.Minute
	accessTokenLifetime = time.Hour
)

// opClient adapts a Client to op.Client: a confidential web client that may
// only use the code flow, like an ID-porten web integration.
type opClient struct {
	Client
	loginURL func(authRequestID string) string
}

func newClients(cfgs []Client, loginURL func(string) string) (map[string]*opClient, error) {
	if len(cfgs) == 0 {
		return nil, fmt.Errorf("at least one client is required")
	}
	clients := make(map[string]*opClient, len(cfgs))
	for _, c := range cfgs {
		if c.ID == "" || c.Secret == "" {
			return nil, fmt.Errorf("client %q: id and secret are required", c.ID)
		}
		if _, dup := clients[c.ID]; dup {
			return nil, fmt.Errorf("client %q: registered twice", c.ID)
		}
		if len(c.RedirectURIs) == 0 {
			return nil, fmt.Errorf("client %q: at least one redirect URI is required", c.ID)
		}
		for _, u := range slices.Concat(c.RedirectURIs, c.PostLogoutRedirectURIs) {
			if err := checkAbsoluteURL(u); err != nil {
				return nil, fmt.Errorf("client %q: %w", c.ID, err)
			}
		}
		c.RedirectURIs = slices.Clone(c.RedirectURIs)
		c.PostLogoutRedirectURIs = slices.Clone(c.PostLogoutRedirectURIs)
		clients[c.ID] = &opClient{Client: c, loginURL: loginURL}
	}
	return clients, nil
}

func checkAbsoluteURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("parse URL %q: %w", s, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" {
		return fmt.Errorf("URL %q must be absolute http(s) without fragment", s)
	}
	return nil
}

// secretMatches compares in constant time so the secret cannot be guessed
// byte by byte from response times.
func (c *opClient) secretMatches(secret string) bool {
	return subtle.ConstantTimeCompare([]byte(c.Secret), []byte(secret)) == 1
}

func (c *opClient) GetID() string                       { return c.ID }
func (c *opClient) RedirectURIs() []string              { return c.Client.RedirectURIs }
func (c *opClient) PostLogoutRedirectURIs() []string    { return c.Client.PostLogoutRedirectURIs }
func (c *opClient) ApplicationType() op.ApplicationType { return op.ApplicationTypeWeb }
func (c *opClient) LoginURL(id string) string           { return c.loginURL(id) }
func (c *opClient) AccessTokenType() op.AccessTokenType { return op.AccessTokenTypeBearer }
func (c *opClient) IDTokenLifetime() time.Duration      { return idTokenLifetime }
func (c *opClient) DevMode() bool                       { return false }
func (c *opClient) IsScopeAllowed(string) bool          { return false }
func (c *opClient) ClockSkew() time.Duration            { return 0 }

// AuthMethod says basic, but op also takes client_secret_post because the
// provider enables it; both end in AuthorizeClientIDSecret.
func (c *opClient) AuthMethod() oidc.AuthMethod { return oidc.AuthMethodBasic }

func (c *opClient) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}

func (c *opClient) GrantTypes() []oidc.GrantType {
	return []oidc.GrantType{oidc.GrantTypeCode}
}

// IDTokenUserinfoClaimsAssertion puts the user claims in the ID token, as
// ID-porten does.
func (c *opClient) IDTokenUserinfoClaimsAssertion() bool { return true }

func (c *opClient) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}

func (c *opClient) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}
