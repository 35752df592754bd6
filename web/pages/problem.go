package pages

import (
	"context"

	"github.com/digdir/selvbetjening/web/text"
)

// Problem names what went wrong, for the error page to put into words.
// Handlers choose the problem and the status; the page chooses the words.
type Problem int

const (
	ProblemServerError         Problem = iota // a fault of ours
	ProblemUnavailable                        // the database cannot serve right now
	ProblemNotFound                           // no such page, or not the visitor's
	ProblemBadRequest                         // a request no page of ours makes
	ProblemUnknownEnvironment                 // ?miljo= is neither TEST nor PROD
	ProblemBadCursor                          // ?etter= is no cursor of ours
	ProblemFormTooLarge                       // larger than any real form
	ProblemCSRF                               // a form without the session's token, or from another site
	ProblemOrgChanged                         // Subject: the organisation acted for now
	ProblemIntegrationInactive                // Subject: the deactivated integration's name
	ProblemLoginState                         // the login expired or did not start here
	ProblemLoginRefused                       // the provider refused the login
	ProblemLoginToken                         // the provider's answer could not be verified
	ProblemLoginEmail                         // the login had no usable e-mail address
	ProblemLoginTestID                        // a TestID login where they are refused
	ProblemProviderDown                       // the provider cannot be reached
	ProblemForbidden                          // Subject: the access policy's reason, in words
)

// ErrorView is what the error page shows: a problem, and for some problems
// what it is about.
type ErrorView struct {
	Problem Problem
	Subject string
}

// words are the page's title and sentence, and whether its way on is a new
// login (else the front page).
func (v ErrorView) words(t *text.Catalogue) (title, body string, loginLink bool) {
	c := t.Common
	switch v.Problem {
	case ProblemUnavailable:
		return c.UnavailableTitle, c.UnavailableBody, false
	case ProblemNotFound:
		return c.NotFoundTitle, c.NotFoundBody, false
	case ProblemBadRequest:
		return c.ErrorTitle, c.BadRequestBody, false
	case ProblemUnknownEnvironment:
		return c.ErrorTitle, c.UnknownEnvironment, false
	case ProblemBadCursor:
		return c.ErrorTitle, c.BadCursor, false
	case ProblemFormTooLarge:
		return c.ErrorTitle, c.FormTooLarge, false
	case ProblemCSRF:
		return c.ForbiddenTitle, c.CSRFBody, false
	case ProblemOrgChanged:
		return c.ErrorTitle, c.OrgChanged(v.Subject), false
	case ProblemIntegrationInactive:
		return v.Subject, t.Integrations.InactiveMessage, false
	case ProblemLoginState:
		return c.LoginFailedTitle, c.LoginStateBody, true
	case ProblemLoginRefused:
		return c.LoginFailedTitle, c.LoginRefusedBody, true
	case ProblemLoginToken:
		return c.LoginFailedTitle, c.LoginTokenBody, true
	case ProblemLoginEmail:
		return c.LoginFailedTitle, c.LoginEmailBody, false
	case ProblemLoginTestID:
		return c.LoginFailedTitle, c.LoginTestIDBody, true
	case ProblemForbidden:
		return c.ForbiddenTitle, v.Subject, false
	case ProblemProviderDown:
		return c.LoginFailedTitle, c.ProviderDownBody, true
	}
	return c.ErrorTitle, c.ServerErrorBody, false
}

// Sentence is the page's sentence alone, for a plain-text answer should
// even the error page fail to render.
func (v ErrorView) Sentence(ctx context.Context) string {
	_, body, _ := v.words(text.From(ctx))
	return body
}
