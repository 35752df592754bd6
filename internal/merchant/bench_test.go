package merchant_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// BenchmarkStatusList is the query behind "Virksomhetens tjenester" and the
// warning on the integration list, for one organisation among ten thousand.
func BenchmarkStatusList(b *testing.B) {
	pool := storetest.Pool(b)
	orgNos := storetest.ManyMerchant(b, pool, storetest.ManyMerchantOptions{Count: 10000, PointsEach: 2})
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		list, err := merchant.StatusList(ctx, pool, orgNos[i%len(orgNos)])
		require.NoError(b, err)
		require.Len(b, list, 1)
	}
}

// BenchmarkNotificationPoints reads the points of a thousand organisations,
// as an incident for many of them does, in its one query.
func BenchmarkNotificationPoints(b *testing.B) {
	pool := storetest.Pool(b)
	orgNos := storetest.ManyMerchant(b, pool, storetest.ManyMerchantOptions{Count: 10000, PointsEach: 2})
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		got, err := merchant.NotificationPoints(ctx, pool, merchant.Consumer, orgNos[:1000])
		require.NoError(b, err)
		require.Len(b, got, 1000)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "µs/org")
}
