package accessmail_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/accessmail"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/provider"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

const portalURL = "https://selvbetjening.example"

type bundle struct {
	ctx             context.Context
	serving, owner  *pgxpool.Pool
	tilbyder, kunde identity.Actor
	scope           string
	scopeID         int64
}

// setup makes a provider with a public scope and one notification point as
// API provider (and one as consumer, which must not hear of requests), and
// a consumer with two notification points as API consumer.
func setup(t *testing.T) bundle {
	t.Helper()
	ctx := context.Background()
	url := storetest.URL(t)
	owner, err := store.Open(ctx, url)
	require.NoError(t, err)
	t.Cleanup(owner.Close)
	b := bundle{ctx: ctx, serving: storetest.ServingPool(t, url), owner: owner}

	tilbyder := storetest.Organisation(t, owner, storetest.OrganisationOptions{Name: "Tilbyder AS"}).No
	prefix := storetest.ScopePrefix(t, owner, storetest.ScopePrefixOptions{OrgNo: tilbyder}).Prefix
	sc := storetest.Scope(t, owner, storetest.ScopeOptions{Prefix: prefix})
	b.scope, b.scopeID = sc.Name, sc.ID
	storetest.Merchant(t, owner, storetest.MerchantOptions{OrgNo: tilbyder, Service: merchant.Provider,
		Points: []merchant.Point{{Name: "API-forvaltning", Email: "api@tilbyder.example"}}})
	storetest.Merchant(t, owner, storetest.MerchantOptions{OrgNo: tilbyder, Service: merchant.Consumer,
		Points: []merchant.Point{{Name: "Drift", Email: "drift@tilbyder.example"}}})

	kunde := storetest.Organisation(t, owner, storetest.OrganisationOptions{Name: "Kunde AS"}).No
	storetest.Merchant(t, owner, storetest.MerchantOptions{OrgNo: kunde, Points: []merchant.Point{
		{Name: "Drift", Email: "drift@kunde.example"}, {Name: "Kari", Email: "kari@kunde.example"}}})

	actor := func(name, orgNo string) identity.Actor {
		return identity.Actor{Person: identity.Person{Name: name, PID: storetest.PersonNumber()}, OrgNo: orgNo,
			FreshLoginUntil: time.Now().Add(time.Hour)}
	}
	b.tilbyder, b.kunde = actor("Petra Tilbyder", tilbyder), actor("Kari Kunde", kunde)
	return b
}

func deliveries(t *testing.T, b bundle, cause string) []mail.Delivery {
	t.Helper()
	list, err := mail.Deliveries(b.ctx, b.serving, cause, mail.Page{})
	require.NoError(t, err)
	return list
}

// TestRequestArrivesAndIsAnswered: a request e-mails the provider's
// notification points as API provider, in the transaction that makes it;
// asking again while it is open sends nothing new; the answer e-mails the
// consumer's points as API consumer, with the reason of a denial.
func TestRequestArrivesAndIsAnswered(t *testing.T) {
	t.Parallel()
	b := setup(t)
	notify := accessmail.Queue(portalURL + "/")

	r, created, err := provider.Ask(b.ctx, b.serving, b.kunde, environment.Test, b.scope, "Til lønnssystemet", notify)
	require.NoError(t, err)
	require.True(t, created)
	_, _, err = provider.Ask(b.ctx, b.serving, b.kunde, environment.Test, b.scope, "igjen", notify)
	require.NoError(t, err)
	got := deliveries(t, b, mail.AccessRequestCause(r.ID, provider.EventReceived))
	require.Len(t, got, 1, "the provider's one point as provider, once")
	require.Equal(t, "api@tilbyder.example", got[0].To)
	require.Equal(t, "Kunde AS ber om tilgang til "+b.scope+" i TEST", got[0].Subject)
	for _, want := range []string{"Kunde AS (" + b.kunde.OrgNo + ") ber om tilgang", "Begrunnelse: Til lønnssystemet",
		"Sendt av: Kari Kunde", portalURL + "/mine-api?miljo=TEST", "varslingspunkt for Maskinporten (API-tilbyder) hos Tilbyder AS"} {
		require.Contains(t, got[0].Text, want)
	}

	require.NoError(t, provider.Deny(b.ctx, b.serving, b.tilbyder, r.ID, "Bare for kommuner", notify))
	got = deliveries(t, b, mail.AccessRequestCause(r.ID, provider.EventAnswered))
	require.Len(t, got, 2)
	require.Equal(t, []string{"drift@kunde.example", "kari@kunde.example"}, []string{got[0].To, got[1].To})
	require.Equal(t, "Tilgang til "+b.scope+" i TEST er avslått", got[0].Subject)
	for _, want := range []string{"Tilbyder AS har avslått", "Begrunnelse: Bare for kommuner", "besvart av Petra Tilbyder",
		portalURL + "/tilgangsforesporsler", "hos Kunde AS"} {
		require.Contains(t, got[0].Text, want)
	}

	again, _, err := provider.Ask(b.ctx, b.serving, b.kunde, environment.Test, b.scope, "", notify)
	require.NoError(t, err)
	require.NoError(t, provider.Approve(b.ctx, b.serving, b.tilbyder, again.ID, notify))
	got = deliveries(t, b, mail.AccessRequestCause(again.ID, provider.EventAnswered))
	require.Len(t, got, 2)
	require.Equal(t, "Tilgang til "+b.scope+" i TEST er godkjent", got[0].Subject)
	require.Contains(t, got[0].Text, "Tilbyder AS har godkjent")
}

// TestRefusedAnswerQueuesNothing: a denial without a reason is refused,
// and its e-mail goes nowhere.
func TestRefusedAnswerQueuesNothing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	notify := accessmail.Queue(portalURL)
	r, _, err := provider.Ask(b.ctx, b.serving, b.kunde, environment.Test, b.scope, "", notify)
	require.NoError(t, err)
	require.Error(t, provider.Deny(b.ctx, b.serving, b.tilbyder, r.ID, " ", notify))
	require.Empty(t, deliveries(t, b, mail.AccessRequestCause(r.ID, provider.EventAnswered)))
}

// TestGrantAnswersAndTells: sharing the scope with an organisation that
// asked for it answers the request, and its notification points hear so.
func TestGrantAnswersAndTells(t *testing.T) {
	t.Parallel()
	b := setup(t)
	notify := accessmail.Queue(portalURL)
	r, _, err := provider.Ask(b.ctx, b.serving, b.kunde, environment.Test, b.scope, "", notify)
	require.NoError(t, err)
	other := storetest.Organisation(t, b.owner, storetest.OrganisationOptions{}).No
	_, err = provider.AddGrants(b.ctx, b.serving, b.tilbyder, b.scopeID, environment.Test, b.kunde.OrgNo+" "+other, notify)
	require.NoError(t, err)
	got := deliveries(t, b, mail.AccessRequestCause(r.ID, provider.EventAnswered))
	require.Len(t, got, 2, "Kunde AS's two points; the other organisation had not asked")
	require.Equal(t, "Tilgang til "+b.scope+" i TEST er godkjent", got[0].Subject)
	require.Contains(t, got[0].Text, "besvart av Petra Tilbyder")
	var n int
	require.NoError(t, b.owner.QueryRow(b.ctx, `SELECT count(*) FROM mail_deliveries WHERE cause LIKE 'access-request:%:answered'`).Scan(&n))
	require.Equal(t, 2, n)
}
