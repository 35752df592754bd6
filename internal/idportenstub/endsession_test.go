package idportenstub_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/digdir/selvbetjening/internal/demo"
)

func (e *env) endSessionURL(t *testing.T, q url.Values) string {
	t.Helper()
	var d struct {
		EndSession string `json:"end_session_endpoint"`
	}
	require.NoError(t, e.provider.Claims(&d))
	return d.EndSession + "?" + q.Encode()
}

func TestEndSession(t *testing.T) {
	t.Parallel()
	e := start(t)

	t.Run("registered post_logout_redirect_uri with id_token_hint", func(t *testing.T) {
		t.Parallel()
		tok, _ := e.loginAs(t, url.Values{"testperson": {demo.Kari.PID}})
		resp, err := e.browser.Get(e.endSessionURL(t, url.Values{
			"id_token_hint":            {tok.Extra("id_token").(string)},
			"post_logout_redirect_uri": {postLogoutURI},
			"state":                    {"ut-123"},
		}))
		require.NoError(t, err)
		defer resp.Body.Close()
		require.Equal(t, http.StatusFound, resp.StatusCode)
		require.Equal(t, postLogoutURI+"?state=ut-123", resp.Header.Get("Location"))

		// The session's access token no longer works.
		_, err = e.provider.UserInfo(t.Context(), oauth2.StaticTokenSource(tok))
		require.Error(t, err)
	})
	t.Run("unregistered post_logout_redirect_uri is refused", func(t *testing.T) {
		t.Parallel()
		tok, _ := e.loginAs(t, url.Values{"testperson": {demo.Kari.PID}})
		for _, q := range []url.Values{
			{"id_token_hint": {tok.Extra("id_token").(string)}, "post_logout_redirect_uri": {"https://angriper.example/"}},
			{"client_id": {clientID}, "post_logout_redirect_uri": {"http://127.0.0.1:9/annet"}},
		} {
			resp, err := e.browser.Get(e.endSessionURL(t, q))
			require.NoError(t, err)
			_ = resp.Body.Close()
			require.Equal(t, http.StatusBadRequest, resp.StatusCode)
			require.Empty(t, resp.Header.Get("Location"))
		}
	})
	t.Run("without client the provider's own page is shown", func(t *testing.T) {
		t.Parallel()
		status, body, final := e.get(t, e.endSessionURL(t, url.Values{"post_logout_redirect_uri": {postLogoutURI}}))
		require.Equal(t, http.StatusOK, status)
		require.Equal(t, e.issuer+"/logget-ut", final.Scheme+"://"+final.Host+final.Path)
		require.Contains(t, body, "Du er logget ut")
	})
	t.Run("forged id_token_hint is refused", func(t *testing.T) {
		t.Parallel()
		resp, err := e.browser.Get(e.endSessionURL(t, url.Values{
			"id_token_hint":            {"eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."},
			"post_logout_redirect_uri": {postLogoutURI},
		}))
		require.NoError(t, err)
		defer resp.Body.Close()
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)
		require.Empty(t, resp.Header.Get("Location"))
	})
}
