package pages

import (
	"context"
	"math"
	"time"

	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/oslotime"
	"github.com/digdir/selvbetjening/web/text"
)

// oslo is where the users are; times are shown in their wall-clock time.
var oslo = oslotime.Location

func formatTime(t time.Time) string { return t.In(oslo).Format("02.01.2006 15:04") }

func formatDate(t time.Time) string { return t.In(oslo).Format("02.01.2006") }

func serviceName(ctx context.Context, service string) string {
	if service == integration.ServiceMaskinporten {
		return text.From(ctx).Integrations.ServiceMaskinporten
	}
	return service
}

func currentPage(yes bool) string {
	if yes {
		return "page"
	}
	return "false"
}

// keyExpiryNote flags a key that has expired or expires within 30 days
// (when the first reminder goes out), and whether that is a warning.
func keyExpiryNote(ctx context.Context, expires, now time.Time) (string, bool) {
	t := text.From(ctx).Keys
	left := expires.Sub(now)
	switch {
	case left <= 0:
		return t.Expired, true
	case left <= 30*24*time.Hour:
		return t.ExpiresIn(int(math.Ceil(left.Hours() / 24))), true
	}
	return "", false
}
