// Package auth logs people in with OpenID Connect, keeps their server-side
// session and knows which organisation they act for.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/gorilla/sessions"

	"github.com/digdir/selvbetjening/internal/identity"
)

// CookieName is the session cookie's name over plain http. Over https it
// carries the __Host- prefix, so the browser takes it only from this exact
// host, with Secure and Path=/ (RFC 6265bis 4.1.3.2).
const CookieName = "selvbetjening"

// Session keys. Values are strings (see SessionStore.Save). The e-mail
// domain and the organisation are also columns of their own.
const (
	keyPerson      = "person"
	keyIDToken     = "id_token"
	keyEmailDomain = "email_domain"
	keyOrgNo       = "org_no"
	keyOrgName     = "org_name"
	// keyOrgAutomatic: the organisation was chosen for the person, because
	// the domain led there alone. Once it leads to more, they are asked.
	keyOrgAutomatic = "org_automatic"
	keyCSRF         = "csrf"
)

// Session is what a request knows about its visitor.
type Session struct {
	raw      *sessions.Session
	Person   *identity.Person // nil before login
	OrgNo    string           // empty until an organisation is chosen
	OrgName  string
	OrgCount int // how many organisations the e-mail domain leads to now
	CSRF     string
	// OrgEnded: the domain no longer led to the organisation chosen, so this
	// request ended the choice.
	OrgEnded bool
	// Servicedesk: the person number is servicedesk's, asked in the same
	// lookup; the console itself asks access.Servicedesk again.
	Servicedesk bool

	orgLinked       bool          // the domain still leads to OrgNo (or none is chosen)
	orgAutomatic    bool          // OrgNo was chosen without asking: the domain led there alone
	prodLoginMaxAge time.Duration // from the Authenticator
}

// LoggedIn reports whether someone has logged in.
func (s *Session) LoggedIn() bool { return s != nil && s.Person != nil }

// Actor returns the person acting for the chosen organisation.
func (s *Session) Actor() (identity.Actor, bool) {
	if !s.LoggedIn() || s.OrgNo == "" {
		return identity.Actor{}, false
	}
	return identity.Actor{Person: *s.Person, OrgNo: s.OrgNo, OrgName: s.OrgName,
		FreshLoginUntil: s.Person.AuthTime.Add(s.prodLoginMaxAge), Role: identity.RoleEmployee}, true
}

// ProdLoginMaxAge is how old a login may be for a change in production.
func (s *Session) ProdLoginMaxAge() time.Duration { return s.prodLoginMaxAge }

// CheckCSRF compares a submitted token with the session's in constant time.
func (s *Session) CheckCSRF(token string) bool {
	return s != nil && s.CSRF != "" && subtle.ConstantTimeCompare([]byte(s.CSRF), []byte(token)) == 1
}

func fromRaw(raw *sessions.Session) *Session {
	s := &Session{raw: raw}
	str := func(k string) string { v, _ := raw.Values[k].(string); return v }
	if p := str(keyPerson); p != "" {
		var person identity.Person
		if json.Unmarshal([]byte(p), &person) == nil {
			s.Person = &person
		}
	}
	s.OrgNo, s.OrgName, s.CSRF = str(keyOrgNo), str(keyOrgName), str(keyCSRF)
	f, _ := raw.Values[factsKey{}].(lookupFacts)
	s.OrgCount, s.orgLinked, s.Servicedesk = f.OrgCount, f.OrgLinked, f.Servicedesk
	s.orgAutomatic = str(keyOrgAutomatic) != ""
	return s
}

type sessionKey struct{}

// FromContext returns the request's session (never nil behind Middleware).
func FromContext(ctx context.Context) *Session {
	s, _ := ctx.Value(sessionKey{}).(*Session)
	if s == nil {
		return &Session{}
	}
	return s
}

// Middleware loads the session once per request and puts it, and the actor
// when there is one, in the request's context. Access follows the data, not
// the login: the same lookup says whether the e-mail domain still leads to
// the organisation chosen, and when it does not, the choice ends here. fail
// renders the error page when the database cannot answer.
func (a *Authenticator) Middleware(fail Fail) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return a.middleware(next, fail)
	}
}

// Fail renders an error page for a request that could not be served.
type Fail func(w http.ResponseWriter, r *http.Request, status int, err error)

func (a *Authenticator) middleware(next http.Handler, fail Fail) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, err := a.store.Get(r, a.store.CookieName())
		if err != nil {
			fail(w, r, http.StatusServiceUnavailable, fmt.Errorf("load session: %w", err)) // the database, not the visitor
			return
		}
		s := fromRaw(raw)
		s.prodLoginMaxAge = a.cfg.ProdLoginMaxAge
		if s.LoggedIn() && s.OrgNo != "" && (!s.orgLinked || s.orgAutomatic && s.OrgCount > 1) {
			alive, err := a.endChoice(w, r, s)
			if err != nil {
				fail(w, r, http.StatusServiceUnavailable, fmt.Errorf("end organisation choice: %w", err))
				return
			}
			if !alive {
				s = &Session{} // logged out meanwhile
			}
		}
		ctx := context.WithValue(r.Context(), sessionKey{}, s)
		if actor, ok := s.Actor(); ok {
			ctx = identity.WithActor(ctx, actor)
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func randomString(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
