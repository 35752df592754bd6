package storetest

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/keys"
	"github.com/digdir/selvbetjening/internal/store"
)

// IntegrationOptions describe an integration. Its scopes must be shared with
// the organisation in the environment (Grant), as when a person creates one.
type IntegrationOptions struct {
	OrgNo         string          // a new organisation by default
	Env           environment.Env // TEST by default
	ClientID      uuid.UUID       // a fresh one by default
	Name          string          // "Integrasjon <n>" by default
	Description   string
	Scopes        []string
	TokenLifetime int    // integration.DefaultTokenLifetime by default
	CreatedBy     string // "Testdata" by default
}

// Integration creates an integration through integration.Insert, so it has
// its scopes and its audit entry like any other, and returns it as
// integration.Get reads it. The access policy is not asked: a test that is
// about it calls integration.Create.
func Integration(t testing.TB, db *pgxpool.Pool, o IntegrationOptions) integration.Integration {
	t.Helper()
	ctx := context.Background()
	if o.OrgNo == "" {
		o.OrgNo = Organisation(t, db, OrganisationOptions{}).No
	}
	if o.Env == "" {
		o.Env = environment.Test
	}
	if o.ClientID == uuid.Nil {
		o.ClientID = uuid.New()
	}
	if o.Name == "" {
		o.Name = fmt.Sprintf("Integrasjon %d", next())
	}
	if o.TokenLifetime == 0 {
		o.TokenLifetime = integration.DefaultTokenLifetime
	}
	if o.CreatedBy == "" {
		o.CreatedBy = "Testdata"
	}
	actor := identity.Actor{Person: identity.Person{Name: o.CreatedBy}, OrgNo: o.OrgNo}
	d := integration.Draft{Service: integration.ServiceMaskinporten, Name: o.Name, Description: o.Description,
		Scopes: o.Scopes, TokenLifetime: strconv.Itoa(o.TokenLifetime)}
	err := store.InTx(ctx, db, func(tx pgx.Tx) error {
		_, err := integration.Insert(ctx, tx, actor, o.Env, o.ClientID, uuid.New(), d)
		return err
	})
	require.NoError(t, err, "integration %q", o.Name)
	i, err := integration.Get(ctx, db, o.OrgNo, o.ClientID)
	require.NoError(t, err, "read integration %q", o.Name)
	return i
}

// KeyOptions describe a public key of an integration.
type KeyOptions struct {
	Integration integration.Integration // a new one in TEST by default
	KID         string                  // a fresh "nokkel-<n>" by default
	// Actor adds the key; by default a person of the integration's
	// organisation, registered for production when the integration is in PROD.
	Actor identity.Actor
}

// Key adds a fresh P-256 public key to the integration through
// integration.AddKey and returns it as parsed.
func Key(t testing.TB, db *pgxpool.Pool, o KeyOptions) keys.PublicKey {
	t.Helper()
	if o.Integration.ClientID == uuid.Nil {
		o.Integration = Integration(t, db, IntegrationOptions{})
	}
	if o.KID == "" {
		o.KID = fmt.Sprintf("nokkel-%d", next())
	}
	if o.Actor.OrgNo == "" {
		o.Actor = identity.Actor{Person: identity.Person{Name: "Testdata", PID: newPID()},
			OrgNo: o.Integration.OrgNo, FreshLoginUntil: time.Now().Add(time.Hour)}
		if o.Integration.Env == environment.Prod {
			ProductionPerson(t, db, ProductionPersonOptions{OrgNo: o.Actor.OrgNo, PID: o.Actor.PID})
		}
	}
	k, err := integration.AddKey(context.Background(), db, o.Actor, o.Integration.ClientID, PublicJWK(t, o.KID))
	require.NoError(t, err, "key %s of %s", o.KID, o.Integration.ClientID)
	return k
}

// PublicJWK makes a fresh P-256 public key as a JWK with the given kid.
func PublicJWK(t testing.TB, kid string) string {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	b, err := k.PublicKey.Bytes() // uncompressed point: 0x04 || X || Y
	require.NoError(t, err)
	enc := base64.RawURLEncoding.EncodeToString
	out, err := json.Marshal(map[string]string{"kty": "EC", "crv": "P-256", "kid": kid, "x": enc(b[1:33]), "y": enc(b[33:])})
	require.NoError(t, err)
	return string(out)
}
