package auth_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/auth"
)

func TestSafeNext(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"":                               "/",
		"/":                              "/",
		"/integrasjoner?miljo=PROD":      "/integrasjoner?miljo=PROD",
		"/integrasjoner/ny?miljo=TEST#x": "/integrasjoner/ny?miljo=TEST#x",
		"https://evil.example/":          "/",
		"//evil.example/":                "/",
		"/\\evil.example":                "/",
		"\\\\evil.example":               "/",
		"javascript:alert(1)":            "/",
		"evil.example":                   "/",
		"/ok\r\nLocation: https://evil":  "/",
		"/%2F%2Fevil.example":            "/%2F%2Fevil.example",
		"/\tevil":                        "/",
		"http:/evil.example":             "/",
		"/" + strings.Repeat("a", 3000):  "/",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, want, auth.SafeNext(in))
		})
	}
}

// FuzzSafeNext: whatever comes in, what goes out is a path on this site.
func FuzzSafeNext(f *testing.F) {
	for _, s := range []string{"/", "//x", "/\\x", "https://x", "/a?b=c", "/%2f%2fx", "/@x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := auth.SafeNext(s)
		require.True(t, strings.HasPrefix(out, "/"))
		require.False(t, strings.HasPrefix(out, "//") || strings.HasPrefix(out, "/\\"))
		base, _ := url.Parse("https://portal.example/a/b")
		ref, err := url.Parse(out)
		require.NoError(t, err)
		require.Equal(t, "portal.example", base.ResolveReference(ref).Host)
	})
}
