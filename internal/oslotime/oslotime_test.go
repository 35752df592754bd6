package oslotime_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/oslotime"
)

// TestFormatIsOsloTime: winter is UTC+1, summer UTC+2, whatever the
// server's zone.
func TestFormatIsOsloTime(t *testing.T) {
	t.Parallel()
	require.Equal(t, "03.12.2026 kl. 08.00", oslotime.Format(time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)))
	require.Equal(t, "01.07.2026 kl. 09.30", oslotime.Format(time.Date(2026, 7, 1, 7, 30, 0, 0, time.UTC)))
	require.Equal(t, "Europe/Oslo", oslotime.Location.String())
}
