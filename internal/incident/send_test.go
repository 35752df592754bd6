package incident_test

import (
	"context"
	"strconv"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/incident"
	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

const portalURL = "https://selvbetjening.example/"

var sven = servicedesk.Actor(identity.Person{Subject: "sven", Name: "Sven Servicedesk", PID: storetest.PersonNumber()})

type bundle struct {
	ctx     context.Context
	serving *pgxpool.Pool // the portal's role: the grants suffice
	owner   *pgxpool.Pool
	// konsument uses Maskinporten in TEST and has two notification points;
	// prodOnly uses it in PROD only, with one; stille in TEST, without any;
	// tilbyder owns a prefix, with a point for Maskinporten as provider.
	konsument, prodOnly, stille, tilbyder string
}

func setup(t *testing.T) bundle {
	t.Helper()
	ctx := context.Background()
	url := storetest.URL(t)
	owner, err := store.Open(ctx, url)
	require.NoError(t, err)
	t.Cleanup(owner.Close)
	b := bundle{ctx: ctx, serving: storetest.ServingPool(t, url), owner: owner}

	b.konsument = storetest.Organisation(t, owner, storetest.OrganisationOptions{Name: "Eksempel Konsument AS"}).No
	storetest.Integration(t, owner, storetest.IntegrationOptions{OrgNo: b.konsument})
	storetest.Integration(t, owner, storetest.IntegrationOptions{OrgNo: b.konsument}) // two, still one organisation
	storetest.Merchant(t, owner, storetest.MerchantOptions{OrgNo: b.konsument, Points: []merchant.Point{
		{Name: "Drift", Email: "drift@konsument.example"}, {Name: "Kari", Email: "kari@konsument.example"}}})

	b.prodOnly = storetest.Organisation(t, owner, storetest.OrganisationOptions{}).No
	storetest.Integration(t, owner, storetest.IntegrationOptions{OrgNo: b.prodOnly, Env: environment.Prod})
	storetest.Merchant(t, owner, storetest.MerchantOptions{OrgNo: b.prodOnly, Points: []merchant.Point{
		{Name: "Vakt", Email: "vakt@prod.example"}}})

	b.stille = storetest.Organisation(t, owner, storetest.OrganisationOptions{}).No
	storetest.Integration(t, owner, storetest.IntegrationOptions{OrgNo: b.stille})

	b.tilbyder = storetest.ScopePrefix(t, owner, storetest.ScopePrefixOptions{}).OrgNo
	storetest.Merchant(t, owner, storetest.MerchantOptions{OrgNo: b.tilbyder, Service: merchant.Provider,
		Points: []merchant.Point{{Name: "API-drift", Email: "api@tilbyder.example"}}})
	return b
}

func draft() incident.Draft {
	return incident.Draft{Title: "Maskinporten TEST svarer ikke", Text: "Tokenendepunktet svarer 503 siden 07.00.",
		Service: string(merchant.Consumer), Envs: []string{"TEST"}, Severity: string(incident.Critical),
		Audience: string(incident.Users)}
}

// recipients lists the incident's deliveries: recipient → organisation.
func recipients(t *testing.T, b bundle, id int64) map[string]string {
	t.Helper()
	list, err := mail.Deliveries(b.ctx, b.serving, mail.IncidentCause(id), mail.Page{})
	require.NoError(t, err)
	out := map[string]string{}
	for _, d := range list {
		require.Equal(t, mail.StatusQueued, d.Status)
		out[d.To] = d.OrgNo
	}
	return out
}

func count(t *testing.T, b bundle, sql string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, b.owner.QueryRow(b.ctx, sql, args...).Scan(&n))
	return n
}

// TestSendReachesEveryNotificationPointOfTheUsers: "every organisation
// using the service in the environment" is every one with an active
// integration there, and each of their notification points gets one
// e-mail, queued with the incident and its audit row.
func TestSendReachesEveryNotificationPointOfTheUsers(t *testing.T) {
	t.Parallel()
	b := setup(t)
	sent, err := incident.Send(b.ctx, b.serving, sven, uuid.New(), draft(), portalURL)
	require.NoError(t, err)
	require.Equal(t, incident.Sent{ID: sent.ID, OrgCount: 2, Recipients: 2}, sent)
	require.Equal(t, map[string]string{"drift@konsument.example": b.konsument, "kari@konsument.example": b.konsument},
		recipients(t, b, sent.ID))

	got, err := incident.Get(b.ctx, b.serving, sent.ID)
	require.NoError(t, err)
	require.Equal(t, "Maskinporten TEST svarer ikke", got.Title)
	require.Equal(t, []environment.Env{environment.Test}, got.Envs)
	require.Equal(t, 2, got.OrgCount, "Eksempel Konsument AS, and the one without notification points")
	require.Equal(t, 2, got.Queued)

	list, err := mail.Deliveries(b.ctx, b.serving, mail.IncidentCause(sent.ID), mail.Page{Limit: 1})
	require.NoError(t, err)
	require.Equal(t, "[Kritisk] Maskinporten (API-konsument) TEST: Maskinporten TEST svarer ikke", list[0].Subject)
	for _, want := range []string{"Tokenendepunktet svarer 503 siden 07.00.", "Alvorlighet: Kritisk", "Miljø: TEST",
		"https://selvbetjening.example/\n", "varslingspunkt for Maskinporten (API-konsument) hos Eksempel Konsument AS",
		"https://selvbetjening.example/tjenester/maskinporten-konsument"} {
		require.Contains(t, list[0].Text, want)
	}

	var actor, role, after string
	require.NoError(t, b.owner.QueryRow(b.ctx, `SELECT actor_name, actor_role, after::text FROM audit_log
		WHERE action = 'incident.send' AND entity_id = $1`, strconv.FormatInt(got.ID, 10)).Scan(&actor, &role, &after))
	require.Equal(t, "Sven Servicedesk", actor)
	require.Equal(t, string(identity.RoleServicedesk), role)
	require.Contains(t, after, `"recipients": 2`)
	require.Contains(t, after, `"org_count": 2`)
}

func TestSendInBothEnvironments(t *testing.T) {
	t.Parallel()
	b := setup(t)
	d := draft()
	d.Envs = []string{"TEST", "PROD"}
	sent, err := incident.Send(b.ctx, b.serving, sven, uuid.New(), d, portalURL)
	require.NoError(t, err)
	require.Equal(t, map[string]string{"drift@konsument.example": b.konsument, "kari@konsument.example": b.konsument,
		"vakt@prod.example": b.prodOnly}, recipients(t, b, sent.ID))
}

// TestSendToProviders: Maskinporten as API provider is used by the
// organisations that own a prefix; their provider notification points get it.
func TestSendToProviders(t *testing.T) {
	t.Parallel()
	b := setup(t)
	d := draft()
	d.Service = string(merchant.Provider)
	sent, err := incident.Send(b.ctx, b.serving, sven, uuid.New(), d, portalURL)
	require.NoError(t, err)
	require.Equal(t, map[string]string{"api@tilbyder.example": b.tilbyder}, recipients(t, b, sent.ID))
}

func TestSendToChosenOrganisations(t *testing.T) {
	t.Parallel()
	b := setup(t)
	d := draft()
	d.Audience, d.OrgNos = string(incident.Chosen), []string{b.prodOnly}
	sent, err := incident.Send(b.ctx, b.serving, sven, uuid.New(), d, portalURL)
	require.NoError(t, err)
	require.Equal(t, map[string]string{"vakt@prod.example": b.prodOnly}, recipients(t, b, sent.ID),
		"chosen by hand, whatever environment it uses")
}

// TestSendTwiceWithOneFormSendsOnce: a double-clicked "Send varsel", even
// two requests at the same moment, is one incident and one e-mail each.
func TestSendTwiceWithOneFormSendsOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	key := uuid.New()
	results := make([]incident.Sent, 4)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			var err error
			results[i], err = incident.Send(b.ctx, b.serving, sven, key, draft(), portalURL)
			require.NoError(t, err)
		})
	}
	wg.Wait()
	repeated := 0
	for _, r := range results {
		require.Equal(t, results[0].ID, r.ID)
		if r.Repeated {
			repeated++
		}
	}
	require.Equal(t, len(results)-1, repeated)
	require.Equal(t, 1, count(t, b, `SELECT count(*) FROM incidents`))
	require.Equal(t, 2, count(t, b, `SELECT count(*) FROM mail_deliveries`))
	require.Equal(t, 2, count(t, b, `SELECT count(*) FROM river_job WHERE kind = 'mail.send'`))
	require.Equal(t, 1, count(t, b, `SELECT count(*) FROM audit_log WHERE action = 'incident.send'`))
}

// TestRefusedIncidentSavesNothing: a refusal found inside the transaction
// (nobody affected, nobody to tell, an unknown organisation) leaves no
// incident, no e-mail and no audit row behind.
func TestRefusedIncidentSavesNothing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	unknown := "991825827" // a valid number the portal does not know
	for name, tc := range map[string]struct {
		change func(d *incident.Draft)
		want   incident.FieldErrors
	}{
		"NoneAffected": {func(d *incident.Draft) {
			d.Service, d.Envs = string(merchant.Consumer), []string{"PROD"}
			d.Audience, d.OrgNos = string(incident.Chosen), []string{b.stille}
		},
			incident.FieldErrors{incident.FieldAudience: incident.CodeNoNotifyPoints}},
		"UnknownOrganisation": {func(d *incident.Draft) {
			d.Audience, d.OrgNos = string(incident.Chosen), []string{b.konsument, unknown}
		},
			incident.FieldErrors{incident.FieldOrgs: incident.CodeOrgUnknown}},
		"InvalidDraft": {func(d *incident.Draft) { d.Title = "" },
			incident.FieldErrors{incident.FieldTitle: incident.CodeTitleMissing}},
	} {
		t.Run(name, func(t *testing.T) {
			d := draft()
			tc.change(&d)
			_, err := incident.Send(b.ctx, b.serving, sven, uuid.New(), d, portalURL)
			require.Equal(t, tc.want, err)
		})
	}
	require.Equal(t, 0, count(t, b, `SELECT count(*) FROM incidents`))
	require.Equal(t, 0, count(t, b, `SELECT count(*) FROM incident_organisations`))
	require.Equal(t, 0, count(t, b, `SELECT count(*) FROM mail_deliveries`))
	require.Equal(t, 0, count(t, b, `SELECT count(*) FROM audit_log WHERE action = 'incident.send'`))
}

func TestSendWhenNobodyUsesTheService(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := storetest.URL(t)
	_, err := incident.Send(ctx, storetest.ServingPool(t, url), sven, uuid.New(), draft(), portalURL)
	require.Equal(t, incident.FieldErrors{incident.FieldAudience: incident.CodeNoneAffected}, err)
}

func TestListNewestFirst(t *testing.T) {
	t.Parallel()
	b := setup(t)
	var ids []int64
	for range 3 {
		sent, err := incident.Send(b.ctx, b.serving, sven, uuid.New(), draft(), portalURL)
		require.NoError(t, err)
		ids = append(ids, sent.ID)
	}
	list, more, err := incident.List(b.ctx, b.serving, 0)
	require.NoError(t, err)
	require.False(t, more)
	require.Len(t, list, 3)
	require.Equal(t, ids[2], list[0].ID)
	require.Equal(t, 2, list[0].Queued)
	older, _, err := incident.List(b.ctx, b.serving, ids[1])
	require.NoError(t, err)
	require.Len(t, older, 1)
	require.Equal(t, ids[0], older[0].ID)

	_, err = incident.Get(b.ctx, b.serving, ids[2]+100)
	require.ErrorIs(t, err, store.ErrNotFound)
}
