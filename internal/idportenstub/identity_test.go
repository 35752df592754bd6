package idportenstub

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestValidEmail(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"kari@konsument.example": true,
		"a.b+c@sub.example.no":   true,
		"":                       false,
		"kari":                   false,
		"@example.com":           false,
		"kari@":                  false,
		"kari@localhost":         false,
		"kari@.example":          false,
		"kari@example.":          false,
		"ka ri@example.com":      false,
		"a@b@example.com":        false,
	} {
		require.Equal(t, want, validEmail(s), s)
	}
}

func TestSubject(t *testing.T) {
	t.Parallel()
	withPID := identity{PID: "15838510075", Email: "a@example.com"}
	require.Equal(t, withPID.subject(), identity{PID: "15838510075", Email: "b@example.com"}.subject())
	require.Len(t, withPID.subject(), 43) // base64url of a SHA-256, no padding
	require.NotEqual(t, withPID.subject(), identity{Email: "a@example.com"}.subject())
	require.Equal(t, identity{Email: "A@Example.com"}.subject(), identity{Email: "a@example.com"}.subject())
}
