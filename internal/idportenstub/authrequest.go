package idportenstub

import (
	"slices"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
)

// authRequestLifetime bounds how long a user may sit on the login page and
// how long an unused code stays valid.
const authRequestLifetime = 30 * time.Minute

// authRequest is a pending or completed authorization request. The storage
// hands out copies, so the op package never sees a value that is changing.
type authRequest struct {
	id           string
	created      time.Time
	clientID     string
	redirectURI  string
	state        string
	nonce        string
	scopes       []string
	acrValues    []string
	responseType oidc.ResponseType
	responseMode oidc.ResponseMode
	challenge    *oidc.CodeChallenge
	code         string

	// Set when the user has logged in.
	done     bool
	who      identity
	authTime time.Time
}

func newAuthRequest(id string, req *oidc.AuthRequest, now time.Time) *authRequest {
	a := &authRequest{
		id:           id,
		created:      now,
		clientID:     req.ClientID,
		redirectURI:  req.RedirectURI,
		state:        req.State,
		nonce:        req.Nonce,
		scopes:       slices.Clone(req.Scopes),
		acrValues:    slices.Clone(req.ACRValues),
		responseType: req.ResponseType,
		responseMode: req.ResponseMode,
	}
	if req.CodeChallenge != "" {
		a.challenge = &oidc.CodeChallenge{Challenge: req.CodeChallenge, Method: req.CodeChallengeMethod}
	}
	return a
}

func (a *authRequest) clone() *authRequest {
	c := *a
	c.scopes = slices.Clone(a.scopes)
	c.acrValues = slices.Clone(a.acrValues)
	return &c
}

func (a *authRequest) expired(now time.Time) bool {
	return now.Sub(a.created) > authRequestLifetime
}

// defaultACR preselects high on the login page when the client asked for it.
func (a *authRequest) defaultACR() string {
	if slices.Contains(a.acrValues, acrHigh) {
		return acrHigh
	}
	return acrSubstantial
}

func (a *authRequest) GetID() string                         { return a.id }
func (a *authRequest) GetACR() string                        { return a.who.ACR }
func (a *authRequest) GetAMR() []string                      { return []string{amrTestID} }
func (a *authRequest) GetAudience() []string                 { return []string{a.clientID} }
func (a *authRequest) GetAuthTime() time.Time                { return a.authTime }
func (a *authRequest) GetClientID() string                   { return a.clientID }
func (a *authRequest) GetCodeChallenge() *oidc.CodeChallenge { return a.challenge }
func (a *authRequest) GetNonce() string                      { return a.nonce }
func (a *authRequest) GetRedirectURI() string                { return a.redirectURI }
func (a *authRequest) GetResponseType() oidc.ResponseType    { return a.responseType }
func (a *authRequest) GetResponseMode() oidc.ResponseMode    { return a.responseMode }
func (a *authRequest) GetScopes() []string                   { return a.scopes }
func (a *authRequest) GetState() string                      { return a.state }
func (a *authRequest) Done() bool                            { return a.done }

func (a *authRequest) GetSubject() string {
	if !a.done {
		return ""
	}
	return a.who.subject()
}
