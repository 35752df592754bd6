package keys

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var sentinels = []error{
	ErrTooLarge, ErrMalformed, ErrPrivateKey, ErrMultipleKeys,
	ErrExpired, ErrNotYetValid, ErrWeakKey, ErrUnsupported,
}

func TestParse(t *testing.T) {
	t.Parallel()
	for _, c := range cases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			k, err := Parse(c.input, now)
			if c.err != nil {
				require.ErrorIs(t, err, c.err)
				require.Zero(t, k)
				requireNoLeak(t, c.input, err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, c.kty, k.KeyType)
			require.Equal(t, c.alg, k.Algorithm)
			require.Equal(t, c.bits, k.Bits)
			require.Equal(t, c.fp, k.Fingerprint)
			wantKID := c.kid
			if wantKID == "" {
				wantKID = c.fp
			}
			require.Equal(t, wantKID, k.KID)
			require.Equal(t, c.expires, k.ExpiresAt)
			requireStoredJWK(t, k)
		})
	}
}

// requireStoredJWK checks the stored JWK holds only public members and parses
// back to the same key.
func requireStoredJWK(t *testing.T, k PublicKey) {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(k.JWK, &m))
	allowed := map[string]bool{"kty": true, "kid": true, "use": true, "alg": true,
		"n": true, "e": true, "crv": true, "x": true, "y": true, "x5c": true}
	for name := range m {
		require.True(t, allowed[name], "stored JWK has member %q", name)
	}
	require.JSONEq(t, `"sig"`, string(m["use"]))
	_, hasX5c := m["x5c"]
	require.Equal(t, k.ExpiresAt != nil, hasX5c)

	again, err := Parse(string(k.JWK), now)
	require.NoError(t, err)
	require.Equal(t, k, again)
}

// requireNoLeak fails when any 16-byte run of the input shows up in the error.
func requireNoLeak(t *testing.T, input string, err error) {
	t.Helper()
	msg, in := err.Error(), strings.TrimSpace(input)
	for i := 0; i+16 <= len(in); i++ {
		require.NotContains(t, msg, in[i:i+16], "error message contains input")
	}
}

func TestThumbprintRFC7638(t *testing.T) {
	t.Parallel()
	// The example key and thumbprint from RFC 7638, section 3.1.
	const n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"
	in := `{"kty":"RSA","n":"` + n + `","e":"AQAB","alg":"RS256","kid":"2011-04-29"}`

	k, err := Parse(in, now)
	require.NoError(t, err)
	require.Equal(t, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", k.Fingerprint)
	require.Equal(t, "2011-04-29", k.KID)
	require.Nil(t, k.ExpiresAt)

	noKID := strings.Replace(in, `,"kid":"2011-04-29"`, "", 1)
	k, err = Parse(noKID, now)
	require.NoError(t, err)
	require.Equal(t, k.Fingerprint, k.KID)
}

// isSentinel reports whether err wraps exactly one of our sentinels.
func isSentinel(err error) bool {
	found := 0
	for _, s := range sentinels {
		if errors.Is(err, s) {
			found++
		}
	}
	return found == 1
}

func TestErrorsAreSentinels(t *testing.T) {
	t.Parallel()
	for _, c := range cases() {
		if c.err == nil {
			continue
		}
		_, err := Parse(c.input, now)
		require.True(t, isSentinel(err), "%s: %v", c.name, err)
	}
}

// TestMalformedPrivateJWKIsPrivate: a private key with a typo must still be
// refused as private, since the form shows malformed input back to the user.
func TestMalformedPrivateJWKIsPrivate(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		`{"kty":"RSA","n":"abc","e":"AQAB","d":"secret",}`,
		`{"keys":{"kty":"EC","crv":"P-256","x":"a","y":"b","d":"secret"}}`,
		`{"kty":"oct", "K" : "secret"`,
	} {
		_, err := Parse(in, time.Now())
		require.ErrorIs(t, err, ErrPrivateKey, in)
	}
}
