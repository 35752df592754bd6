package idportenstub

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/a-h/templ"
	"github.com/zitadel/oidc/v3/pkg/op"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/personid"
)

// login serves the login page the authorization endpoint redirects to. The
// auth request id in the form is the CSRF token: it is unguessable, bound
// to one authorization request and usable once.
type login struct {
	issuer   string
	storage  *storage
	persons  []demo.Person
	logger   *slog.Logger
	public   bool // reachable beyond loopback: warn on every page and login
	callback func(ctx context.Context, authRequestID string) string
}

// loginPage is the login page's view model.
type loginPage struct {
	Public        bool // show the warning that anyone can log in as anyone
	AuthRequestID string
	ClientID      string
	Persons       []demo.Person
	ACR           string
	PID, Email    string // as typed, so a re-rendered form keeps them
	PIDError      string
	EmailError    string
}

func (p loginPage) hasErrors() bool { return p.PIDError != "" || p.EmailError != "" }

func (p loginPage) title() string {
	if p.hasErrors() {
		return txtErrorPrefix + pageTitle
	}
	return pageTitle
}

func (l *login) handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead:
			l.show(w, r)
		case http.MethodPost:
			l.submit(w, r)
		default:
			w.Header().Set("Allow", "GET, HEAD, POST")
			http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		}
	})
}

func (l *login) show(w http.ResponseWriter, r *http.Request) {
	a, err := l.storage.authRequest(r.URL.Query().Get("authRequestID"))
	switch {
	case err != nil:
		l.fail(w, r, msgExpired)
	case a.done:
		l.fail(w, r, msgDone)
	default:
		render(w, r, http.StatusOK, loginView(l.page(a, a.defaultACR())))
	}
}

func (l *login) submit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		l.fail(w, r, msgBadForm)
		return
	}
	form := r.PostForm
	a, err := l.storage.authRequest(form.Get("authRequestID"))
	if err != nil {
		l.fail(w, r, msgExpired)
		return
	}
	acr := form.Get("acr")
	if acr == "" {
		acr = a.defaultACR()
	}
	if acr != acrSubstantial && acr != acrHigh {
		l.fail(w, r, msgBadACR)
		return
	}

	var who identity
	if pid := form.Get("testperson"); pid != "" {
		p, ok := l.person(pid)
		if !ok {
			l.fail(w, r, msgBadPerson)
			return
		}
		who = identity{PID: p.PID, Email: p.Email, Name: p.Name}
	} else {
		page := l.page(a, acr)
		page.PID, page.Email = form.Get("pid"), form.Get("email")
		var ok bool
		if who, ok = page.validate(); !ok {
			render(w, r, http.StatusBadRequest, loginView(page))
			return
		}
	}
	who.ACR = acr

	if err := l.storage.completeLogin(a.id, who); err != nil {
		msg := msgExpired
		if errors.Is(err, errAlreadyDone) {
			msg = msgDone
		}
		l.fail(w, r, msg)
		return
	}
	// Person numbers stay out of the log, even synthetic ones.
	attrs := []any{"client_id", a.clientID, "sub", who.subject(), "acr", who.ACR, "has_pid", who.PID != ""}
	if l.public {
		l.logger.WarnContext(r.Context(), "test login on a stand-in reachable beyond loopback", append(attrs,
			"warning", PublicWarning)...)
	} else {
		l.logger.InfoContext(r.Context(), "test login", attrs...)
	}
	http.Redirect(w, r, l.callback(op.ContextWithIssuer(r.Context(), l.issuer), a.id), http.StatusSeeOther)
}

func (l *login) page(a *authRequest, acr string) loginPage {
	return loginPage{Public: l.public, AuthRequestID: a.id, ClientID: a.clientID, Persons: l.persons, ACR: acr}
}

func (l *login) person(pid string) (demo.Person, bool) {
	for _, p := range l.persons {
		if p.PID == pid {
			return p, true
		}
	}
	return demo.Person{}, false
}

// validate checks the "Annen person" fields and sets the error messages.
func (p *loginPage) validate() (identity, bool) {
	// People often type the number as "DDMMÅÅ NNNNN".
	pid := strings.ReplaceAll(strings.TrimSpace(p.PID), " ", "")
	email := strings.TrimSpace(p.Email)
	if pid != "" {
		if err := personid.Validate(pid); err != nil {
			p.PIDError = pidMessage(err)
		}
	}
	switch {
	case email == "":
		p.EmailError = msgNoEmail
	case !validEmail(email):
		p.EmailError = msgBadEmail
	}
	return identity{PID: pid, Email: email}, !p.hasErrors()
}

func pidMessage(err error) string {
	switch {
	case errors.Is(err, personid.ErrLength):
		return msgPIDLength
	case errors.Is(err, personid.ErrDigits):
		return msgPIDDigits
	case errors.Is(err, personid.ErrDate):
		return msgPIDDate
	case errors.Is(err, personid.ErrCheckDigit):
		return msgPIDCheckDigit
	}
	return msgPIDInvalid
}

// describedBy links a field to its hint and, when there is one, its error.
func describedBy(field, errMsg string) string {
	if errMsg == "" {
		return field + "-hint"
	}
	return field + "-hint " + field + "-error"
}

func (l *login) fail(w http.ResponseWriter, r *http.Request, msg string) {
	render(w, r, http.StatusBadRequest,
		messageView(txtErrorPrefix+pageTitle, txtFailedHeading, msg, l.public))
}

func (l *login) loggedOut(w http.ResponseWriter, r *http.Request) {
	render(w, r, http.StatusOK,
		messageView(txtLoggedOutTitle+pageTitle, txtLoggedOutHeading, txtLoggedOutBody, l.public))
}

// render buffers the page so a template error can still become a 500.
func render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	var buf bytes.Buffer
	if err := c.Render(r.Context(), &buf); err != nil {
		slog.ErrorContext(r.Context(), "render page", "error", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	// No form-action: browsers apply it to the redirect back to the client.
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
