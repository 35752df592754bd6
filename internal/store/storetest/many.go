package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/integration"
)

// ManyIntegrationsOptions describe a mass of integrations for tests of scale.
type ManyIntegrationsOptions struct {
	OrgNo  string          // the organisation they belong to; a new one by default
	OrgNos []string        // instead of OrgNo: spread over these, in turn
	Env    environment.Env // TEST by default
	Count  int
	Active bool // false makes them deactivated
}

// ManyIntegrations adds Count integrations to one organisation, or several
// in turn, with one COPY (integration.InsertColumns and the two timestamps,
// a second apart), then ANALYZE, so a test can ask Postgres for its plans at scale. They have no
// scopes, keys or audit entries: a test about those uses Integration.
func ManyIntegrations(t testing.TB, db *pgxpool.Pool, o ManyIntegrationsOptions) ManyIntegrationsOptions {
	t.Helper()
	ctx := context.Background()
	if o.OrgNo == "" && len(o.OrgNos) == 0 {
		o.OrgNo = Organisation(t, db, OrganisationOptions{}).No
	}
	if o.Env == "" {
		o.Env = environment.Test
	}
	columns := append(slices.Clone(integration.InsertColumns), "created_at", "updated_at")
	now := time.Now()
	_, err := db.CopyFrom(ctx, pgx.Identifier{"integrations"}, columns, pgx.CopyFromSlice(o.Count, func(n int) ([]any, error) {
		at := now.Add(-time.Duration(n) * time.Second)
		orgNo := o.OrgNo
		if len(o.OrgNos) > 0 {
			orgNo = o.OrgNos[n%len(o.OrgNos)]
		}
		r := integration.NewRow{ClientID: uuid.New(), OrgNo: orgNo, Env: o.Env, Service: integration.ServiceMaskinporten,
			Name: fmt.Sprint("Integrasjon ", n), TokenLifetime: integration.DefaultTokenLifetime, Active: o.Active,
			CreationKey: uuid.New(), CreatedBy: "Testdata"}
		return append(r.Values(), at, at), nil
	}))
	require.NoError(t, err, "%d integrations of %s%v", o.Count, o.OrgNo, o.OrgNos)
	_, err = db.Exec(ctx, `ANALYZE organisations, integrations`)
	require.NoError(t, err)
	return o
}
