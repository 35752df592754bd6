package auth

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestACRSatisfies(t *testing.T) {
	t.Parallel()
	const substantial, high = "idporten-loa-substantial", "idporten-loa-high"
	tests := []struct {
		got, want string
		ok        bool
	}{
		{substantial, substantial, true},
		{high, substantial, true},
		{substantial, high, false},
		{"", substantial, false},
		{"Level3", substantial, false},
		{"anything", "", true},
		{"eidas-loa-high", "eidas-loa-high", true},
		{high, "eidas-loa-high", false},
	}
	for _, tc := range tests {
		require.Equal(t, tc.ok, acrSatisfies(tc.got, tc.want), "%q for %q", tc.got, tc.want)
	}
}
