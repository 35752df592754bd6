package config

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLoadAPI(t *testing.T) {
	t.Parallel()
	tests := []struct {
		value string
		want  int
		bad   bool
	}{
		{"", DefaultAPIRateLimit, false},
		{"0", 0, false},
		{"60", 60, false},
		{"-1", 0, true},
		{"mange", 0, true},
	}
	for _, tt := range tests {
		c, errs := loadAPI(func(k string) string {
			if k == "API_RATE_LIMIT" {
				return tt.value
			}
			return ""
		})
		if tt.bad {
			require.Len(t, errs, 1, tt.value)
			continue
		}
		require.Empty(t, errs, tt.value)
		require.Equal(t, tt.want, c.RateLimit, tt.value)
	}
}
