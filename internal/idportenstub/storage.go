package idportenstub

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// storage is the in-memory op.Storage. One mutex guards everything: this is
// a dev tool with a handful of requests, not a hot path.
type storage struct {
	clients map[string]*opClient // read-only after start
	key     *signingKey          // read-only after start
	now     func() time.Time

	mu       sync.Mutex
	requests map[string]*authRequest // by id
	codes    map[string]string       // code -> auth request id
	tokens   map[string]*accessToken // by token id
}

var (
	// errNotFound marks unknown or expired ids.
	errNotFound    = errors.New("not found")
	errAlreadyDone = errors.New("login already completed")
)

var (
	_ op.Storage                   = (*storage)(nil)
	_ op.CanSetUserinfoFromRequest = (*storage)(nil)
)

func newStorage(clients map[string]*opClient, key *signingKey) *storage {
	return &storage{
		clients:  clients,
		key:      key,
		now:      time.Now,
		requests: make(map[string]*authRequest),
		codes:    make(map[string]string),
		tokens:   make(map[string]*accessToken),
	}
}

// CreateAuthRequest stores a validated request. PKCE with S256 is required,
// as in ID-porten; prompt=none cannot succeed since there is no SSO session.
// For the same reason max_age and prompt=login are always honoured: every
// request shows the login page, and auth_time is when it was submitted.
func (s *storage) CreateAuthRequest(_ context.Context, req *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	if req.CodeChallenge == "" || req.CodeChallengeMethod != oidc.CodeChallengeMethodS256 {
		return nil, oidc.ErrInvalidRequest().WithDescription("PKCE is required: send code_challenge with code_challenge_method=S256")
	}
	if slices.Contains(req.Prompt, oidc.PromptNone) {
		return nil, oidc.ErrLoginRequired().WithDescription("no active session")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.pruneLocked(now)
	a := newAuthRequest(rand.Text(), req, now)
	s.requests[a.id] = a
	return a.clone(), nil
}

func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	a, err := s.authRequest(id)
	if err != nil {
		return nil, err
	}
	return a, nil
}

// authRequest returns a copy of a live auth request.
func (s *storage) authRequest(id string) (*authRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.requests[id]
	if !ok || a.expired(s.now()) {
		return nil, fmt.Errorf("auth request %q: %w", id, errNotFound)
	}
	return a.clone(), nil
}

// completeLogin marks the request as authenticated by who. A request can
// only be completed once, so a replayed login form is refused.
func (s *storage) completeLogin(id string, who identity) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.requests[id]
	if !ok || a.expired(s.now()) {
		return fmt.Errorf("auth request %q: %w", id, errNotFound)
	}
	if a.done {
		return fmt.Errorf("auth request %q: %w", id, errAlreadyDone)
	}
	a.done, a.who, a.authTime = true, who, s.now()
	return nil
}

func (s *storage) AuthRequestByCode(ctx context.Context, code string) (op.AuthRequest, error) {
	s.mu.Lock()
	id, ok := s.codes[code]
	s.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("code: %w", errNotFound)
	}
	return s.AuthRequestByID(ctx, id)
}

func (s *storage) SaveAuthCode(_ context.Context, id, code string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.requests[id]
	if !ok {
		return fmt.Errorf("auth request %q: %w", id, errNotFound)
	}
	if a.code != "" {
		delete(s.codes, a.code) // only the newest code is valid
	}
	a.code = code
	s.codes[code] = id
	return nil
}

// DeleteAuthRequest is called once the code is exchanged, which makes codes
// single-use.
func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a, ok := s.requests[id]; ok {
		delete(s.codes, a.code)
		delete(s.requests, id)
	}
	return nil
}

// pruneLocked drops expired requests and tokens so memory stays bounded.
func (s *storage) pruneLocked(now time.Time) {
	for id, a := range s.requests {
		if a.expired(now) {
			delete(s.codes, a.code)
			delete(s.requests, id)
		}
	}
	for id, t := range s.tokens {
		if now.After(t.expires) {
			delete(s.tokens, id)
		}
	}
}

func (s *storage) GetClientByClientID(_ context.Context, clientID string) (op.Client, error) {
	c, ok := s.clients[clientID]
	if !ok {
		return nil, fmt.Errorf("client %q: %w", clientID, errNotFound)
	}
	return c, nil
}

func (s *storage) AuthorizeClientIDSecret(_ context.Context, clientID, secret string) error {
	c, ok := s.clients[clientID]
	if !ok || !c.secretMatches(secret) {
		return errors.New("unknown client or wrong secret")
	}
	return nil
}

func (s *storage) SigningKey(context.Context) (op.SigningKey, error) { return s.key, nil }

func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}

func (s *storage) KeySet(context.Context) ([]op.Key, error) {
	return []op.Key{s.key.public()}, nil
}

func (s *storage) Health(context.Context) error { return nil }
