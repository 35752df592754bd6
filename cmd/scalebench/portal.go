package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/benchsite"
	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/store"
)

// tokenClientCount is how many of the bulk integrations get an RSA key for the
// token requests: more than the requests per round, so no client comes
// near its rate limit.
const tokenClientCount = 500

// portal is one size: its database, the portal serving it, Kari's session
// and what the operations need.
type portal struct {
	scale        demo.Scale
	dbName       string
	owner        *pgxpool.Pool // the admin on this database: set-up and EXPLAIN
	site         *benchsite.Site
	recorder     *recorder
	kari         *http.Client
	loaded       time.Duration
	tableSizes   string
	deepCursor   string // the list's cursor 40 pages in
	tokenClients []demo.ScaleClient
	issuer       string // the TEST token endpoint's
	tokenURL     string
	created      []uuid.UUID // by the create operation, for the integration page
	turn         int         // counts requests, to vary what they ask for
	timings      map[string][]time.Duration
	plans        map[string][]plan
}

func startPortal(ctx context.Context, admin string, s demo.Scale, keep bool) (_ *portal, err error) {
	p := &portal{scale: s, dbName: fmt.Sprintf("selvbetjening_scale_%d", s.Orgs), recorder: &recorder{},
		timings: map[string][]time.Duration{}, plans: map[string][]plan{}}
	defer func() {
		if err != nil {
			p.close(context.Background(), admin, keep)
		}
	}()
	dbURL, err := benchsite.FreshDatabase(ctx, admin, p.dbName)
	if err != nil {
		return nil, err
	}
	if p.owner, err = store.Open(ctx, dbURL); err != nil {
		return nil, err
	}
	if err := store.Migrate(ctx, p.owner); err != nil {
		return nil, err
	}
	if err := demo.Seed(ctx, p.owner); err != nil {
		return nil, err
	}
	start := time.Now()
	if err := bulkLoad(ctx, dbURL, s); err != nil {
		return nil, err
	}
	if p.tokenClients, err = demo.ScaleTokenClients(ctx, p.owner, s, tokenClientCount); err != nil {
		return nil, err
	}
	if len(p.tokenClients) == 0 {
		return nil, fmt.Errorf("no integration to ask for tokens")
	}
	p.loaded = time.Since(start)
	if p.tableSizes, err = tableSizes(ctx, p.owner); err != nil {
		return nil, err
	}
	deep, err := integration.List(ctx, p.owner, demo.EksempelKonsument, environment.Test, true, nil)
	for range 40 {
		if err != nil {
			return nil, fmt.Errorf("the list's cursor: %w", err)
		}
		next, _ := integration.ParseCursor(deep.Next)
		deep, err = integration.List(ctx, p.owner, demo.EksempelKonsument, environment.Test, true, next)
	}
	if err != nil {
		return nil, fmt.Errorf("the list's cursor: %w", err)
	}
	p.deepCursor = deep.Next

	// Every request comes from one address, so the limit per source
	// address is off; the limit per client stays.
	p.site, err = benchsite.Start(ctx, benchsite.Options{DatabaseURL: dbURL, Login: p.dbName, Password: "selvbetjening-scale",
		Env: map[string]string{"TOKEN_RATE_LIMIT_ADDRESS": "0"}, Tracer: p.recorder})
	if err != nil {
		return nil, err
	}
	e := p.site.Tokens.Endpoint(environment.Test)
	p.issuer, p.tokenURL = e.Issuer, e.TokenURL()
	if p.kari, _, err = p.site.Login(demo.Kari); err != nil {
		return nil, err
	}
	p.kari.Transport = &http.Transport{MaxIdleConnsPerHost: 4}
	return p, nil
}

// bulkLoad loads the size's data as pg_restore --disable-triggers does:
// with session_replication_role = replica, which skips the triggers that
// check each row's foreign keys, the guards of scopes and the audit log, and
// the one that rewrites an integration's scope names after its scopes.
// demo.BulkScale makes every row consistent by construction (the names
// included), and checking or rewriting a million rows one by one would take
// longer than loading them.
func bulkLoad(ctx context.Context, dbURL string, s demo.Scale) error {
	loader, err := store.Open(ctx, dbURL, func(c *pgxpool.Config) {
		c.ConnConfig.RuntimeParams["session_replication_role"] = "replica"
	})
	if err != nil {
		return err
	}
	defer loader.Close()
	return demo.BulkScale(ctx, loader, s)
}

// tableSizes names the large tables with their rows, as the planner
// counts them.
func tableSizes(ctx context.Context, db *pgxpool.Pool) (string, error) {
	rows, err := db.Query(ctx, `
		SELECT relname, reltuples::bigint FROM pg_class
		WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND reltuples >= $1
		ORDER BY reltuples DESC, relname`, largeTable)
	if err != nil {
		return "", fmt.Errorf("table sizes: %w", err)
	}
	defer rows.Close()
	var parts []string
	for rows.Next() {
		var name string
		var n int64
		if err := rows.Scan(&name, &n); err != nil {
			return "", fmt.Errorf("table sizes: %w", err)
		}
		parts = append(parts, fmt.Sprintf("%s %s", name, count(n)))
	}
	return strings.Join(parts, ", "), rows.Err()
}

func count(n int64) string {
	switch {
	case n >= 1_000_000:
		return fmt.Sprintf("%.1fM", float64(n)/1e6)
	case n >= 1_000:
		return fmt.Sprintf("%.0fk", float64(n)/1e3)
	}
	return fmt.Sprint(n)
}

// close stops the portal and, unless keep, drops its database: a million
// integrations take a few gigabytes of disk.
func (p *portal) close(ctx context.Context, admin string, keep bool) {
	if p.site != nil {
		p.site.Close()
	}
	if p.owner != nil {
		p.owner.Close()
	}
	if !keep {
		_ = benchsite.DropDatabase(ctx, admin, p.dbName)
	}
}
