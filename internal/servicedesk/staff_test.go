package servicedesk_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestRevokedServicedeskChangesNothing: the domain functions ask for the
// servicedesk role in their own transaction, so a person revoked after
// their page loaded (or a caller that skipped the console's middleware)
// changes nothing, whatever they try.
func TestRevokedServicedeskChangesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t)
	pool := b.serving
	konsument := b.organisation(t, "Eksempel Konsument AS")
	storetest.EmailDomain(t, b.owner, storetest.EmailDomainOptions{Domain: "konsument.example", OrgNo: konsument})
	storetest.ScopePrefix(t, b.owner, storetest.ScopePrefixOptions{Prefix: "konsument", OrgNo: konsument})
	registered, err := servicedesk.RegisterPerson(ctx, pool, sven, konsument, storetest.PersonNumber(), "Kari Konsument", true)
	require.NoError(t, err)

	ritaPID := storetest.PersonNumber()
	require.NoError(t, servicedesk.Grant(ctx, pool, sven, ritaPID, "Rita Revokert", true))
	rita := servicedesk.Actor(identity.Person{Subject: "rita", Name: "Rita Revokert", PID: ritaPID})
	staff, err := servicedesk.ListStaff(ctx, pool)
	require.NoError(t, err)
	var ritaID, svenID int64
	for _, s := range staff {
		switch s.Name {
		case "Rita Revokert":
			ritaID = s.ID
		case sven.Name:
			svenID = s.ID
		}
	}
	require.NoError(t, servicedesk.Revoke(ctx, pool, sven, ritaID))
	var before int
	require.NoError(t, b.owner.QueryRow(ctx, `SELECT count(*) FROM audit_log`).Scan(&before))

	changes := map[string]func(actor identity.Actor) error{
		"Grant": func(a identity.Actor) error {
			return servicedesk.Grant(ctx, pool, a, storetest.PersonNumber(), "Ny Person", true)
		},
		"Revoke": func(a identity.Actor) error { return servicedesk.Revoke(ctx, pool, a, svenID) },
		"CreateOrganisation": func(a identity.Actor) error {
			_, err := servicedesk.CreateOrganisation(ctx, pool, a, "974760673", "Ny Virksomhet AS")
			return err
		},
		"RenameOrganisation": func(a identity.Actor) error {
			return servicedesk.RenameOrganisation(ctx, pool, a, konsument, 1, "Nytt Navn AS")
		},
		"LinkDomain": func(a identity.Actor) error {
			_, err := servicedesk.LinkDomain(ctx, pool, a, "ny.example", konsument)
			return err
		},
		"UnlinkDomain": func(a identity.Actor) error {
			return servicedesk.UnlinkDomain(ctx, pool, a, "konsument.example", konsument)
		},
		"RegisterPerson": func(a identity.Actor) error {
			_, err := servicedesk.RegisterPerson(ctx, pool, a, konsument, storetest.PersonNumber(), "Ola Konsument", true)
			return err
		},
		"RemovePerson": func(a identity.Actor) error { return servicedesk.RemovePerson(ctx, pool, a, konsument, registered.ID) },
		"AssignPrefix": func(a identity.Actor) error {
			_, err := servicedesk.AssignPrefix(ctx, pool, a, "nyttprefiks", konsument)
			return err
		},
		"MovePrefix": func(a identity.Actor) error {
			return servicedesk.MovePrefix(ctx, pool, a, "konsument", 1, b.organisation(t, "Andre AS"))
		},
		"RetirePrefix": func(a identity.Actor) error { return servicedesk.RetirePrefix(ctx, pool, a, "konsument", 1) },
		"EndSessions": func(a identity.Actor) error {
			_, err := servicedesk.EndSessions(ctx, pool, a, "kari", 0)
			return err
		},
	}
	for name, change := range changes {
		require.ErrorIs(t, change(rita), access.Deny(access.NotServicedesk), name)
		require.ErrorIs(t, change(servicedesk.Actor(identity.Person{Name: "Uten ID-porten"})), access.Deny(access.NotServicedesk), name)
	}
	var after int
	require.NoError(t, b.owner.QueryRow(ctx, `SELECT count(*) FROM audit_log`).Scan(&after))
	require.Equal(t, before, after, "nothing changed, nothing audited")

	// The command line makes the first servicedesk person with no one logged in.
	require.NoError(t, servicedesk.GrantFromCommandLine(ctx, pool, storetest.PersonNumber(), "Første Servicedesk", true))
}
