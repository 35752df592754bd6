package web

import (
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"strconv"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/forwarded"
	"github.com/digdir/selvbetjening/internal/token"
	"github.com/digdir/selvbetjening/web/pages"
)

// tokenIssue is an environment's token endpoint: the JWT grant in, an
// access token or an RFC 6749 error out. It is served outside the session,
// CSRF and page middleware: the signed grant is the client's credential.
func (s *Server) tokenIssue(env environment.Env) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		e := s.tokens.Endpoint(env)
		req := token.Request{Address: forwarded.ClientAddr(r, s.trustedProxies), Refusal: readTokenForm(w, r)}
		req.Form = r.PostForm
		resp, refusal, err := e.Token(r.Context(), req)
		h := w.Header()
		h.Set("Content-Type", "application/json")
		h.Set("Cache-Control", "no-store")
		h.Set("Pragma", "no-cache")
		switch {
		case err != nil:
			s.log.ErrorContext(r.Context(), "token request not answered", "request_id", requestIDFrom(r.Context()),
				"env", string(env), "error", err)
			h.Set("Retry-After", "1")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write(pages.TokenUnavailable(r.Context()))
		case refusal != nil:
			status := http.StatusBadRequest
			switch refusal.Code {
			case token.CodeRateLimited:
				status = http.StatusTooManyRequests
				h.Set("Retry-After", strconv.Itoa(refusal.RetryAfter))
			case token.CodeMethod:
				status = http.StatusMethodNotAllowed
				h.Set("Allow", http.MethodPost)
			}
			w.WriteHeader(status)
			_, _ = w.Write(pages.TokenRefusal(r.Context(), refusal))
		default:
			body, _ := json.Marshal(resp)
			h.Set("Content-Length", strconv.Itoa(len(body)))
			_, _ = w.Write(body)
		}
	}
}

// readTokenForm reads the posted form, at most token.MaxBodyBytes of it.
func readTokenForm(w http.ResponseWriter, r *http.Request) *token.Refusal {
	if r.Method != http.MethodPost {
		return token.Refuse(token.CodeMethod)
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/x-www-form-urlencoded" {
		return token.Refuse(token.CodeMalformedBody)
	}
	r.Body = http.MaxBytesReader(w, r.Body, token.MaxBodyBytes)
	if err := r.ParseForm(); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return token.Refuse(token.CodeBodyTooLarge)
		}
		return token.Refuse(token.CodeMalformedBody)
	}
	return nil
}

// tokenJWKS is the environment's public signing keys.
func (s *Server) tokenJWKS(env environment.Env) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body := s.tokens.Endpoint(env).JWKS()
		h := w.Header()
		h.Set("Content-Type", "application/json")
		// Resource servers cache the keys for token.JWKSMaxAge: a rotated
		// key is published that long (and a refresh) before it signs, and
		// an old one stays until its tokens are gone.
		h.Set("Cache-Control", "public, max-age="+strconv.Itoa(int(token.JWKSMaxAge.Seconds())))
		_, _ = w.Write(body)
	}
}

// tokenMetadata is the environment's RFC 8414 authorization server metadata.
func (s *Server) tokenMetadata(env environment.Env) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := json.Marshal(s.tokens.Endpoint(env).Metadata())
		h := w.Header()
		h.Set("Content-Type", "application/json")
		h.Set("Cache-Control", "public, max-age=3600")
		_, _ = w.Write(body)
	}
}
