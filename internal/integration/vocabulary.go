package integration

import "github.com/digdir/selvbetjening/internal/keys"

// What follows lists every code this package hands out that a person
// reads, so the text catalogue's test can require words for each.

// FieldCodes lists every field error code (the Code… constants).
func FieldCodes() []string {
	return []string{CodeServiceMissing, CodeNameMissing, CodeNameTooLong, CodeNameMarkup, CodeDescTooLong,
		CodeLifetimeInvalid, CodeLifetimeTooLong, CodeScopeNotShared, CodeTooManyScopes,
		CodeControlCharacter, CodeFormatCharacter}
}

// KeyRefusals lists every reason AddKey refuses a pasted key with: those
// of keys.Parse, and the two of the integration's own.
func KeyRefusals() []error {
	return append(keys.Refusals(), ErrDuplicateKey, ErrTooManyKeys)
}
