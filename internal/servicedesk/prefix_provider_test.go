package servicedesk_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/provider"
	"github.com/digdir/selvbetjening/internal/servicedesk"
)

// TestAssignedPrefixLetsItsOrganisationDefineScopes: once Sven assigns a
// prefix to Eksempel Konsument AS, Kari defines a scope under it in "Mine
// API" (provider.Create, the domain call behind its form).
func TestAssignedPrefixLetsItsOrganisationDefineScopes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, _ := seeded(t)
	kari := identity.Actor{Person: identity.Person{Name: demo.Kari.Name, PID: demo.Kari.PID}, OrgNo: demo.EksempelKonsument,
		FreshLoginUntil: time.Now().Add(time.Hour)}
	draft := provider.Draft{Prefix: "konsument", Subscope: "data", Description: "Kundedata", Visibility: provider.VisibilityPublic,
		MaxTokenLifetime: "120", IntegrationTypes: []string{"maskinporten"}}
	_, err := provider.Create(ctx, pool, kari, uuid.New(), draft)
	require.Error(t, err, "no prefix yet")

	_, err = servicedesk.AssignPrefix(ctx, pool, sven, "konsument", demo.EksempelKonsument)
	require.NoError(t, err)
	_, err = provider.Create(ctx, pool, kari, uuid.New(), draft)
	require.NoError(t, err)
	p, err := servicedesk.GetPrefix(ctx, pool, "konsument")
	require.NoError(t, err)
	require.Equal(t, 1, p.ScopeCount)
}
