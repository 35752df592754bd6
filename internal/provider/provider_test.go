package provider_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/provider"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// The fixture: Skatteetaten owns the prefix skatteetaten and shares
// skatteetaten:mva with Eksempel Konsument AS in TEST and PROD; its
// skatteetaten:rentesatser is open to every organisation. Petra (provider)
// and Kari (consumer) are registered for production.
const (
	skatteetaten      = "974761076"
	eksempelKonsument = "310000019"
)

func actorOf(name, pid, orgNo string) identity.Actor {
	return identity.Actor{Person: identity.Person{Name: name, PID: pid, Email: "x@" + orgNo + ".example"}, OrgNo: orgNo,
		FreshLoginUntil: time.Now().Add(time.Hour)}
}

var (
	petra = actorOf("Petra Tilbyder", "11887710092", skatteetaten)
	kari  = actorOf("Kari Konsument", "15838510075", eksempelKonsument)
)

func seeded(t *testing.T) (*pgxpool.Pool, context.Context) {
	t.Helper()
	pool := storetest.Pool(t)
	storetest.Organisation(t, pool, storetest.OrganisationOptions{No: skatteetaten, Name: "Skatteetaten"})
	storetest.Organisation(t, pool, storetest.OrganisationOptions{No: eksempelKonsument, Name: "Eksempel Konsument AS"})
	storetest.ProductionPerson(t, pool, storetest.ProductionPersonOptions{OrgNo: skatteetaten, PID: petra.Person.PID})
	storetest.ProductionPerson(t, pool, storetest.ProductionPersonOptions{OrgNo: eksempelKonsument, PID: kari.Person.PID})
	storetest.ScopePrefix(t, pool, storetest.ScopePrefixOptions{Prefix: "skatteetaten", OrgNo: skatteetaten})
	mva := storetest.Scope(t, pool, storetest.ScopeOptions{Prefix: "skatteetaten", Name: "skatteetaten:mva",
		Description: "Merverdiavgift: innsending og oppslag", MaxTokenLifetime: 300})
	storetest.Scope(t, pool, storetest.ScopeOptions{Prefix: "skatteetaten", Name: "skatteetaten:rentesatser",
		Description: "Gjeldende rentesatser, åpent for alle", MaxTokenLifetime: 600, AccessibleForAll: true})
	for _, env := range []environment.Env{environment.Test, environment.Prod} {
		storetest.Grant(t, pool, storetest.GrantOptions{ScopeID: mva.ID, OrgNo: eksempelKonsument, Env: env})
	}
	return pool, context.Background()
}

func draft(sub string) provider.Draft {
	return provider.Draft{Prefix: "skatteetaten", Subscope: sub, Description: "Beskrivelse", Visibility: provider.VisibilityPublic,
		MaxTokenLifetime: "300", IntegrationTypes: []string{provider.IntegrationTypeMaskinporten}}
}

func fieldCode(t *testing.T, err error, field string) string {
	t.Helper()
	var fe provider.FieldErrors
	require.True(t, errors.As(err, &fe), "want field errors, got %v", err)
	return fe[field].Code
}

func auditCount(t *testing.T, pool *pgxpool.Pool, action string) int {
	t.Helper()
	var n int
	require.NoError(t, pool.QueryRow(context.Background(), `SELECT count(*) FROM audit_log WHERE action = $1`, action).Scan(&n))
	return n
}

func TestCreateScope(t *testing.T) {
	t.Parallel()
	pool, ctx := seeded(t)
	key := uuid.New()
	id, err := provider.Create(ctx, pool, petra, key, draft("skattemelding/les"))
	require.NoError(t, err)
	again, err := provider.Create(ctx, pool, petra, key, draft("skattemelding/les"))
	require.NoError(t, err)
	require.Equal(t, id, again, "a double-clicked Opprett creates one scope")
	require.Equal(t, 1, auditCount(t, pool, "scope.create"))

	s, err := provider.Get(ctx, pool, skatteetaten, id)
	require.NoError(t, err)
	require.Equal(t, "skatteetaten:skattemelding/les", s.Name)
	require.Equal(t, "skattemelding/les", s.Subscope())
	require.Equal(t, 300, s.MaxTokenLifetime)
	require.Equal(t, petra.Person.Name, s.CreatedBy)

	_, err = provider.Get(ctx, pool, eksempelKonsument, id)
	require.ErrorIs(t, err, store.ErrNotFound, "another organisation's scope is not found")

	_, err = provider.Create(ctx, pool, petra, uuid.New(), draft("skattemelding/les"))
	require.Equal(t, provider.CodeNameTaken, fieldCode(t, err, provider.FieldSubscope))

	for name, tc := range map[string]struct {
		mutate func(*provider.Draft)
		field  string
		code   string
	}{
		"BadSubscope":      {func(d *provider.Draft) { d.Subscope = "a//b" }, provider.FieldSubscope, provider.CodeSubscopeSeparator},
		"NoDescription":    {func(d *provider.Draft) { d.Description = " " }, provider.FieldDescription, provider.CodeDescriptionMissing},
		"LifetimeZero":     {func(d *provider.Draft) { d.MaxTokenLifetime = "0" }, provider.FieldTokenLifetime, provider.CodeLifetimeInvalid},
		"LifetimeOverADay": {func(d *provider.Draft) { d.MaxTokenLifetime = "86401" }, provider.FieldTokenLifetime, provider.CodeLifetimeInvalid},
		"Visibility":       {func(d *provider.Draft) { d.Visibility = "SECRET" }, provider.FieldVisibility, provider.CodeVisibilityInvalid},
		"NoTypes":          {func(d *provider.Draft) { d.IntegrationTypes = nil }, provider.FieldIntegrationTypes, provider.CodeIntegrationTypes},
		"OtherType":        {func(d *provider.Draft) { d.IntegrationTypes = []string{"idporten"} }, provider.FieldIntegrationTypes, provider.CodeIntegrationTypes},
		"UnknownPrefix":    {func(d *provider.Draft) { d.Prefix = "ukjent" }, provider.FieldPrefix, provider.CodePrefixNotOwned},
	} {
		d := draft("ny/" + strings.ToLower(name))
		tc.mutate(&d)
		_, err := provider.Create(ctx, pool, petra, uuid.New(), d)
		require.Equal(t, tc.code, fieldCode(t, err, tc.field), name)
	}
	require.Equal(t, 1, auditCount(t, pool, "scope.create"), "nothing half-saved")
}

func TestOnlyThePrefixOwnerDefines(t *testing.T) {
	t.Parallel()
	pool, ctx := seeded(t)
	_, err := provider.Create(ctx, pool, kari, uuid.New(), draft("fremmed"))
	require.ErrorIs(t, err, access.Deny(access.NotPrefixOwner), "an organisation without a prefix")

	_, err = pool.Exec(ctx, `INSERT INTO scope_prefixes (prefix, org_no) VALUES ('eksempel', $1)`, eksempelKonsument)
	require.NoError(t, err)
	_, err = provider.Create(ctx, pool, kari, uuid.New(), draft("fremmed"))
	require.Equal(t, provider.CodePrefixNotOwned, fieldCode(t, err, provider.FieldPrefix), "another organisation's prefix")

	noIDporten := petra
	noIDporten.PID = ""
	_, err = provider.Create(ctx, pool, noIDporten, uuid.New(), draft("uten"))
	require.ErrorIs(t, err, access.Deny(access.NoIDporten), "a definition is in force in PROD too")
}

func TestEditDeactivateReactivate(t *testing.T) {
	t.Parallel()
	pool, ctx := seeded(t)
	id, err := provider.Create(ctx, pool, petra, uuid.New(), draft("endres"))
	require.NoError(t, err)
	d := draft("ignored")
	d.Description, d.Visibility, d.AccessibleForAll = "Ny tekst", provider.VisibilityPrivate, true
	require.NoError(t, provider.Update(ctx, pool, petra, id, 1, d))
	require.NoError(t, provider.Update(ctx, pool, petra, id, 1, d), "the same save twice is no conflict")
	s, err := provider.Get(ctx, pool, skatteetaten, id)
	require.NoError(t, err)
	require.Equal(t, "skatteetaten:endres", s.Name, "the name is fixed")
	require.Equal(t, "Ny tekst", s.Description)
	require.True(t, s.AccessibleForAll)
	require.EqualValues(t, 2, s.Version)

	d.Description = "Enda nyere"
	require.ErrorIs(t, provider.Update(ctx, pool, petra, id, 1, d), provider.ErrConflict)
	require.ErrorIs(t, provider.Update(ctx, pool, kari, id, 2, d), access.Deny(access.NotPrefixOwner))

	require.NoError(t, provider.SetActive(ctx, pool, petra, id, 2, false))
	require.NoError(t, provider.SetActive(ctx, pool, petra, id, 2, false), "a second click")
	s, _ = provider.Get(ctx, pool, skatteetaten, id)
	require.False(t, s.Active)
	require.NoError(t, provider.SetActive(ctx, pool, petra, id, 3, true))
	s, _ = provider.Get(ctx, pool, skatteetaten, id)
	require.True(t, s.Active)
	for _, a := range []string{"scope.update", "scope.deactivate", "scope.reactivate"} {
		require.Equal(t, 1, auditCount(t, pool, a), a)
	}
}

func TestGrants(t *testing.T) {
	t.Parallel()
	pool, ctx := seeded(t)
	id, err := provider.Create(ctx, pool, petra, uuid.New(), draft("deles"))
	require.NoError(t, err)

	_, err = provider.AddGrants(ctx, pool, petra, id, environment.Test, "310000019, 310000018", nil)
	require.Equal(t, provider.CodeOrgNumberInvalid, fieldCode(t, err, provider.FieldOrgNumbers))
	g, err := provider.Grants(ctx, pool, skatteetaten, id)
	require.NoError(t, err)
	require.Empty(t, g, "one bad number shares with none")

	// 310000043 is valid and not in the portal yet.
	added, err := provider.AddGrants(ctx, pool, petra, id, environment.Test, "310000019\n310000043", nil)
	require.NoError(t, err)
	require.Equal(t, []string{"310000019", "310000043"}, added)
	g, err = provider.Grants(ctx, pool, skatteetaten, id)
	require.NoError(t, err)
	require.Len(t, g[environment.Test], 2)
	require.Equal(t, "Eksempel Konsument AS", g[environment.Test][0].OrgName)
	require.Equal(t, "", g[environment.Test][1].OrgName, "not registered in the portal")
	require.Equal(t, petra.Person.Name, g[environment.Test][0].GrantedBy)
	require.Empty(t, g[environment.Prod])

	_, err = provider.AddGrants(ctx, pool, petra, id, environment.Test, "310000019", nil)
	require.Equal(t, provider.CodeAlreadyShared, fieldCode(t, err, provider.FieldOrgNumbers))
	_, err = provider.AddGrants(ctx, pool, kari, id, environment.Test, "310000027", nil)
	require.ErrorIs(t, err, store.ErrNotFound, "another organisation's scope")

	require.ErrorIs(t, provider.RemoveGrant(ctx, pool, petra, id, environment.Prod, "310000019"), provider.ErrNotShared)
	require.NoError(t, provider.RemoveGrant(ctx, pool, petra, id, environment.Test, "310000019"))
	require.ErrorIs(t, provider.RemoveGrant(ctx, pool, petra, id, environment.Test, "310000019"), provider.ErrNotShared)

	oldLogin := petra
	oldLogin.FreshLoginUntil = time.Now().Add(-time.Minute)
	_, err = provider.AddGrants(ctx, pool, oldLogin, id, environment.Prod, "310000019", nil)
	require.ErrorIs(t, err, access.Deny(access.LoginTooOld), "PROD goes through the production gate")
	_, err = provider.AddGrants(ctx, pool, oldLogin, id, environment.Test, "310000019", nil)
	require.NoError(t, err, "TEST does not")
	require.Equal(t, 2, auditCount(t, pool, "scope.grant_add"))
	require.Equal(t, 1, auditCount(t, pool, "scope.grant_remove"))
}

func TestAccessRequests(t *testing.T) {
	t.Parallel()
	pool, ctx := seeded(t)
	id, err := provider.Create(ctx, pool, petra, uuid.New(), draft("forespor"))
	require.NoError(t, err)
	priv := draft("hemmelig")
	priv.Visibility = provider.VisibilityPrivate
	_, err = provider.Create(ctx, pool, petra, uuid.New(), priv)
	require.NoError(t, err)

	_, _, err = provider.Ask(ctx, pool, kari, environment.Prod, "skatteetaten:hemmelig", "", nil)
	require.ErrorIs(t, err, store.ErrNotFound, "a private scope not shared cannot be asked for")
	_, _, err = provider.Ask(ctx, pool, kari, environment.Test, "skatteetaten:mva", "", nil)
	require.ErrorIs(t, err, provider.ErrAlreadyOffered)

	r, created, err := provider.Ask(ctx, pool, kari, environment.Prod, "skatteetaten:forespor", "Til lønnssystemet", nil)
	require.NoError(t, err)
	require.True(t, created)
	require.Equal(t, provider.StateRequested, r.State)
	again, created, err := provider.Ask(ctx, pool, kari, environment.Prod, "skatteetaten:forespor", "igjen", nil)
	require.NoError(t, err)
	require.False(t, created, "asking twice does nothing new")
	require.Equal(t, r.ID, again.ID)

	open, err := provider.OpenRequests(ctx, pool, skatteetaten, environment.Prod)
	require.NoError(t, err)
	require.Len(t, open, 1)
	require.Equal(t, "Eksempel Konsument AS", open[0].OrgName)
	open, err = provider.OpenRequests(ctx, pool, eksempelKonsument, environment.Prod)
	require.NoError(t, err)
	require.Empty(t, open, "only the owner sees them")

	require.ErrorIs(t, provider.Approve(ctx, pool, kari, r.ID, nil), store.ErrNotFound, "the consumer cannot approve")
	require.NoError(t, provider.Approve(ctx, pool, petra, r.ID, nil))
	require.ErrorIs(t, provider.Approve(ctx, pool, petra, r.ID, nil), provider.ErrAnswered)
	require.ErrorIs(t, provider.Deny(ctx, pool, petra, r.ID, "nei", nil), provider.ErrAnswered)
	g, err := provider.Grants(ctx, pool, skatteetaten, id)
	require.NoError(t, err)
	require.Equal(t, eksempelKonsument, g[environment.Prod][0].OrgNo, "approving shares it")

	d, _, err := provider.Ask(ctx, pool, kari, environment.Test, "skatteetaten:forespor", "", nil)
	require.NoError(t, err)
	require.Equal(t, provider.CodeReasonMissing, fieldCode(t, provider.Deny(ctx, pool, petra, d.ID, " ", nil), provider.FieldReason))
	require.NoError(t, provider.Deny(ctx, pool, petra, d.ID, "Bare for kommuner", nil))
	mine, err := provider.RequestsOf(ctx, pool, eksempelKonsument)
	require.NoError(t, err)
	require.Len(t, mine, 2)

	// Sharing with someone who asked answers their request.
	open, err = provider.OpenRequests(ctx, pool, skatteetaten, environment.Test)
	require.NoError(t, err)
	require.Empty(t, open)
	_, _, err = provider.Ask(ctx, pool, kari, environment.Test, "skatteetaten:forespor", "", nil)
	require.NoError(t, err)
	_, err = provider.AddGrants(ctx, pool, petra, id, environment.Test, eksempelKonsument, nil)
	require.NoError(t, err)
	open, err = provider.OpenRequests(ctx, pool, skatteetaten, environment.Test)
	require.NoError(t, err)
	require.Empty(t, open, "answered by the grant")
	require.Equal(t, provider.StateDenied, mine[0].State)
	require.Equal(t, "Bare for kommuner", mine[0].Answer)
	require.Equal(t, "Skatteetaten", mine[0].Provider)
	require.Equal(t, provider.StateApproved, mine[1].State)
	for _, a := range []string{"scope.access_request", "scope.access_approve", "scope.access_deny"} {
		require.NotZero(t, auditCount(t, pool, a), a)
	}
}

// TestIntegrationsKeepWithdrawnAndDeactivatedScopes: withdrawing access or
// deactivating a scope leaves it on the consumer's integrations, flagged.
func TestIntegrationsKeepWithdrawnAndDeactivatedScopes(t *testing.T) {
	t.Parallel()
	pool, ctx := seeded(t)
	id, err := provider.Create(ctx, pool, petra, uuid.New(), draft("flagg"))
	require.NoError(t, err)
	_, err = provider.AddGrants(ctx, pool, petra, id, environment.Test, eksempelKonsument, nil)
	require.NoError(t, err)
	clientID, err := integration.Create(ctx, pool, kari, environment.Test, uuid.New(), integration.Draft{
		Service: integration.ServiceMaskinporten, Name: "Flagget", Scopes: []string{"skatteetaten:flagg", "skatteetaten:rentesatser"},
		TokenLifetime: "120"})
	require.NoError(t, err)

	flags := func() map[string][2]bool {
		i, err := integration.Get(ctx, pool, eksempelKonsument, clientID)
		require.NoError(t, err)
		out := map[string][2]bool{}
		for _, s := range i.Scopes {
			out[s.Name] = [2]bool{s.Shared, s.Deactivated}
		}
		return out
	}
	require.Equal(t, map[string][2]bool{"skatteetaten:flagg": {true, false}, "skatteetaten:rentesatser": {true, false}}, flags(),
		"an open scope needs no grant")
	require.NoError(t, provider.RemoveGrant(ctx, pool, petra, id, environment.Test, eksempelKonsument))
	require.Equal(t, [2]bool{false, false}, flags()["skatteetaten:flagg"], "withdrawn, still there")
	s, err := provider.Get(ctx, pool, skatteetaten, id)
	require.NoError(t, err)
	require.NoError(t, provider.SetActive(ctx, pool, petra, id, s.Version, false))
	require.Equal(t, [2]bool{false, true}, flags()["skatteetaten:flagg"], "deactivated, still there")
}
