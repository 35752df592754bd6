package token

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/digdir/selvbetjening/internal/config"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/ratelimit"
)

// FlushInterval is how often the rate counts are written and every
// process's totals read back: the limit is shared a second late at worst.
const FlushInterval = time.Second

// CountsFlushInterval is how often the answers per integration and the
// keys' last use are written. The integration's page shows the tokens of
// the last 24 hours (to five minutes) and when a key was last used (to the
// minute), so a minute late costs nothing there. Each write is a row per
// integration, bucket and outcome and a row per key, however many tokens
// they count: under load from many integrations, each asking every few
// seconds, a write every second rewrote a row per token.
const CountsFlushInterval = time.Minute

// sweepInterval is how often spent jtis and old counts are deleted. Every
// process sweeps; the DELETEs are idempotent.
const sweepInterval = time.Minute

// countsKept is how long the counts per integration are kept.
const countsKept = 8 * 24 * time.Hour

// EndpointConfig is one environment's authorization server.
type EndpointConfig struct {
	Env    environment.Env
	Issuer string // ends with "/"
}

// Options configure the endpoints.
type Options struct {
	Endpoints []EndpointConfig
	// KeyEncryptionKey seals the signing keys (TOKEN_KEY_ENCRYPTION_KEY).
	KeyEncryptionKey []byte
	// Requests a minute per client id and per source address; 0 is no limit.
	ClientLimit, AddressLimit int
	Log                       *slog.Logger
	// Registry receives the endpoints' metrics; a registry of their own
	// when nil.
	Registry prometheus.Registerer
	// FlushInterval is how often the rate counts are written; FlushInterval
	// (the constant) when zero. The other counts are written every
	// CountsFlushInterval, or as seldom as this when it is longer. Tests
	// that flush by hand set it long.
	FlushInterval time.Duration
	// Now is the clock the signing keys are chosen by (which key has taken
	// over, which are still published); time.Now when nil. Tests move it.
	Now func() time.Time
}

// FromConfig is the endpoints the settings ask for: TEST always, PROD when
// MASKINPORTEN_PROD_ISSUER is set.
// Its metrics go to registry (the process's, telemetry.Metrics.Registry).
func FromConfig(c config.Token, log *slog.Logger, registry prometheus.Registerer) Options {
	opts := Options{
		Endpoints:        []EndpointConfig{{Env: environment.Test, Issuer: c.TestIssuer}},
		KeyEncryptionKey: c.KeyEncryptionKey, ClientLimit: c.ClientLimit, AddressLimit: c.AddressLimit, Log: log,
		Registry: registry,
	}
	if c.ProdIssuer != "" {
		opts.Endpoints = append(opts.Endpoints, EndpointConfig{Env: environment.Prod, Issuer: c.ProdIssuer})
	}
	return opts
}

// Service runs every environment's endpoint, the flusher of their counts
// and their metrics.
type Service struct {
	pool      *pgxpool.Pool
	log       *slog.Logger
	endpoints map[environment.Env]*Endpoint
	limiter   *limiter
	limits    map[rateKind]int
	// clientKeys are the integrations' keys as parsed, for every endpoint:
	// a row id names one key in one environment.
	clientKeys *clientKeys
	counts     *counts
	registry   prometheus.Registerer
	issued     *prometheus.CounterVec
	refused    *prometheus.CounterVec
	failed     *prometheus.CounterVec
	duration   *prometheus.HistogramVec

	flushEvery time.Duration
	flushMu    sync.Mutex // one flush at a time
	stop       context.CancelFunc
	done       chan struct{}
}

// Start makes each environment's first signing key if it has none, loads the
// keys and starts the flusher. Close stops it and writes what is counted.
func Start(ctx context.Context, pool *pgxpool.Pool, opts Options) (*Service, error) {
	s := &Service{
		pool: pool, log: opts.Log, endpoints: map[environment.Env]*Endpoint{}, limiter: newLimiter(),
		limits: map[rateKind]int{rateClient: opts.ClientLimit, rateAddress: opts.AddressLimit},
		counts: newCounts(), clientKeys: newClientKeys(), registry: opts.Registry, done: make(chan struct{}),
		flushEvery: opts.FlushInterval,
	}
	if s.flushEvery <= 0 {
		s.flushEvery = FlushInterval
	}
	if s.registry == nil {
		s.registry = prometheus.NewRegistry()
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.registerMetrics()
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	for _, c := range opts.Endpoints {
		if err := EnsureSigningKey(ctx, pool, opts.KeyEncryptionKey, c.Env, now()); err != nil {
			return nil, fmt.Errorf("token endpoint %s: %w", c.Env, err)
		}
		e := &Endpoint{Env: c.Env, Issuer: c.Issuer, aud: Audience{Issuer: c.Issuer, TokenURL: paths.TokenEndpoint(c.Issuer)},
			pool: pool, service: s, clientLn: opts.ClientLimit, addrLn: opts.AddressLimit,
			keys: &keyRing{pool: pool, kek: opts.KeyEncryptionKey, env: c.Env, now: now}}
		if err := e.keys.load(ctx); err != nil {
			return nil, fmt.Errorf("token endpoint %s: %w", c.Env, err)
		}
		s.endpoints[c.Env] = e
	}
	loopCtx, stop := context.WithCancel(context.WithoutCancel(ctx))
	s.stop = stop
	go s.loop(loopCtx)
	return s, nil
}

// Endpoint returns env's endpoint, or nil when env has none.
func (s *Service) Endpoint(env environment.Env) *Endpoint {
	if s == nil {
		return nil
	}
	return s.endpoints[env]
}

// Endpoints lists the configured endpoints, TEST first.
func (s *Service) Endpoints() []*Endpoint {
	var out []*Endpoint
	for _, env := range environment.All() {
		if e := s.Endpoint(env); e != nil {
			out = append(out, e)
		}
	}
	return out
}

// Close stops the flusher and writes the counts it holds.
func (s *Service) Close() {
	s.stop()
	<-s.done
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Flush(ctx); err != nil {
		s.log.Warn("token counts not written at shutdown", "error", err)
	}
}

func (s *Service) loop(ctx context.Context) {
	defer close(s.done)
	flush := time.NewTicker(s.flushEvery)
	defer flush.Stop()
	flushCounts := time.NewTicker(max(CountsFlushInterval, s.flushEvery))
	defer flushCounts.Stop()
	sweep := time.NewTicker(sweepInterval)
	defer sweep.Stop()
	keys := time.NewTicker(KeyRefresh)
	defer keys.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-flush.C:
			s.flushMu.Lock()
			err := s.flushRates(ctx)
			s.flushMu.Unlock()
			if err != nil && ctx.Err() == nil {
				s.log.Warn("token rate counts not written; kept for the next try", "error", err)
			}
		case <-flushCounts.C:
			s.flushMu.Lock()
			err := s.flushCounts(ctx)
			s.flushMu.Unlock()
			if err != nil && ctx.Err() == nil {
				s.log.Warn("token counts not written; kept for the next try", "error", err)
			}
		case <-sweep.C:
			if err := s.sweep(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("token sweep", "error", err)
			}
		case <-keys.C:
			for _, e := range s.endpoints {
				if err := e.keys.load(ctx); err != nil && ctx.Err() == nil {
					s.log.Warn("token signing keys not read; signing with the ones held", "env", string(e.Env), "error", err)
				}
			}
		}
	}
}

// ReloadKeys reads every endpoint's signing keys now (after a rotation).
func (s *Service) ReloadKeys(ctx context.Context) error {
	var errs []error
	for _, e := range s.endpoints {
		errs = append(errs, e.keys.load(ctx))
	}
	return errors.Join(errs...)
}

// Flush writes every count held in the process now: one statement for the
// rate counts (which reads back every process's totals), one for the
// answers per integration and one for the keys' last use, only those with
// rows. The flusher writes the rate counts every FlushInterval and the
// others every CountsFlushInterval.
func (s *Service) Flush(ctx context.Context) error {
	s.flushMu.Lock()
	defer s.flushMu.Unlock()
	return errors.Join(s.flushRates(ctx), s.flushCounts(ctx))
}

func (s *Service) flushRates(ctx context.Context) error {
	limit := func(kind string) int { return s.limits[rateKind(kind)] }
	if err := s.limiter.shared.Flush(ctx, limit, ratelimit.Store{Pool: s.pool}.Write); err != nil {
		return fmt.Errorf("write rate counts: %w", err)
	}
	return nil
}

func (s *Service) flushCounts(ctx context.Context) error {
	answers, keyUse := s.counts.take()
	var errs []error
	if len(answers) > 0 {
		ids, buckets, outcomes, ns := make([]uuid.UUID, 0, len(answers)), make([]time.Time, 0, len(answers)),
			make([]string, 0, len(answers)), make([]int64, 0, len(answers))
		for k, n := range answers {
			ids, buckets, outcomes, ns = append(ids, k.clientID), append(buckets, k.bucket), append(outcomes, k.outcome), append(ns, n)
		}
		if _, err := s.pool.Exec(ctx, `
			INSERT INTO token_counts (client_id, bucket, outcome, count)
			SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::bigint[])
			ON CONFLICT (client_id, bucket, outcome) DO UPDATE SET count = token_counts.count + excluded.count`,
			ids, buckets, outcomes, ns); err != nil {
			errs = append(errs, fmt.Errorf("write token counts: %w", err))
		} else {
			answers = nil
		}
	}
	if len(keyUse) > 0 {
		ids, ats := make([]int64, 0, len(keyUse)), make([]time.Time, 0, len(keyUse))
		for id, at := range keyUse {
			ids, ats = append(ids, id), append(ats, at)
		}
		if _, err := s.pool.Exec(ctx, `
			INSERT INTO token_key_use (key_id, last_used_at)
			SELECT * FROM unnest($1::bigint[], $2::timestamptz[])
			ON CONFLICT (key_id) DO UPDATE SET last_used_at = greatest(token_key_use.last_used_at, excluded.last_used_at)`,
			ids, ats); err != nil {
			errs = append(errs, fmt.Errorf("write key use: %w", err))
		} else {
			keyUse = nil
		}
	}
	if answers != nil || keyUse != nil {
		s.counts.giveBack(answers, keyUse)
	}
	return errors.Join(errs...)
}

func (s *Service) sweep(ctx context.Context) error {
	_, err1 := s.pool.Exec(ctx, `DELETE FROM token_jtis WHERE expires_at < now()`)
	_, err2 := s.pool.Exec(ctx, `DELETE FROM rate_counts WHERE window_start < now() - make_interval(secs => $1)`,
		(2 * RateWindow).Seconds())
	_, err3 := s.pool.Exec(ctx, `DELETE FROM token_counts WHERE bucket < now() - make_interval(secs => $1)`,
		countsKept.Seconds())
	return errors.Join(err1, err2, err3)
}

func (s *Service) registerMetrics() {
	s.issued = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "selvbetjening_tokens_issued_total", Help: "Access tokens issued by the token endpoint.",
	}, []string{"env"})
	s.refused = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "selvbetjening_token_refusals_total", Help: "Token requests refused, by reason (the refusal's code).",
	}, []string{"env", "reason", "error"})
	s.failed = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "selvbetjening_token_failures_total", Help: "Token requests not answered because of the database or the portal.",
	}, []string{"env"})
	s.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "selvbetjening_token_request_duration_seconds", Help: "Time to answer a token request.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1},
	}, []string{"env"})
	s.registry.MustRegister(s.issued, s.refused, s.failed, s.duration)
	for _, env := range environment.All() {
		s.issued.WithLabelValues(string(env))
		for _, c := range Codes() {
			s.refused.WithLabelValues(string(env), string(c), c.OAuthError())
		}
	}
}

func (s *Service) observe(env environment.Env, clientID uuid.UUID, r *Refusal, err error, start time.Time) {
	s.duration.WithLabelValues(string(env)).Observe(time.Since(start).Seconds())
	switch {
	case err != nil:
		s.failed.WithLabelValues(string(env)).Inc()
	case r != nil:
		s.refused.WithLabelValues(string(env), string(r.Code), r.Code.OAuthError()).Inc()
		if clientID != uuid.Nil {
			s.counts.answer(clientID, string(r.Code), start)
		}
	default:
		s.issued.WithLabelValues(string(env)).Inc()
		s.counts.answer(clientID, OutcomeIssued, start)
	}
}
