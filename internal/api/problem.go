package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

// Problem is an error answer, an RFC 9457 problem document
// (application/problem+json): the status and its title, a detail in
// Norwegian for the person reading a script's log, a stable code for the
// script, and one entry per invalid field.
type Problem struct {
	Type   string         `json:"type,omitempty" doc:"A URI naming the kind of problem; about:blank when the status says it all."`
	Title  string         `json:"title" doc:"The HTTP status's name."`
	Status int            `json:"status" doc:"The HTTP status code."`
	Detail string         `json:"detail,omitempty" doc:"What went wrong, in Norwegian."`
	Code   string         `json:"code,omitempty" doc:"A stable code for what went wrong, for scripts."`
	Errors []FieldProblem `json:"errors,omitempty" doc:"One entry per invalid field."`

	headers http.Header
}

// FieldProblem is what is wrong with one field of the request.
type FieldProblem struct {
	Field  string `json:"field" doc:"The field, by its name in the request body (scopes, client_name, keys[1]), or a parameter."`
	Code   string `json:"code" doc:"A stable code for what is wrong."`
	Detail string `json:"detail" doc:"What is wrong, in Norwegian."`
}

// Codes of problems without a field.
const (
	CodeTokenMissing          = "token_missing"
	CodeTokenInvalid          = "invalid_token"
	CodeInsufficientScope     = "insufficient_scope"
	CodeNotFound              = "not_found"
	CodeInactive              = "inactive"
	CodeStale                 = "stale"
	CodeInvalid               = "invalid_request"
	CodeIdempotencyMismatch   = "idempotency_key_reused"
	CodeIdempotencyInProgress = "idempotency_key_in_progress"
	CodeBodyTooLarge          = "body_too_large"
	CodeRateLimited           = "rate_limited"
	CodeServerError           = "server_error"
	CodeUnavailable           = "unavailable"
	CodeForbidden             = "forbidden"
)

func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(p.Status) + " " + p.Code)
	for _, e := range p.Errors {
		b.WriteString("; " + e.Field + ": " + e.Code)
	}
	return b.String()
}

// GetStatus and ContentType make huma answer with the problem's status as
// application/problem+json.
func (p *Problem) GetStatus() int { return p.Status }

func (p *Problem) ContentType(string) string { return "application/problem+json" }

// GetHeaders are sent with the problem (WWW-Authenticate, Retry-After).
func (p *Problem) GetHeaders() http.Header { return p.headers }

func problem(status int, code, detail string, fields ...FieldProblem) *Problem {
	return &Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Code: code, Detail: detail, Errors: fields}
}

func (p *Problem) withHeader(name, value string) *Problem {
	if p.headers == nil {
		p.headers = http.Header{}
	}
	p.headers.Set(name, value)
	return p
}

// huma makes its own errors (a body that is not JSON, a field of the wrong
// type or out of range, an unknown field) through NewError; they become
// problems of the same shape, one entry per field huma named.
func init() {
	huma.NewError = newHumaError
	huma.NewErrorWithContext = func(_ huma.Context, status int, msg string, errs ...error) huma.StatusError {
		return newHumaError(status, msg, errs...)
	}
}

func newHumaError(status int, msg string, errs ...error) huma.StatusError {
	t := catalogue()
	p := problem(status, codeForStatus(status), detailForStatus(status))
	if status == http.StatusUnprocessableEntity || status == http.StatusBadRequest {
		p.Detail = t.Invalid
	}
	for _, err := range errs {
		var d huma.ErrorDetailer
		if errors.As(err, &d) {
			e := d.ErrorDetail()
			p.Errors = append(p.Errors, FieldProblem{Field: fieldOf(e.Location, e.Message), Code: CodeInvalid, Detail: e.Message})
			continue
		}
		if err != nil && status < 500 { // our own faults' words stay in our log
			p.Errors = append(p.Errors, FieldProblem{Field: "body", Code: CodeInvalid, Detail: err.Error()})
		}
	}
	if status == http.StatusRequestEntityTooLarge || strings.Contains(msg, "too large") {
		return tooLarge()
	}
	return p
}

// fieldOf turns huma's location ("body.client_name", "query.after") into
// the field's name as the request spells it. A missing member is reported
// at its object, with the member's name in the message.
func fieldOf(location, message string) string {
	if rest, ok := strings.CutPrefix(message, "expected required property "); ok {
		if name, ok := strings.CutSuffix(rest, " to be present"); ok {
			if parent := fieldOf(location, ""); parent != "body" {
				return parent + "." + name
			}
			return name
		}
	}
	for _, prefix := range []string{"body.", "query.", "path.", "header."} {
		if rest, ok := strings.CutPrefix(location, prefix); ok {
			return rest
		}
	}
	if location == "" {
		return "body"
	}
	return location
}

func codeForStatus(status int) string {
	switch status {
	case http.StatusNotFound:
		return CodeNotFound
	case http.StatusRequestEntityTooLarge:
		return CodeBodyTooLarge
	case http.StatusServiceUnavailable:
		return CodeUnavailable
	case http.StatusForbidden:
		return CodeForbidden
	}
	if status >= 500 {
		return CodeServerError
	}
	return CodeInvalid
}

func detailForStatus(status int) string {
	t := catalogue()
	switch status {
	case http.StatusNotFound:
		return t.NotFound
	case http.StatusServiceUnavailable:
		return t.Unavailable
	}
	if status >= 500 {
		return t.ServerError
	}
	return t.Invalid
}

func tooLarge() *Problem {
	return problem(http.StatusRequestEntityTooLarge, CodeBodyTooLarge, catalogue().BodyTooLarge)
}

// sortFields orders a problem's entries by field, so answers are stable.
func sortFields(fields []FieldProblem) []FieldProblem {
	slices.SortFunc(fields, func(a, b FieldProblem) int { return strings.Compare(a.Field, b.Field) })
	return fields
}

// writeProblem answers outside huma (the body limit in front of it).
func writeProblem(w http.ResponseWriter, _ *http.Request, p *Problem) {
	for k, v := range p.headers {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}
