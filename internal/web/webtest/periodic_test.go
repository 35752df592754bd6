package webtest_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// TestMailWorkerRunsTheKeyReminders: the test's worker runs the periodic
// job of portal serve's, the reminders before keys expire, at start.
func TestMailWorkerRunsTheKeyReminders(t *testing.T) {
	t.Parallel()
	site := webtest.StartWith(t, webtest.Options{Mail: true})
	require.Eventually(t, func() bool {
		var n int
		err := site.Pool.QueryRow(context.Background(), `
			SELECT count(*) FROM river_job
			WHERE kind = 'mail.periodic' AND args->>'name' = 'key-reminders' AND state = 'completed'`).Scan(&n)
		return err == nil && n == 1
	}, 20*time.Second, 100*time.Millisecond)
	require.Zero(t, site.Mail.Count(), "the demo data has no key near its expiry")
}
