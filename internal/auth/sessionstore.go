package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/store"
)

// SessionStore keeps gorilla sessions in Postgres. The cookie holds only a
// signed random token; the values never leave the server, and any portal
// process behind the load balancer can read them.
type SessionStore struct {
	pool    *pgxpool.Pool
	codec   *securecookie.SecureCookie
	idle    time.Duration
	Options *sessions.Options
}

// ErrSessionEnded means the session was deleted (logged out) while this
// request held it; a save does not bring it back.
var ErrSessionEnded = errors.New("the session has ended")

// touchEvery is how often a session's last activity is written: not on
// every request, and often enough for an idle timeout of minutes.
const touchEvery = time.Minute

// NewSessionStore signs cookies with hashKey (32 or 64 random bytes). A
// session lasts maxAge from login, and ends sooner when unused for idle.
func NewSessionStore(pool *pgxpool.Pool, hashKey []byte, secure bool, maxAge, idle time.Duration) *SessionStore {
	codec := securecookie.New(hashKey, nil)
	codec.MaxAge(int(maxAge.Seconds()))
	return &SessionStore{
		pool:  pool,
		codec: codec,
		idle:  idle,
		Options: &sessions.Options{
			Path:     "/",
			MaxAge:   int(maxAge.Seconds()),
			HttpOnly: true,
			Secure:   secure,
			SameSite: http.SameSiteLaxMode,
		},
	}
}

// CookieName is the session cookie's name: __Host- prefixed when Secure.
func (s *SessionStore) CookieName() string {
	if s.Options.Secure {
		return "__Host-" + CookieName
	}
	return CookieName
}

// Get returns the request's session, loading it once per request.
func (s *SessionStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

// New loads the session the cookie names, or starts an empty one. A cookie
// that is tampered with, expired or unknown simply yields a new session.
func (s *SessionStore) New(r *http.Request, name string) (*sessions.Session, error) {
	sess := sessions.NewSession(s, name)
	opts := *s.Options
	sess.Options = &opts
	sess.IsNew = true
	c, err := r.Cookie(name)
	if err != nil {
		return sess, nil
	}
	var token string
	if err := s.codec.Decode(name, c.Value, &token); err != nil {
		return sess, nil
	}
	values, facts, err := s.load(r.Context(), token)
	if errors.Is(err, store.ErrNotFound) {
		return sess, nil
	}
	if err != nil {
		return sess, err
	}
	for k, v := range values {
		sess.Values[k] = v
	}
	sess.Values[factsKey{}] = facts
	sess.ID = token
	sess.IsNew = false
	return sess, nil
}

// Save writes the session and sets its cookie; MaxAge < 0 deletes it.
func (s *SessionStore) Save(r *http.Request, w http.ResponseWriter, sess *sessions.Session) error {
	ctx := r.Context()
	if sess.Options.MaxAge < 0 {
		if sess.ID != "" {
			if _, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hashToken(sess.ID)); err != nil {
				return fmt.Errorf("delete session: %w", err)
			}
		}
		http.SetCookie(w, sessions.NewCookie(sess.Name(), "", sess.Options))
		return nil
	}
	if sess.ID == "" {
		token, err := newToken()
		if err != nil {
			return err
		}
		sess.ID = token
	}
	values := make(map[string]string, len(sess.Values))
	for k, v := range sess.Values {
		if _, derived := k.(factsKey); derived {
			continue
		}
		ks, kok := k.(string)
		vs, vok := v.(string)
		if !kok || !vok {
			return fmt.Errorf("session value %v: only string keys and values are stored", k)
		}
		values[ks] = vs
	}
	data, err := json.Marshal(values)
	if err != nil {
		return fmt.Errorf("encode session: %w", err)
	}
	if err := s.write(ctx, sess, data, values); err != nil {
		if errors.Is(err, ErrSessionEnded) {
			http.SetCookie(w, sessions.NewCookie(sess.Name(), "", &sessions.Options{Path: "/", MaxAge: -1,
				HttpOnly: true, Secure: sess.Options.Secure, SameSite: sess.Options.SameSite}))
		}
		return err
	}
	encoded, err := s.codec.Encode(sess.Name(), sess.ID)
	if err != nil {
		return fmt.Errorf("sign session cookie: %w", err)
	}
	http.SetCookie(w, sessions.NewCookie(sess.Name(), encoded, sess.Options))
	return nil
}

// Renew deletes the stored session and gives it a fresh token on the next
// Save, keeping its values: a new id at login defeats session fixation.
func (s *SessionStore) Renew(ctx context.Context, sess *sessions.Session) error {
	if sess.ID != "" {
		if _, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hashToken(sess.ID)); err != nil {
			return fmt.Errorf("renew session: %w", err)
		}
	}
	sess.ID = ""
	sess.IsNew = true
	return nil
}

// DeleteExpired removes sessions past their expiry or idle for too long;
// run it now and then.
func (s *SessionStore) DeleteExpired(ctx context.Context) (int64, error) {
	tag, err := s.pool.Exec(ctx, `
		DELETE FROM sessions WHERE expires_at < now() OR last_seen_at < now() - make_interval(secs => $1)`,
		s.idle.Seconds())
	if err != nil {
		return 0, fmt.Errorf("delete expired sessions: %w", err)
	}
	return tag.RowsAffected(), nil
}

func newToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("session token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}
