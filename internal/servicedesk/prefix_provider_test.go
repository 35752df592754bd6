package servicedesk_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/provider"
	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestAssignedPrefixLetsItsOrganisationDefineScopes: once Sven assigns a
// prefix to Eksempel Konsument AS, Kari defines a scope under it in "Mine
// API" (provider.Create, the domain call behind its form).
func TestAssignedPrefixLetsItsOrganisationDefineScopes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t)
	pool := b.serving
	konsument := b.organisation(t, "Eksempel Konsument AS")
	reg := storetest.ProductionPerson(t, b.owner, storetest.ProductionPersonOptions{OrgNo: konsument, Name: "Kari Konsument"})
	kari := identity.Actor{Person: identity.Person{Name: reg.Name, PID: reg.PID}, OrgNo: konsument,
		FreshLoginUntil: time.Now().Add(time.Hour)}
	draft := provider.Draft{Prefix: "konsument", Subscope: "data", Description: "Kundedata", Visibility: provider.VisibilityPublic,
		MaxTokenLifetime: "120", IntegrationTypes: []string{"maskinporten"}}
	_, err := provider.Create(ctx, pool, kari, uuid.New(), draft)
	require.Error(t, err, "no prefix yet")

	_, err = servicedesk.AssignPrefix(ctx, pool, sven, "konsument", konsument)
	require.NoError(t, err)
	_, err = provider.Create(ctx, pool, kari, uuid.New(), draft)
	require.NoError(t, err)
	p, err := servicedesk.GetPrefix(ctx, pool, "konsument")
	require.NoError(t, err)
	require.Equal(t, 1, p.ScopeCount)
}
