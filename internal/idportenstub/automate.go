package idportenstub

import (
	"fmt"
	"net/http"
	"net/url"
)

// SubmitLogin fills in the login page the way a click would, for programs
// that drive the stand-in without a browser (tests, load runs). loginPage is
// the page's URL, where the authorization request led; form holds the
// fields, e.g. testperson=<pid>, or pid and email with handling=annen.
func SubmitLogin(c *http.Client, loginPage *url.URL, form url.Values) (*http.Response, error) {
	id := loginPage.Query().Get("authRequestID")
	if loginPage.Path != loginPath || id == "" {
		return nil, fmt.Errorf("%s is not the stand-in's login page", loginPage.Redacted())
	}
	form.Set("authRequestID", id)
	if form.Get("acr") == "" {
		form.Set("acr", "idporten-loa-substantial")
	}
	target := url.URL{Scheme: loginPage.Scheme, Host: loginPage.Host, Path: loginPath}
	resp, err := c.PostForm(target.String(), form)
	if err != nil {
		return nil, fmt.Errorf("submit the login page: %w", err)
	}
	return resp, nil
}
