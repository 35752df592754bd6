package auth

import (
	"crypto/hkdf"
	"crypto/sha256"
	"fmt"
	"net/http"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
)

// loginState is what an unfinished login needs when the provider sends the
// browser back. It travels in its own short-lived cookie, signed and
// encrypted, so a visitor who never comes back costs the server nothing:
// no session row exists until the login completes.
type loginState struct {
	State    string    `json:"s"`
	Nonce    string    `json:"n"`
	Verifier string    `json:"v"` // PKCE
	Next     string    `json:"x"`
	OrgNo    string    `json:"o,omitempty"` // acted for before, chosen again if the domain still leads there
	Fresh    bool      `json:"f,omitempty"` // a new login was demanded (max_age=0, prompt=login)
	Begun    time.Time `json:"b"`
}

// satisfiedBy says whether a login that authenticated at authTime answers
// this state. One that demanded a new login (max_age=0) must not be answered
// by an older one: a provider may ignore max_age, so auth_time is checked.
func (st loginState) satisfiedBy(authTime time.Time) bool {
	return !st.Fresh || !authTime.Before(st.Begun.Add(-clockSkew))
}

// loginCookieName is the login state's cookie, beside the session's.
const loginCookieName = "selvbetjening-innlogging"

// loginCookie writes and reads the login state.
type loginCookie struct {
	codec  *securecookie.SecureCookie
	secure bool
}

// newLoginCookie derives its own signing and encryption keys from secret
// (SESSION_KEY), so the state is neither readable nor forgeable and no
// cookie of one kind passes for the other.
func newLoginCookie(secret []byte, secure bool) (*loginCookie, error) {
	hashKey, err := hkdf.Key(sha256.New, secret, nil, "selvbetjening login state: sign", 32)
	if err != nil {
		return nil, fmt.Errorf("login state key: %w", err)
	}
	blockKey, err := hkdf.Key(sha256.New, secret, nil, "selvbetjening login state: encrypt", 32)
	if err != nil {
		return nil, fmt.Errorf("login state key: %w", err)
	}
	codec := securecookie.New(hashKey, blockKey)
	codec.MaxAge(int(loginWindow.Seconds()))
	codec.SetSerializer(securecookie.JSONEncoder{})
	return &loginCookie{codec: codec, secure: secure}, nil
}

// name is __Host- prefixed over https, like the session cookie.
func (c *loginCookie) name() string {
	if c.secure {
		return "__Host-" + loginCookieName
	}
	return loginCookieName
}

// options: Lax, so the provider's top-level redirect back brings it along.
func (c *loginCookie) options(maxAge int) *sessions.Options {
	return &sessions.Options{Path: "/", MaxAge: maxAge, HttpOnly: true, Secure: c.secure, SameSite: http.SameSiteLaxMode}
}

func (c *loginCookie) write(w http.ResponseWriter, st loginState) error {
	encoded, err := c.codec.Encode(c.name(), st)
	if err != nil {
		return fmt.Errorf("encode login state: %w", err)
	}
	http.SetCookie(w, sessions.NewCookie(c.name(), encoded, c.options(int(loginWindow.Seconds()))))
	return nil
}

// take reads the login state and deletes its cookie in the same answer, so
// a state is spent by the first callback that presents it, failed or not.
func (c *loginCookie) take(w http.ResponseWriter, r *http.Request) (loginState, bool) {
	ck, err := r.Cookie(c.name())
	if err != nil {
		return loginState{}, false
	}
	http.SetCookie(w, sessions.NewCookie(c.name(), "", c.options(-1)))
	var st loginState
	if err := c.codec.Decode(c.name(), ck.Value, &st); err != nil || st.State == "" {
		return loginState{}, false
	}
	return st, true
}
