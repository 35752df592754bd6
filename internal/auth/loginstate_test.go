package auth

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/stretchr/testify/require"
)

func TestLoginCookie(t *testing.T) {
	t.Parallel()
	secret := make([]byte, 32)
	st := loginState{State: "tilstand-123", Nonce: "nonce-456", Verifier: "verifier-789", Next: "/integrasjoner", Begun: time.Now()}

	t.Run("FlagsAndName", func(t *testing.T) {
		t.Parallel()
		for _, secure := range []bool{false, true} {
			c, err := newLoginCookie(secret, secure)
			require.NoError(t, err)
			w := httptest.NewRecorder()
			require.NoError(t, c.write(w, st))
			ck := w.Result().Cookies()[0]
			require.True(t, ck.HttpOnly)
			require.Equal(t, http.SameSiteLaxMode, ck.SameSite)
			require.Equal(t, "/", ck.Path)
			require.Equal(t, secure, ck.Secure)
			require.Equal(t, 15*60, ck.MaxAge)
			if secure {
				require.Equal(t, "__Host-selvbetjening-innlogging", ck.Name)
			}
		}
	})

	t.Run("EncryptedSignedAndTakenOnce", func(t *testing.T) {
		t.Parallel()
		c, err := newLoginCookie(secret, false)
		require.NoError(t, err)
		w := httptest.NewRecorder()
		require.NoError(t, c.write(w, st))
		ck := w.Result().Cookies()[0]
		for _, secretPart := range []string{st.State, st.Nonce, st.Verifier} {
			require.NotContains(t, ck.Value, secretPart)
		}
		// Signed but not encrypted with the session's own key, it does not decode.
		require.Error(t, securecookie.New(secret, nil).Decode(ck.Name, ck.Value, &loginState{}))

		r := httptest.NewRequest(http.MethodGet, "/auth/callback", nil)
		r.AddCookie(ck)
		w = httptest.NewRecorder()
		got, ok := c.take(w, r)
		require.True(t, ok)
		require.Equal(t, st.State, got.State)
		require.Equal(t, st.Verifier, got.Verifier)
		require.Equal(t, -1, w.Result().Cookies()[0].MaxAge, "taking it deletes it")

		tampered := *ck
		tampered.Value = strings.ToUpper(ck.Value[:4]) + ck.Value[4:] + "x"
		r = httptest.NewRequest(http.MethodGet, "/auth/callback", nil)
		r.AddCookie(&tampered)
		_, ok = c.take(httptest.NewRecorder(), r)
		require.False(t, ok)

		other, err := newLoginCookie([]byte("en annen nøkkel, en annen portal"), false)
		require.NoError(t, err)
		r = httptest.NewRequest(http.MethodGet, "/auth/callback", nil)
		r.AddCookie(ck)
		_, ok = other.take(httptest.NewRecorder(), r)
		require.False(t, ok)
	})
}

func TestFreshLoginNeedsANewAuthTime(t *testing.T) {
	t.Parallel()
	begun := time.Now()
	fresh := loginState{Fresh: true, Begun: begun}
	require.True(t, fresh.satisfiedBy(begun.Add(3*time.Second)))
	require.True(t, fresh.satisfiedBy(begun.Add(-30*time.Second)), "within the clock skew")
	require.False(t, fresh.satisfiedBy(begun.Add(-20*time.Minute)), "the provider ignored max_age")
	require.False(t, fresh.satisfiedBy(time.Time{}), "no auth_time at all")
	require.True(t, loginState{Begun: begun}.satisfiedBy(time.Time{}), "an ordinary login asks nothing of auth_time")
}
