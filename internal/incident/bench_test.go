package incident_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/incident"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// BenchmarkSendTo10000Organisations: "Send varsel" to every provider when
// 10,000 organisations own a prefix, each with one notification point: the
// whole transaction (the incident, 10,000 affected rows, 10,000 deliveries
// and their jobs, the audit row), with a statement count that does not grow
// with the organisations. internal/mail's BenchmarkIncident10000 measures
// sending them.
func BenchmarkSendTo10000Organisations(b *testing.B) {
	const n = 10_000
	ctx := context.Background()
	url := storetest.URL(b)
	owner, err := store.Open(ctx, url)
	require.NoError(b, err)
	b.Cleanup(owner.Close)
	orgNos := storetest.ManyMerchant(b, owner, storetest.ManyMerchantOptions{Count: n, Service: merchant.Provider, PointsEach: 1})
	_, err = owner.Exec(ctx, `INSERT INTO scope_prefixes (prefix, org_no) SELECT 'p' || o, o FROM unnest($1::text[]) AS o`, orgNos)
	require.NoError(b, err)
	_, err = owner.Exec(ctx, `ANALYZE scope_prefixes`)
	require.NoError(b, err)
	serving := storetest.ServingPool(b, url)
	d := draft()
	d.Service = string(merchant.Provider)

	var total time.Duration
	for b.Loop() {
		start := time.Now()
		sent, err := incident.Send(ctx, serving, sven, uuid.New(), d, portalURL)
		total += time.Since(start)
		require.NoError(b, err)
		require.Equal(b, n, sent.Recipients)
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/incident")
	b.ReportMetric(float64(n)*float64(b.N)/total.Seconds(), "emails-queued/s")
}
