package integration

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/digdir/selvbetjening/internal/freetext"
)

// Field error codes; the text catalogue turns each into a Norwegian sentence.
const (
	CodeServiceMissing   = "service_missing"
	CodeNameMissing      = "name_missing"
	CodeNameTooLong      = "name_too_long"
	CodeNameMarkup       = "name_markup"
	CodeDescTooLong      = "description_too_long"
	CodeLifetimeInvalid  = "lifetime_invalid"
	CodeLifetimeTooLong  = "lifetime_too_long"
	CodeScopeNotShared   = "scope_not_shared"
	CodeTooManyScopes    = "too_many_scopes"
	CodeControlCharacter = "control_character"
	CodeFormatCharacter  = "format_character"
)

// FieldErrors maps a form field to the code of what is wrong with it.
type FieldErrors map[string]FieldError

// FieldError is one problem with one field; Args fill the message.
type FieldError struct {
	Code string
	Args []any
}

func (f FieldErrors) Error() string {
	keys := make([]string, 0, len(f))
	for k, v := range f {
		keys = append(keys, k+": "+v.Code)
	}
	slices.Sort(keys)
	return "invalid integration: " + strings.Join(keys, ", ")
}

// Draft is what the create and edit forms submit, as typed.
type Draft struct {
	Service       string
	Name          string
	Description   string
	Scopes        []string
	TokenLifetime string
}

// Normalize trims the text fields and removes duplicate scopes, keeping order.
func (d Draft) Normalize() Draft {
	d.Name = strings.TrimSpace(d.Name)
	d.Description = strings.TrimSpace(d.Description)
	d.TokenLifetime = strings.TrimSpace(d.TokenLifetime)
	seen := make(map[string]bool, len(d.Scopes))
	scopes := d.Scopes[:0:0]
	for _, s := range d.Scopes {
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] {
			seen[s] = true
			scopes = append(scopes, s)
		}
	}
	d.Scopes = scopes
	return d
}

// Validate checks what can be checked without the database and returns the
// token lifetime in seconds. The rest (scopes shared, lifetime within the
// scopes' maximum) is checked against Postgres when saving.
func (d Draft) Validate() (int, FieldErrors) {
	errs := FieldErrors{}
	if d.Service != ServiceMaskinporten {
		errs["service"] = FieldError{Code: CodeServiceMissing}
	}
	switch n := utf8.RuneCountInString(d.Name); {
	case n == 0:
		errs["name"] = FieldError{Code: CodeNameMissing}
	case n > MaxNameLength || !utf8.ValidString(d.Name):
		errs["name"] = FieldError{Code: CodeNameTooLong, Args: []any{MaxNameLength}}
	case strings.ContainsAny(d.Name, "<>"):
		// A name is shown in many places and sent to Maskinporten; markup there is a mistake or an attack.
		errs["name"] = FieldError{Code: CodeNameMarkup}
	default:
		if e, bad := textError(d.Name, freetext.OneLine); bad {
			errs["name"] = e
		}
	}
	if utf8.RuneCountInString(d.Description) > MaxDescriptionLength || !utf8.ValidString(d.Description) {
		errs["description"] = FieldError{Code: CodeDescTooLong, Args: []any{MaxDescriptionLength}}
	} else if e, bad := textError(d.Description, freetext.MultiLine); bad {
		errs["description"] = e
	}
	if len(d.Scopes) > MaxScopes {
		errs["scopes"] = FieldError{Code: CodeTooManyScopes, Args: []any{MaxScopes}}
	}
	lifetime, err := strconv.Atoi(d.TokenLifetime)
	if d.TokenLifetime == "" {
		lifetime, err = DefaultTokenLifetime, nil
	}
	if err != nil || lifetime < 1 || lifetime > MaxTokenLifetime {
		errs["token_lifetime"] = FieldError{Code: CodeLifetimeInvalid}
	}
	if len(errs) > 0 {
		return 0, errs
	}
	return lifetime, nil
}

// textError says what in a free-text field a person reading it could not
// see for what it is: a control character, or an invisible format character
// (named by its code point, so the message says which).
func textError(s string, layout freetext.Layout) (FieldError, bool) {
	var ce *freetext.CharacterError
	if !errors.As(freetext.Check(s, layout), &ce) {
		return FieldError{}, false
	}
	if errors.Is(ce, freetext.ErrFormat) {
		return FieldError{Code: CodeFormatCharacter, Args: []any{ce.CodePoint()}}, true
	}
	return FieldError{Code: CodeControlCharacter}, true
}
