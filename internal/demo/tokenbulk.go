package demo

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/keys"
	"github.com/digdir/selvbetjening/internal/store"
)

// TokenClient is one of BulkTokenClients' integrations with its private key,
// in the shape of the token load generator's clients.jsonl.
type TokenClient struct {
	ClientID string          `json:"client_id"`
	OrgNo    string          `json:"org_no"`
	Active   bool            `json:"active"`
	Scope    string          `json:"scope"`
	JWK      json.RawMessage `json:"jwk"` // the private P-256 key, with its kid
}

// BulkTokenClients adds n TEST integrations for a load run of the token
// endpoint: 1,000 organisations with n/1,000 each, one P-256 key apiece, two
// of twenty scopes (prefix "bench", shared with every organisation in TEST),
// and one in a hundred deactivated. COPY, for benchmarks only.
func BulkTokenClients(ctx context.Context, pool *pgxpool.Pool, n int) ([]TokenClient, error) {
	const orgs = 1000
	var orgRows, intRows, keyRows, scopeRows [][]any
	clients := make([]TokenClient, n)
	for o := range orgs {
		orgRows = append(orgRows, []any{strconv.Itoa(320_000_000 + o), "Tokenlast AS " + strconv.Itoa(o)})
	}
	now := time.Now()
	for i := range n {
		priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return nil, err
		}
		id, kid := uuid.New(), uuid.NewString()
		pub, err := json.Marshal(jose.JSONWebKey{Key: &priv.PublicKey, KeyID: kid, Algorithm: "ES256", Use: "sig"})
		if err != nil {
			return nil, err
		}
		k, err := keys.Parse(string(pub), now)
		if err != nil {
			return nil, fmt.Errorf("bench key %d: %w", i, err)
		}
		privJSON, err := json.Marshal(jose.JSONWebKey{Key: priv, KeyID: kid, Algorithm: "ES256", Use: "sig"})
		if err != nil {
			return nil, err
		}
		org := strconv.Itoa(320_000_000 + i%orgs)
		c := TokenClient{ClientID: id.String(), OrgNo: org, Active: i%100 != 99, JWK: privJSON,
			Scope: fmt.Sprintf("bench:read%d bench:write%d", i%10, i%10)}
		clients[i] = c
		intRows = append(intRows, []any{id, org, "TEST", "maskinporten", "tokenlast-" + strconv.Itoa(i), 120, c.Active, 2, id, "Last", "Last"})
		keyRows = append(keyRows, []any{id, k.KID, k.Algorithm, k.KeyType, k.Bits, k.Fingerprint, k.JWK, "Last"})
		scopeRows = append(scopeRows, []any{id, "bench:read" + strconv.Itoa(i%10)}, []any{id, "bench:write" + strconv.Itoa(i%10)})
	}
	err := store.InTx(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"organisations"}, []string{"org_no", "name"}, pgx.CopyFromRows(orgRows)); err != nil {
			return fmt.Errorf("bench organisations: %w", err)
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO scope_prefixes (prefix, org_no) VALUES ('bench', '991825827');
			INSERT INTO scopes (prefix, name, description, max_token_lifetime)
			SELECT 'bench', 'bench:' || kind || n, 'Lasttest', 600
			FROM generate_series(0, 9) AS n, unnest(ARRAY['read', 'write']) AS kind;
			INSERT INTO scope_grants (scope_id, org_no, env)
			SELECT s.id, o.org_no, 'TEST' FROM scopes s, organisations o
			WHERE s.prefix = 'bench' AND o.org_no LIKE '32%'`); err != nil {
			return fmt.Errorf("bench scopes: %w", err)
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"integrations"}, []string{"client_id", "org_no", "env", "service", "name",
			"token_lifetime", "active", "scope_count", "creation_key", "created_by", "updated_by"}, pgx.CopyFromRows(intRows)); err != nil {
			return fmt.Errorf("bench integrations: %w", err)
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"integration_keys"}, []string{"client_id", "kid", "algorithm", "key_type",
			"bits", "fingerprint", "jwk", "created_by"}, pgx.CopyFromRows(keyRows)); err != nil {
			return fmt.Errorf("bench keys: %w", err)
		}
		if _, err := tx.Exec(ctx, `CREATE TEMP TABLE bench_scopes (client_id uuid, name text) ON COMMIT DROP`); err != nil {
			return err
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"bench_scopes"}, []string{"client_id", "name"}, pgx.CopyFromRows(scopeRows)); err != nil {
			return fmt.Errorf("bench integration scopes: %w", err)
		}
		_, err := tx.Exec(ctx, `INSERT INTO integration_scopes (client_id, scope_id)
			SELECT b.client_id, s.id FROM bench_scopes b JOIN scopes s ON s.name = b.name`)
		return err
	})
	if err != nil {
		return nil, err
	}
	// Leave autovacuum nothing to do mid-run.
	_, err = pool.Exec(ctx, `VACUUM (ANALYZE) organisations, scopes, scope_grants, integrations, integration_keys, integration_scopes`)
	return clients, err
}
