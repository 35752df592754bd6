package idportenstub

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// accessToken is what an opaque access token refers to.
type accessToken struct {
	clientID string
	who      identity
	scopes   []string
	expires  time.Time
}

// errUnsupported answers grants and features ID-porten's web flow does not use.
var errUnsupported = errors.New("not supported by the stand-in ID-porten")

func (s *storage) CreateAccessToken(_ context.Context, req op.TokenRequest) (string, time.Time, error) {
	a, ok := req.(*authRequest)
	if !ok {
		return "", time.Time{}, fmt.Errorf("access token for %T: %w", req, errUnsupported)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := rand.Text()
	exp := s.now().Add(accessTokenLifetime)
	s.tokens[id] = &accessToken{clientID: a.clientID, who: a.who, scopes: slices.Clone(a.scopes), expires: exp}
	return id, exp, nil
}

func (s *storage) CreateAccessAndRefreshTokens(context.Context, op.TokenRequest, string) (string, string, time.Time, error) {
	return "", "", time.Time{}, fmt.Errorf("refresh tokens: %w", errUnsupported)
}

func (s *storage) TokenRequestByRefreshToken(context.Context, string) (op.RefreshTokenRequest, error) {
	return nil, op.ErrInvalidRefreshToken
}

func (s *storage) GetRefreshTokenInfo(context.Context, string, string) (string, string, error) {
	return "", "", op.ErrInvalidRefreshToken
}

// TerminateSession revokes the user's access tokens for the client. There is
// no SSO session to end.
func (s *storage) TerminateSession(_ context.Context, userID, clientID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, t := range s.tokens {
		if t.clientID == clientID && t.who.subject() == userID {
			delete(s.tokens, id)
		}
	}
	return nil
}

func (s *storage) RevokeToken(_ context.Context, tokenID, _, clientID string) *oidc.Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.tokens[tokenID]; ok && t.clientID == clientID {
		delete(s.tokens, tokenID)
	}
	return nil // RFC 7009: unknown tokens are not an error
}

// token returns a live access token.
func (s *storage) token(id string) (accessToken, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[id]
	if !ok || s.now().After(t.expires) {
		return accessToken{}, fmt.Errorf("access token: %w", errNotFound)
	}
	return *t, nil
}

// SetUserinfoFromScopes is deprecated in op; SetUserinfoFromRequest does the work.
func (s *storage) SetUserinfoFromScopes(context.Context, *oidc.UserInfo, string, string, []string) error {
	return nil
}

// SetUserinfoFromRequest fills the ID token claims from the login.
func (s *storage) SetUserinfoFromRequest(_ context.Context, info *oidc.UserInfo, req op.IDTokenRequest, _ []string) error {
	a, ok := req.(*authRequest)
	if !ok || !a.done {
		return fmt.Errorf("ID token for %T: %w", req, errUnsupported)
	}
	a.who.fill(info)
	return nil
}

func (s *storage) SetUserinfoFromToken(_ context.Context, info *oidc.UserInfo, tokenID, subject, _ string) error {
	t, err := s.token(tokenID)
	if err != nil {
		return err
	}
	if t.who.subject() != subject {
		return errors.New("access token subject mismatch")
	}
	t.who.fill(info)
	return nil
}

func (s *storage) SetIntrospectionFromToken(_ context.Context, resp *oidc.IntrospectionResponse, tokenID, subject, clientID string) error {
	t, err := s.token(tokenID)
	if err != nil {
		return err
	}
	if t.who.subject() != subject || t.clientID != clientID {
		return errors.New("access token does not belong to this client")
	}
	resp.Active = true
	resp.Subject = subject
	resp.ClientID = t.clientID
	resp.Scope = t.scopes
	resp.Expiration = oidc.FromTime(t.expires)
	return nil
}

func (s *storage) GetPrivateClaimsFromScopes(context.Context, string, string, []string) (map[string]any, error) {
	return nil, nil
}

func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, fmt.Errorf("client keys: %w", errUnsupported)
}

func (s *storage) ValidateJWTProfileScopes(context.Context, string, []string) ([]string, error) {
	return nil, fmt.Errorf("JWT profile grant: %w", errUnsupported)
}
