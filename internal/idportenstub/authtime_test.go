package idportenstub_test

import (
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/digdir/selvbetjening/internal/demo"
)

// TestNewLoginAndAuthTime: the portal sends max_age=0 and prompt=login
// before a change in production, and checks auth_time. The stand-in keeps
// no single sign-on session, so every request shows the login page, and the
// ID token says when the person logged in on it.
func TestNewLoginAndAuthTime(t *testing.T) {
	t.Parallel()
	e := start(t)
	for name, opts := range map[string][]oauth2.AuthCodeOption{
		"Plain":              nil,
		"MaxAge0PromptLogin": {oauth2.SetAuthURLParam("max_age", "0"), oauth2.SetAuthURLParam("prompt", "login")},
		"MaxAge60":           {oauth2.SetAuthURLParam("max_age", "60")},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for range 2 { // the second time too: a login is never passed through
				l := e.begin(t, opts...) // fails unless the login page is shown
				before := time.Now().Unix()
				resp := e.submit(t, l, url.Values{"testperson": {demo.Kari.PID}})
				_, claims := e.exchange(t, l, l.code(t, resp), oauth2.AuthStyleInHeader)
				at, ok := claims["auth_time"].(float64)
				require.True(t, ok, "auth_time is in the ID token")
				require.GreaterOrEqual(t, int64(at), before)
				require.LessOrEqual(t, int64(at), time.Now().Unix())
			}
		})
	}
}
