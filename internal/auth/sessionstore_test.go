package auth_test

import (
	"crypto/sha256"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/auth"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

func TestSessionStore(t *testing.T) {
	t.Parallel()
	pool := storetest.Pool(t)
	key := make([]byte, 32)

	t.Run("CookieFlags", func(t *testing.T) {
		t.Parallel()
		for _, secure := range []bool{false, true} {
			store := auth.NewSessionStore(pool, key, secure, time.Hour, 30*time.Minute)
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			w := httptest.NewRecorder()
			sess, err := store.Get(r, store.CookieName())
			require.NoError(t, err)
			sess.Values["hemmelig-verdi"] = "kari-konsument"
			require.NoError(t, sess.Save(r, w))
			c := w.Result().Cookies()[0]
			require.True(t, c.HttpOnly)
			require.Equal(t, http.SameSiteLaxMode, c.SameSite)
			require.Equal(t, "/", c.Path)
			require.Equal(t, secure, c.Secure)
			if secure {
				require.Equal(t, "__Host-selvbetjening", c.Name)
			}
			require.NotContains(t, c.Value, "kari", "values stay on the server")
		}
	})

	t.Run("RoundTripRenewAndDelete", func(t *testing.T) {
		t.Parallel()
		store := auth.NewSessionStore(pool, key, false, time.Hour, 30*time.Minute)
		save := func(r *http.Request, change func(*sessions.Session)) *http.Cookie {
			w := httptest.NewRecorder()
			sess, err := store.New(r, store.CookieName())
			require.NoError(t, err)
			change(sess)
			require.NoError(t, sess.Save(r, w))
			return w.Result().Cookies()[0]
		}
		with := func(c *http.Cookie) *http.Request {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.AddCookie(c)
			return r
		}
		first := save(httptest.NewRequest(http.MethodGet, "/", nil), func(s *sessions.Session) { s.Values["hvem"] = "kari" })
		sess, err := store.New(with(first), store.CookieName())
		require.NoError(t, err)
		require.Equal(t, "kari", sess.Values["hvem"])

		renewed := save(with(first), func(s *sessions.Session) {
			require.NoError(t, store.Renew(t.Context(), s))
		})
		require.NotEqual(t, first.Value, renewed.Value, "a new id")
		old, err := store.New(with(first), store.CookieName())
		require.NoError(t, err)
		require.True(t, old.IsNew, "the old id is gone")

		tampered := *renewed
		tampered.Value = "A" + renewed.Value[1:]
		fresh, err := store.New(with(&tampered), store.CookieName())
		require.NoError(t, err)
		require.True(t, fresh.IsNew, "a tampered cookie is a new visitor, not an error")

		save(with(renewed), func(s *sessions.Session) { s.Options.MaxAge = -1 })
		gone, err := store.New(with(renewed), store.CookieName())
		require.NoError(t, err)
		require.True(t, gone.IsNew)
	})

	// store.New and Save on a fresh session, and a request carrying its cookie.
	start := func(t *testing.T, store *auth.SessionStore) (*http.Cookie, []byte, func() *http.Request) {
		t.Helper()
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		w := httptest.NewRecorder()
		sess, err := store.New(r, store.CookieName())
		require.NoError(t, err)
		sess.Values["hvem"] = "kari"
		require.NoError(t, sess.Save(r, w))
		c := w.Result().Cookies()[0]
		var token string
		require.NoError(t, securecookie.New(key, nil).Decode(c.Name, c.Value, &token))
		sum := sha256.Sum256([]byte(token))
		return c, sum[:], func() *http.Request {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.AddCookie(c)
			return r
		}
	}

	t.Run("SaveAfterLogoutDoesNotBringItBack", func(t *testing.T) {
		t.Parallel()
		store := auth.NewSessionStore(pool, key, false, time.Hour, 30*time.Minute)
		_, hash, with := start(t, store)
		// Two requests hold the session; the one logs out, the other then saves.
		r1, r2 := with(), with()
		s1, err := store.New(r1, store.CookieName())
		require.NoError(t, err)
		s2, err := store.New(r2, store.CookieName())
		require.NoError(t, err)
		s1.Options.MaxAge = -1
		require.NoError(t, s1.Save(r1, httptest.NewRecorder()))
		s2.Values["org_no"] = "310000019"
		w := httptest.NewRecorder()
		require.ErrorIs(t, s2.Save(r2, w), auth.ErrSessionEnded)
		require.Equal(t, -1, w.Result().Cookies()[0].MaxAge, "the cookie goes too")
		var n int
		require.NoError(t, pool.QueryRow(t.Context(), `SELECT count(*) FROM sessions WHERE token_hash = $1`, hash).Scan(&n))
		require.Zero(t, n)
	})

	t.Run("IdleTimeout", func(t *testing.T) {
		t.Parallel()
		store := auth.NewSessionStore(pool, key, false, time.Hour, 30*time.Minute)
		_, hash, with := start(t, store)
		idle := func(d time.Duration) {
			_, err := pool.Exec(t.Context(), `UPDATE sessions SET last_seen_at = now() - make_interval(secs => $2)
				WHERE token_hash = $1`, hash, d.Seconds())
			require.NoError(t, err)
		}
		idle(29 * time.Minute)
		sess, err := store.New(with(), store.CookieName())
		require.NoError(t, err)
		require.False(t, sess.IsNew, "29 minutes idle is within the timeout")
		idle(31 * time.Minute)
		sess, err = store.New(with(), store.CookieName())
		require.NoError(t, err)
		require.True(t, sess.IsNew, "31 minutes idle has ended it")
		_, err = store.DeleteExpired(t.Context())
		require.NoError(t, err)
		var n int
		require.NoError(t, pool.QueryRow(t.Context(), `SELECT count(*) FROM sessions WHERE token_hash = $1`, hash).Scan(&n))
		require.Zero(t, n, "the sweep removes idle sessions")
	})

	t.Run("ActivityIsWrittenAtMostOnceAMinute", func(t *testing.T) {
		t.Parallel()
		store := auth.NewSessionStore(pool, key, false, time.Hour, 30*time.Minute)
		_, hash, with := start(t, store)
		lastSeen := func() time.Time {
			var at time.Time
			require.NoError(t, pool.QueryRow(t.Context(), `SELECT last_seen_at FROM sessions WHERE token_hash = $1`, hash).Scan(&at))
			return at
		}
		_, err := pool.Exec(t.Context(), `UPDATE sessions SET last_seen_at = now() - interval '50 seconds' WHERE token_hash = $1`, hash)
		require.NoError(t, err)
		before := lastSeen()
		for range 3 {
			_, err := store.New(with(), store.CookieName())
			require.NoError(t, err)
		}
		require.Equal(t, before, lastSeen(), "no write within the minute")
		_, err = pool.Exec(t.Context(), `UPDATE sessions SET last_seen_at = now() - interval '70 seconds' WHERE token_hash = $1`, hash)
		require.NoError(t, err)
		before = lastSeen()
		_, err = store.New(with(), store.CookieName())
		require.NoError(t, err)
		require.True(t, lastSeen().After(before.Add(time.Minute)), "recorded once the minute has passed")
	})

	t.Run("OnlyStringsAreStored", func(t *testing.T) {
		t.Parallel()
		store := auth.NewSessionStore(pool, key, false, time.Hour, 30*time.Minute)
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		sess, err := store.New(r, store.CookieName())
		require.NoError(t, err)
		sess.Values["n"] = 42
		require.Error(t, sess.Save(r, httptest.NewRecorder()))
	})
}
