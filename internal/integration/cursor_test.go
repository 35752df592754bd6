package integration_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/integration"
)

func TestParseCursor(t *testing.T) {
	t.Parallel()
	c := integration.Cursor{UpdatedAt: time.Date(2026, 11, 25, 12, 0, 0, 123000, time.UTC), ClientID: uuid.New()}
	got, err := integration.ParseCursor(c.String())
	require.NoError(t, err)
	require.Equal(t, c, *got)

	none, err := integration.ParseCursor("")
	require.NoError(t, err)
	require.Nil(t, none)

	for _, bad := range []string{".", "abc", "zz.not-a-uuid", "-1." + uuid.NewString(), "1." + uuid.NewString() + "x",
		"1.{" + uuid.NewString() + "}", "1.urn:uuid:" + uuid.NewString()} {
		_, err := integration.ParseCursor(bad)
		require.ErrorIs(t, err, integration.ErrBadCursor, bad)
	}
}

func FuzzParseCursor(f *testing.F) {
	f.Add("")
	f.Add("abc." + uuid.NewString())
	f.Add(integration.Cursor{UpdatedAt: time.Now(), ClientID: uuid.New()}.String())
	f.Fuzz(func(t *testing.T, s string) {
		c, err := integration.ParseCursor(s)
		if err != nil || c == nil {
			return
		}
		again, err := integration.ParseCursor(c.String())
		require.NoError(t, err)
		require.Equal(t, c.ClientID, again.ClientID)
		require.True(t, c.UpdatedAt.Equal(again.UpdatedAt))
	})
}
