package keys

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func FuzzParse(f *testing.F) {
	for _, c := range cases() {
		if len(c.input) <= 8<<10 { // big seeds only slow the fuzzer down
			f.Add(c.input)
		}
	}
	f.Fuzz(func(t *testing.T, input string) {
		t.Parallel()
		k, err := Parse(input, now)
		if err != nil {
			require.True(t, isSentinel(err), "not a sentinel: %v", err)
			require.Zero(t, k)
			return
		}
		// Whatever got in must be storable and parse back to itself.
		requireStoredJWK(t, k)
	})
}
