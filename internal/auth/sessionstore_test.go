package auth_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

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
			store := auth.NewSessionStore(pool, key, secure, time.Hour)
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
		store := auth.NewSessionStore(pool, key, false, time.Hour)
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

	t.Run("OnlyStringsAreStored", func(t *testing.T) {
		t.Parallel()
		store := auth.NewSessionStore(pool, key, false, time.Hour)
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		sess, err := store.New(r, store.CookieName())
		require.NoError(t, err)
		sess.Values["n"] = 42
		require.Error(t, sess.Save(r, httptest.NewRecorder()))
	})
}
