package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

func TestLoginWithTestID(t *testing.T) {
	t.Parallel()

	t.Run("RefusedWhenNotATestDeployment", func(t *testing.T) {
		t.Parallel()
		var log webtest.LogBuffer
		site := webtest.StartWith(t, webtest.Options{Env: map[string]string{"TEST_DEPLOYMENT": "0"}, Log: &log})
		for name, form := range map[string]url.Values{
			"TestPerson":  {"testperson": {demo.Kari.PID}},
			"OtherPerson": {"handling": {"annen"}, "pid": {demo.Ola.PID}, "email": {demo.Ola.Email}},
		} {
			c, resp, body := site.LoginWith(t, form, "")
			require.Equal(t, http.StatusForbidden, resp.StatusCode, name)
			require.Contains(t, body, "Innloggingen kunne ikke fullføres", name)
			require.Contains(t, body, "syntetisk testperson (TestID)", name)
			require.Contains(t, body, "Prøv å logge inn på nytt", name)

			c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
			resp, _ = webtest.Get(t, c, site.URL+"/integrasjoner?miljo=TEST")
			require.Equal(t, http.StatusSeeOther, resp.StatusCode, "%s: not logged in", name)
		}
		logged := log.String()
		require.Contains(t, logged, "a test login (amr TestID) is refused")
		for _, secret := range []string{demo.Kari.PID, demo.Kari.Email, demo.Ola.PID, demo.Ola.Email, "konsument.example"} {
			require.NotContains(t, logged, secret, "no person number or e-mail in the log")
		}
	})

	t.Run("AcceptedInATestDeployment", func(t *testing.T) {
		t.Parallel()
		site := webtest.StartWith(t, webtest.Options{Env: map[string]string{"TEST_DEPLOYMENT": "1"}})
		_, resp, body := site.Login(t, demo.Kari, "")
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		require.Equal(t, "/integrasjoner", resp.Request.URL.Path)
	})
}
