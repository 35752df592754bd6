package demo_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestSeedMerchantData: Skatteetaten's merchant data is complete for both its
// services; Eksempel Konsument AS has no notification point, so Kari meets
// the warning and can walk the guide's steps.
func TestSeedMerchantData(t *testing.T) {
	t.Parallel()
	pool := storetest.Pool(t)
	ctx := context.Background()
	require.NoError(t, demo.Seed(ctx, pool))
	require.NoError(t, demo.Seed(ctx, pool), "seeding again changes nothing")
	list, err := merchant.StatusList(ctx, pool, demo.Skatteetaten)
	require.NoError(t, err)
	require.Len(t, list, 2)
	for _, s := range list {
		require.True(t, s.Complete(), s.Service)
		require.Equal(t, 1, s.PointCount, s.Service)
	}
	list, err = merchant.StatusList(ctx, pool, demo.EksempelKonsument)
	require.NoError(t, err)
	require.Equal(t, []merchant.Service{merchant.Consumer}, merchant.WithoutPoints(list))
}
