package demo

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/sync/errgroup"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/keys"
)

// Scale is the data set of the scale benchmark at one size.
type Scale struct {
	Orgs   int // bulk organisations, ten integrations each
	Scopes int // under BulkPrefix, all shared with Eksempel Konsument in TEST
	// Extra integrations of Eksempel Konsument AS in TEST: the list page
	// measured is theirs, the same at every size.
	Extra int
}

// Integrations is how many the bulk load adds.
func (s Scale) Integrations() int { return s.Orgs*10 + s.Extra }

// scaleGrantsPerOrg scopes of BulkPrefix are granted to each bulk
// organisation, in TEST and PROD; an integration has the first of them, as
// many as its scope_count (at most five in BulkLoad) says.
const scaleGrantsPerOrg = 5

// scopeNames are the names, sorted as migration 00020 keeps them, of the
// first count of the scopes granted to orgNo: the one rule for the grants,
// the integrations' scopes and their audit entries, so that every scope on
// an integration is one its organisation was granted. org_no % 10000
// spreads the organisations (400000001…) over the scopes.
func (s Scale) scopeNames(orgNo string, count int) []string {
	n, _ := strconv.Atoi(orgNo)
	names := make([]string, min(count, scaleGrantsPerOrg))
	for k := range names {
		names[k] = fmt.Sprintf("%s:api-%05d", BulkPrefix, ((n%10000)*7+k)%s.Scopes+1)
	}
	slices.Sort(names)
	return names
}

// BulkScale loads the scale benchmark's data: BulkLoad's organisations and
// integrations, BulkScopes' scopes shared with Eksempel Konsument, and for
// every bulk organisation five scopes in TEST and PROD; every integration
// gets as many of its organisation's scopes as its scope_count says, one
// P-256 key and the audit entry of its creation, so each table the portal
// reads is as large as the integrations make it. COPY and INSERT … SELECT
// only, no statement per row; then VACUUM ANALYZE, so the planner knows the
// sizes and autovacuum has nothing left to do during the measurements.
//
// The integrations' rows carry their scope names from the start, so it
// loads fastest through a pool with session_replication_role = replica, as
// cmd/scalebench loads it: the triggers that would rewrite every row after
// its scopes (and check each row's foreign keys) then stay still.
func BulkScale(ctx context.Context, pool *pgxpool.Pool, s Scale) error {
	if err := bulkOrganisations(ctx, pool, s.Orgs); err != nil {
		return err
	}
	if err := BulkScopes(ctx, pool, s.Scopes, 0); err != nil {
		return err
	}
	// The grants need only the organisations and the scopes: they load
	// while the integrations do.
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return bulkIntegrations(gctx, pool, s.Orgs, 10, s.Extra, s.scopeNames) })
	g.Go(func() error { return s.grants(gctx, pool) })
	if err := g.Wait(); err != nil {
		return err
	}
	// Each integration's scopes, key and audit entry are independent of
	// each other: three statements at once, each filling a table of its own.
	g, gctx = errgroup.WithContext(ctx)
	g.Go(func() error {
		_, err := pool.Exec(gctx, `
			INSERT INTO integration_scopes (client_id, scope_id)
			SELECT i.client_id, s.id
			FROM integrations i CROSS JOIN unnest(i.scope_names) AS n(name) JOIN scopes s ON s.name = n.name
			WHERE i.created_by = 'Last'
			ON CONFLICT DO NOTHING`)
		if err != nil {
			return fmt.Errorf("bulk integration scopes: %w", err)
		}
		return nil
	})
	g.Go(func() error {
		priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return err
		}
		pub, err := publicKey(&priv.PublicKey, "ES256")
		if err != nil {
			return err
		}
		// One public key for all: a key's row costs the same whoever holds it.
		_, err = pool.Exec(gctx, `
			INSERT INTO integration_keys (client_id, kid, algorithm, key_type, bits, fingerprint, jwk, created_by)
			SELECT client_id, 'last-' || left(client_id::text, 8), $1, $2, $3, $4, $5, 'Last'
			FROM integrations WHERE created_by = 'Last'`, pub.Algorithm, pub.KeyType, pub.Bits, pub.Fingerprint, pub.JWK)
		if err != nil {
			return fmt.Errorf("bulk keys: %w", err)
		}
		return nil
	})
	g.Go(func() error {
		// The snapshot is integration's (its JSON names), as
		// integration.Insert records it, so the history of a bulk
		// integration reads like any other.
		_, err := pool.Exec(gctx, `
			INSERT INTO audit_log (at, actor_name, org_no, action, entity_type, entity_id, after)
			SELECT i.created_at, 'Last', i.org_no, $1, 'integration', i.client_id::text,
			       jsonb_build_object('name', i.name, 'description', i.description, 'env', i.env,
			           'service', i.service, 'token_lifetime', i.token_lifetime, 'active', i.active,
			           'version', i.version, 'scopes', to_jsonb(i.scope_names))
			FROM integrations i WHERE i.created_by = 'Last'`, string(audit.IntegrationCreate))
		if err != nil {
			return fmt.Errorf("bulk audit entries: %w", err)
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return err
	}
	g, gctx = errgroup.WithContext(ctx)
	for _, table := range []string{"organisations", "scopes", "scope_grants", "integrations",
		"integration_scopes", "integration_keys", "audit_log"} {
		g.Go(func() error {
			if _, err := pool.Exec(gctx, "VACUUM (ANALYZE) "+table); err != nil {
				return fmt.Errorf("vacuum %s: %w", table, err)
			}
			return nil
		})
	}
	return g.Wait()
}

// grants gives every bulk organisation its scaleGrantsPerOrg scopes in
// TEST and PROD, with one COPY.
func (s Scale) grants(ctx context.Context, pool *pgxpool.Pool) error {
	rows, err := pool.Query(ctx, `SELECT name, id FROM scopes WHERE prefix = $1`, BulkPrefix)
	if err != nil {
		return fmt.Errorf("bulk scopes: %w", err)
	}
	ids := map[string]int64{}
	var name string
	var id int64
	if _, err := pgx.ForEachRow(rows, []any{&name, &id}, func() error { ids[name] = id; return nil }); err != nil {
		return fmt.Errorf("bulk scopes: %w", err)
	}
	envs := []string{string(environment.Test), string(environment.Prod)}
	_, err = pool.CopyFrom(ctx, pgx.Identifier{"scope_grants"}, []string{"scope_id", "org_no", "env", "granted_by"},
		pgx.CopyFromSlice(s.Orgs*len(envs)*scaleGrantsPerOrg, func(n int) ([]any, error) {
			orgNo := strconv.Itoa(400000000 + 1 + n/(len(envs)*scaleGrantsPerOrg))
			names := s.scopeNames(orgNo, scaleGrantsPerOrg)
			name := names[n%scaleGrantsPerOrg]
			id, ok := ids[name]
			if !ok {
				return nil, fmt.Errorf("no scope %s", name)
			}
			return []any{id, orgNo, envs[n/scaleGrantsPerOrg%len(envs)], "Last"}, nil
		}))
	if err != nil {
		return fmt.Errorf("bulk grants: %w", err)
	}
	return nil
}

// ScaleClient is an integration of BulkScale's that ScaleTokenClients gave
// an RSA key, with what a token request of it needs.
type ScaleClient struct {
	ClientID uuid.UUID
	KID      string
	Scopes   []string // its scopes, all granted to its organisation
	Key      *rsa.PrivateKey
}

// ScaleTokenClients gives up to n active TEST integrations of BulkScale's,
// one in each of n organisations spread over them, one more key each: RSA
// 2048, so their clients sign with RS256, the algorithm most Maskinporten
// clients use. A few keys are shared among them, since making an RSA key is
// slow. It starts from the second organisation: BulkLoad deactivates every
// integration of the first of each ten, and with an even spread (the
// benchmark's) it never meets one of those.
func ScaleTokenClients(ctx context.Context, pool *pgxpool.Pool, s Scale, n int) ([]ScaleClient, error) {
	step := max(1, s.Orgs/n)
	rows, err := pool.Query(ctx, `
		SELECT DISTINCT ON (i.org_no) i.client_id,
		       array(SELECT sc.name FROM integration_scopes x JOIN scopes sc ON sc.id = x.scope_id
		             WHERE x.client_id = i.client_id ORDER BY sc.name)
		FROM integrations i
		WHERE i.org_no IN (SELECT (400000000 + o)::text FROM generate_series(2, $1::int, $2::int) AS o)
		  AND i.env = 'TEST' AND i.active AND i.scope_count > 0
		ORDER BY i.org_no, i.client_id
		LIMIT $3`, s.Orgs, step, n)
	if err != nil {
		return nil, fmt.Errorf("token clients: %w", err)
	}
	clients, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (ScaleClient, error) {
		var c ScaleClient
		return c, r.Scan(&c.ClientID, &c.Scopes)
	})
	if err != nil {
		return nil, fmt.Errorf("token clients: %w", err)
	}
	const distinctKeys = 4
	type rsaKey struct {
		priv *rsa.PrivateKey
		pub  keys.PublicKey
	}
	var made []rsaKey
	for range min(distinctKeys, len(clients)) {
		priv, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			return nil, err
		}
		pub, err := publicKey(&priv.PublicKey, "RS256")
		if err != nil {
			return nil, err
		}
		made = append(made, rsaKey{priv, pub})
	}
	keyRows := make([][]any, len(clients))
	for i := range clients {
		k := made[i%len(made)]
		clients[i].KID, clients[i].Key = fmt.Sprintf("skala-%d", i), k.priv
		keyRows[i] = []any{clients[i].ClientID, clients[i].KID, k.pub.Algorithm, k.pub.KeyType, k.pub.Bits,
			k.pub.Fingerprint, k.pub.JWK, "Last"}
	}
	_, err = pool.CopyFrom(ctx, pgx.Identifier{"integration_keys"},
		[]string{"client_id", "kid", "algorithm", "key_type", "bits", "fingerprint", "jwk", "created_by"},
		pgx.CopyFromRows(keyRows))
	if err != nil {
		return nil, fmt.Errorf("token client keys: %w", err)
	}
	return clients, nil
}

// publicKey is a public key as the portal registers it (keys.Parse).
func publicKey(key any, alg string) (keys.PublicKey, error) {
	raw, err := json.Marshal(jose.JSONWebKey{Key: key, KeyID: uuid.NewString(), Algorithm: alg, Use: "sig"})
	if err != nil {
		return keys.PublicKey{}, err
	}
	k, err := keys.Parse(string(raw), time.Now())
	if err != nil {
		return keys.PublicKey{}, fmt.Errorf("bench key: %w", err)
	}
	return k, nil
}
