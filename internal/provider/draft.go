package provider

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/digdir/selvbetjening/internal/freetext"
)

// Draft is what the "Nytt scope" and "Endre" forms submit, as typed. On
// "Endre" the prefix and subscope are fixed and not read.
type Draft struct {
	Prefix           string
	Subscope         string
	Description      string
	LongDescription  string
	Visibility       string
	MaxTokenLifetime string
	IntegrationTypes []string
	AccessibleForAll bool
}

// Normalize trims the text fields.
func (d Draft) Normalize() Draft {
	d.Prefix = strings.TrimSpace(d.Prefix)
	d.Subscope = strings.TrimSpace(d.Subscope)
	d.Description = strings.TrimSpace(d.Description)
	d.LongDescription = strings.TrimSpace(d.LongDescription)
	d.MaxTokenLifetime = strings.TrimSpace(d.MaxTokenLifetime)
	return d
}

// validate checks what can be checked without the database (the name only
// when naming is true) and returns the scope the draft describes.
func (d Draft) validate(naming bool) (Scope, FieldErrors) {
	errs := FieldErrors{}
	s := Scope{Prefix: d.Prefix, Description: d.Description, LongDescription: d.LongDescription,
		Visibility: d.Visibility, AccessibleForAll: d.AccessibleForAll, Active: true}
	if naming {
		if !ValidPrefix(d.Prefix) {
			errs[FieldPrefix] = FieldError{Code: CodePrefixMissing}
		}
		var ne *NameError
		if errors.As(CheckSubscope(d.Subscope), &ne) {
			errs[FieldSubscope] = subscopeError(ne)
		}
		s.Name = Name(d.Prefix, d.Subscope)
	}
	switch n := utf8.RuneCountInString(d.Description); {
	case n == 0:
		errs[FieldDescription] = FieldError{Code: CodeDescriptionMissing}
	case n > MaxDescriptionLength || !utf8.ValidString(d.Description):
		errs[FieldDescription] = FieldError{Code: CodeDescriptionTooLong, Args: []any{MaxDescriptionLength}}
	default:
		if e, bad := textError(d.Description, freetext.OneLine); bad {
			errs[FieldDescription] = e
		}
	}
	if utf8.RuneCountInString(d.LongDescription) > MaxLongDescriptionLength || !utf8.ValidString(d.LongDescription) {
		errs[FieldLongDescription] = FieldError{Code: CodeLongDescriptionTooLong, Args: []any{MaxLongDescriptionLength}}
	} else if e, bad := textError(d.LongDescription, freetext.MultiLine); bad {
		errs[FieldLongDescription] = e
	}
	if d.Visibility != VisibilityPublic && d.Visibility != VisibilityPrivate {
		errs[FieldVisibility] = FieldError{Code: CodeVisibilityInvalid}
	}
	lifetime, err := strconv.Atoi(d.MaxTokenLifetime)
	if err != nil || lifetime < 1 || lifetime > MaxTokenLifetime {
		errs[FieldTokenLifetime] = FieldError{Code: CodeLifetimeInvalid, Args: []any{MaxTokenLifetime}}
	}
	s.MaxTokenLifetime = lifetime
	types := slices.Clone(d.IntegrationTypes)
	slices.Sort(types)
	types = slices.Compact(types)
	if len(types) == 0 || slices.ContainsFunc(types, func(t string) bool { return !slices.Contains(IntegrationTypes(), t) }) {
		errs[FieldIntegrationTypes] = FieldError{Code: CodeIntegrationTypes}
	}
	s.IntegrationTypes = types
	if len(errs) > 0 {
		return Scope{}, errs
	}
	return s, nil
}

func subscopeError(ne *NameError) FieldError {
	switch ne.Code {
	case CodeSubscopeTooLong:
		return FieldError{Code: ne.Code, Args: []any{MaxSubscopeLength}}
	case CodeSubscopeCharacter:
		return FieldError{Code: ne.Code, Args: []any{string(ne.Char)}}
	}
	return FieldError{Code: ne.Code}
}

// checkReason is the rule for the free text of a request and of a denial.
func checkReason(reason string, required bool) (string, *FieldError) {
	reason = strings.TrimSpace(reason)
	switch n := utf8.RuneCountInString(reason); {
	case n == 0 && required:
		return "", &FieldError{Code: CodeReasonMissing}
	case n > MaxReasonLength || !utf8.ValidString(reason):
		return "", &FieldError{Code: CodeReasonTooLong, Args: []any{MaxReasonLength}}
	}
	if e, bad := textError(reason, freetext.MultiLine); bad {
		return "", &e
	}
	return reason, nil
}

// CheckReason is checkReason for the consumer's side (internal/scope).
func CheckReason(reason string, required bool) (string, FieldErrors) {
	r, e := checkReason(reason, required)
	if e != nil {
		return "", FieldErrors{FieldReason: *e}
	}
	return r, nil
}

// textError says what in a free-text field a reader could not see for what it is.
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
