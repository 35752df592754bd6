package pages

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestKeyExpiryNote(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	for _, tc := range []struct {
		expires time.Time
		note    string
		warn    bool
	}{
		{now.Add(365 * day), "", false},
		{now.Add(31 * day), "", false},
		{now.Add(30 * day), "Utløper om 30 dager", true},
		{now.Add(6*day + time.Hour), "Utløper om 7 dager", true},
		{now.Add(time.Hour), "Utløper om 1 dag", true},
		{now, "Utløpt", true},
		{now.Add(-day), "Utløpt", true},
	} {
		note, warn := keyExpiryNote(context.Background(), tc.expires, now)
		require.Equal(t, tc.note, note, tc.expires)
		require.Equal(t, tc.warn, warn, tc.expires)
	}
}
