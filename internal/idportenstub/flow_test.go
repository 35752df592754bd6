package idportenstub_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/digdir/selvbetjening/internal/demo"
)

func TestDiscovery(t *testing.T) {
	t.Parallel()
	e := start(t)
	var d struct {
		Issuer           string   `json:"issuer"`
		EndSession       string   `json:"end_session_endpoint"`
		Userinfo         string   `json:"userinfo_endpoint"`
		JWKS             string   `json:"jwks_uri"`
		PKCE             []string `json:"code_challenge_methods_supported"`
		TokenAuthMethods []string `json:"token_endpoint_auth_methods_supported"`
		SigningAlgs      []string `json:"id_token_signing_alg_values_supported"`
		ResponseTypes    []string `json:"response_types_supported"`
		GrantTypes       []string `json:"grant_types_supported"`
		Claims           []string `json:"claims_supported"`
	}
	require.NoError(t, e.provider.Claims(&d))
	require.Equal(t, e.issuer, d.Issuer)
	require.Equal(t, e.issuer+"/endsession", d.EndSession)
	require.Equal(t, e.issuer+"/userinfo", d.Userinfo)
	require.Equal(t, []string{"S256"}, d.PKCE)
	require.Equal(t, []string{"client_secret_basic", "client_secret_post"}, d.TokenAuthMethods)
	require.Equal(t, []string{"code"}, d.ResponseTypes)
	require.Equal(t, []string{"authorization_code"}, d.GrantTypes)
	require.Subset(t, d.Claims, []string{"pid", "acr", "amr"})
	require.Equal(t, []string{"RS256"}, d.SigningAlgs)

	status, body, _ := e.get(t, d.JWKS)
	require.Equal(t, http.StatusOK, status)
	var jwks struct {
		Keys []struct{ Kty, Alg, Use, Kid, N string }
	}
	require.NoError(t, json.Unmarshal([]byte(body), &jwks))
	require.Len(t, jwks.Keys, 1)
	k := jwks.Keys[0]
	require.Equal(t, []string{"RSA", "RS256", "sig"}, []string{k.Kty, k.Alg, k.Use})
	require.NotEmpty(t, k.Kid)
	require.Len(t, k.N, 342, "modulus should be 2048 bits (256 bytes, base64url)")
}

func TestCodeFlowTestPerson(t *testing.T) {
	t.Parallel()
	e := start(t)
	for _, tc := range []struct {
		name  string
		style oauth2.AuthStyle
		acr   string
	}{
		{"client_secret_basic, substantial", oauth2.AuthStyleInHeader, "idporten-loa-substantial"},
		{"client_secret_post, high", oauth2.AuthStyleInParams, "idporten-loa-high"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := demo.Kari
			l := e.begin(t)
			resp := e.submit(t, l, url.Values{"testperson": {p.PID}, "acr": {tc.acr}})
			tok, claims := e.exchange(t, l, l.code(t, resp), tc.style)

			require.Equal(t, p.PID, claims["pid"])
			require.Equal(t, tc.acr, claims["acr"])
			require.Equal(t, []any{"TestID"}, claims["amr"])
			require.Equal(t, p.Email, claims["email"])
			require.Equal(t, true, claims["email_verified"])
			require.Equal(t, p.Name, claims["name"])
			require.Equal(t, "nb", claims["locale"])
			require.Equal(t, l.nonce, claims["nonce"])
			require.NotEmpty(t, claims["sub"])
			require.NotContains(t, claims["sub"], p.PID)

			info, err := e.provider.UserInfo(t.Context(), oauth2.StaticTokenSource(tok))
			require.NoError(t, err)
			require.Equal(t, claims["sub"], info.Subject)
			var extra map[string]any
			require.NoError(t, info.Claims(&extra))
			require.Equal(t, p.PID, extra["pid"])
			require.Equal(t, tc.acr, extra["acr"])
			require.Equal(t, p.Name, extra["name"])
		})
	}
}

func TestSubjectIsStable(t *testing.T) {
	t.Parallel()
	e := start(t)
	_, first := e.loginAs(t, url.Values{"testperson": {demo.Ola.PID}})
	_, second := e.loginAs(t, url.Values{"pid": {demo.Ola.PID}, "email": {"annen@example.com"}})
	_, other := e.loginAs(t, url.Values{"testperson": {demo.Petra.PID}})
	require.Equal(t, first["sub"], second["sub"], "same person number, same sub")
	require.NotEqual(t, first["sub"], other["sub"])
}

func TestCodeFlowEmailOnly(t *testing.T) {
	t.Parallel()
	e := start(t)
	_, claims := e.loginAs(t, url.Values{"pid": {""}, "email": {"ny.bruker@example.com"}, "acr": {"idporten-loa-high"}})
	require.NotContains(t, claims, "pid")
	require.NotContains(t, claims, "name")
	require.Equal(t, "ny.bruker@example.com", claims["email"])
	require.Equal(t, "idporten-loa-high", claims["acr"])
	require.NotEmpty(t, claims["sub"])

	_, again := e.loginAs(t, url.Values{"email": {"Ny.Bruker@Example.com"}})
	require.Equal(t, claims["sub"], again["sub"], "sub ignores e-mail case")
}

func TestWrongPKCEVerifierIsRefused(t *testing.T) {
	t.Parallel()
	e := start(t)
	l := e.begin(t)
	code := l.code(t, e.submit(t, l, url.Values{"testperson": {demo.Kari.PID}}))

	_, err := e.oauth.Exchange(t.Context(), code, oauth2.VerifierOption(oauth2.GenerateVerifier()))
	var re *oauth2.RetrieveError
	require.True(t, errors.As(err, &re), "want RetrieveError, got %v", err)
	require.Equal(t, "invalid_grant", re.ErrorCode)

	_, err = e.oauth.Exchange(t.Context(), code) // no verifier at all
	require.Error(t, err)
}

func TestCodeIsSingleUse(t *testing.T) {
	t.Parallel()
	e := start(t)
	l := e.begin(t)
	code := l.code(t, e.submit(t, l, url.Values{"testperson": {demo.Kari.PID}}))
	e.exchange(t, l, code, oauth2.AuthStyleInHeader)
	_, err := e.oauth.Exchange(t.Context(), code, oauth2.VerifierOption(l.verifier))
	require.Error(t, err)
}

func TestWrongClientSecretIsRefused(t *testing.T) {
	t.Parallel()
	e := start(t)
	l := e.begin(t)
	code := l.code(t, e.submit(t, l, url.Values{"testperson": {demo.Kari.PID}}))
	cfg := e.oauth
	cfg.ClientSecret = "feil"
	_, err := cfg.Exchange(t.Context(), code, oauth2.VerifierOption(l.verifier))
	require.Error(t, err)
}

func TestAuthorizeRefusals(t *testing.T) {
	t.Parallel()
	e := start(t)
	authURL := func(mod func(q url.Values)) string {
		u, err := url.Parse(e.oauth.AuthCodeURL("s", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
		require.NoError(t, err)
		q := u.Query()
		mod(q)
		u.RawQuery = q.Encode()
		return u.String()
	}

	t.Run("unknown redirect_uri is not redirected to", func(t *testing.T) {
		t.Parallel()
		resp, err := e.browser.Get(authURL(func(q url.Values) { q.Set("redirect_uri", "https://angriper.example/cb") }))
		require.NoError(t, err)
		defer resp.Body.Close()
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)
		require.Empty(t, resp.Header.Get("Location"))
	})
	t.Run("unknown client is not redirected", func(t *testing.T) {
		t.Parallel()
		resp, err := e.browser.Get(authURL(func(q url.Values) { q.Set("client_id", "ukjent") }))
		require.NoError(t, err)
		defer resp.Body.Close()
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)
		require.Empty(t, resp.Header.Get("Location"))
	})
	for name, tc := range map[string]struct {
		mod     func(q url.Values)
		errCode string
	}{
		"PKCE is required":   {func(q url.Values) { q.Del("code_challenge"); q.Del("code_challenge_method") }, "invalid_request"},
		"plain PKCE refused": {func(q url.Values) { q.Set("code_challenge_method", "plain") }, "invalid_request"},
		"prompt=none fails":  {func(q url.Values) { q.Set("prompt", "none") }, "login_required"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resp, err := e.browser.Get(authURL(tc.mod))
			require.NoError(t, err)
			defer resp.Body.Close()
			require.Equal(t, http.StatusFound, resp.StatusCode)
			loc, err := url.Parse(resp.Header.Get("Location"))
			require.NoError(t, err)
			q := loc.Query()
			require.Equal(t, redirectURI, loc.Scheme+"://"+loc.Host+loc.Path)
			require.Equal(t, tc.errCode, q.Get("error"))
			require.Equal(t, "s", q.Get("state"))
		})
	}
}

func TestPromptLoginShowsLoginPage(t *testing.T) {
	t.Parallel()
	e := start(t)
	l := e.begin(t, oauth2.SetAuthURLParam("prompt", "login"))
	require.Contains(t, l.page, "Velg testperson")
}

func TestACRValuesPreselectsHigh(t *testing.T) {
	t.Parallel()
	e := start(t)
	l := e.begin(t, oauth2.SetAuthURLParam("acr_values", "idporten-loa-high"))
	require.Regexp(t, `value="idporten-loa-high" checked`, l.page)
	_, claims := e.exchange(t, l, l.code(t, e.submit(t, l, url.Values{"testperson": {demo.Sven.PID}})), oauth2.AuthStyleInHeader)
	require.Equal(t, "idporten-loa-high", claims["acr"])
}

// The ID token is for our client only.
func TestIDTokenAudience(t *testing.T) {
	t.Parallel()
	e := start(t)
	l := e.begin(t)
	tok, _ := e.exchange(t, l, l.code(t, e.submit(t, l, url.Values{"testperson": {demo.Dina.PID}})), oauth2.AuthStyleInHeader)
	_, err := e.provider.Verifier(&oidc.Config{ClientID: "en-annen-klient"}).Verify(t.Context(), tok.Extra("id_token").(string))
	require.Error(t, err)
}
