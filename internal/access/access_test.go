package access_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

func TestWhyFindsTheReasonThroughWrapping(t *testing.T) {
	t.Parallel()
	for _, r := range access.Reasons() {
		err := fmt.Errorf("create scope: %w", access.Deny(r))
		got, ok := access.Why(err)
		require.True(t, ok, r)
		require.Equal(t, r, got)
		require.ErrorIs(t, err, access.Deny(r))
		for _, other := range access.Reasons() {
			if other != r {
				require.NotErrorIs(t, err, access.Deny(other))
			}
		}
	}
	_, ok := access.Why(errors.New("connection refused"))
	require.False(t, ok, "a failure is not a refusal")
	_, ok = access.Why(nil)
	require.False(t, ok)
}

func TestOnlyLoginTooOldIsHelpedByANewLogin(t *testing.T) {
	t.Parallel()
	for _, r := range access.Reasons() {
		require.Equal(t, r == access.LoginTooOld, r.FreshLoginHelps(), r)
	}
}

func TestChangeIn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := storetest.Pool(t)
	reg := storetest.ProductionPerson(t, pool, storetest.ProductionPersonOptions{})
	orgNo, registered, other := reg.OrgNo, reg.PID, storetest.PersonNumber()
	elsewhere := storetest.Organisation(t, pool, storetest.OrganisationOptions{}).No

	fresh := time.Now().Add(10 * time.Minute)
	actor := func(pid string, freshUntil time.Time) identity.Actor {
		return identity.Actor{Person: identity.Person{Subject: "s", PID: pid}, OrgNo: orgNo, FreshLoginUntil: freshUntil}
	}
	tests := []struct {
		name  string
		actor identity.Actor
		env   environment.Env
		want  access.Reason // "" for allowed
	}{
		{"TestIsOpenWithoutIDporten", actor("", time.Time{}), environment.Test, ""},
		{"TestIsOpenWithOldLogin", actor(registered, time.Now().Add(-time.Hour)), environment.Test, ""},
		{"ProdNeedsIDporten", actor("", fresh), environment.Prod, access.NoIDporten},
		{"ProdNeedsRegisteredPerson", actor(other, fresh), environment.Prod, access.NotRegisteredForProd},
		{"ProdRegisteredAndFresh", actor(registered, fresh), environment.Prod, ""},
		{"ProdNeedsRecentLogin", actor(registered, time.Now().Add(-time.Second)), environment.Prod, access.LoginTooOld},
		{"UnknownLoginTimeIsTooOld", actor(registered, time.Time{}), environment.Prod, access.LoginTooOld},
		{"RegistrationElsewhereDoesNotCount", identity.Actor{Person: identity.Person{PID: registered},
			OrgNo: elsewhere, FreshLoginUntil: fresh}, environment.Prod, access.NotRegisteredForProd},
		// A machine client has no person number: its PROD access token is its gate.
		{"APIClientWithProdTokenInProd", apiClient(orgNo, environment.Prod), environment.Prod, ""},
		{"APIClientWithTestTokenInTest", apiClient(orgNo, environment.Test), environment.Test, ""},
		{"APIClientWithTestTokenInProd", apiClient(orgNo, environment.Test), environment.Prod, access.OtherEnvironment},
		{"APIClientWithProdTokenInTest", apiClient(orgNo, environment.Prod), environment.Test, access.OtherEnvironment},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := access.ChangeIn(ctx, pool, tt.actor, tt.env)
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			got, ok := access.Why(err)
			require.True(t, ok, "want a refusal, got %v", err)
			require.Equal(t, tt.want, got)
		})
	}
}

func apiClient(orgNo string, env environment.Env) identity.Actor {
	return identity.Actor{Person: identity.Person{Subject: "client", Name: "Admin (client)"}, OrgNo: orgNo,
		Role: identity.RoleAPIClient, Env: env}
}

func TestServicedesk(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := storetest.Pool(t)
	sven := storetest.ServicedeskPerson(t, pool, storetest.ServicedeskPersonOptions{Name: "Sven Servicedesk"}).PID
	kari := storetest.PersonNumber()
	require.NoError(t, access.Servicedesk(ctx, pool, identity.Person{PID: sven}))
	for name, p := range map[string]identity.Person{"NotGranted": {PID: kari}, "NoIDporten": {}} {
		got, ok := access.Why(access.Servicedesk(ctx, pool, p))
		require.True(t, ok, name)
		require.Equal(t, access.NotServicedesk, got, name)
	}
}
