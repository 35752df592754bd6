package telemetry

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
)

// databaseCollector reads the deployment's figures from PostgreSQL when
// scraped: the job queue by kind and state, e-mail deliveries by status, and
// active sessions. Every replica reports the same numbers; sum them with
// max(), not sum(), across replicas.
type databaseCollector struct {
	pool                       *pgxpool.Pool
	jobs, deliveries, sessions *prometheus.Desc
	scrapeErrors               prometheus.Counter
}

// scrapeTimeout bounds a scrape's queries: a slow database must not hold
// Prometheus (or the portal's connections) for long.
const scrapeTimeout = 2 * time.Second

func newDatabaseCollector(pool *pgxpool.Pool) *databaseCollector {
	return &databaseCollector{
		pool: pool,
		jobs: prometheus.NewDesc("selvbetjening_jobs",
			"Background jobs in the queue, by kind and state (failures are state retryable or discarded).",
			[]string{"kind", "state"}, nil),
		deliveries: prometheus.NewDesc("selvbetjening_mail_deliveries",
			"E-mail deliveries by status: queued, sending, sent or failed.", []string{"status"}, nil),
		sessions: prometheus.NewDesc("selvbetjening_sessions_active",
			"Sessions that have not expired.", nil, nil),
		scrapeErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "selvbetjening_metrics_database_errors_total",
			Help: "Scrapes whose database figures could not be read.",
		}),
	}
}

func (c *databaseCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.jobs
	ch <- c.deliveries
	ch <- c.sessions
	c.scrapeErrors.Describe(ch)
}

func (c *databaseCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), scrapeTimeout)
	defer cancel()
	if err := c.collect(ctx, ch); err != nil {
		c.scrapeErrors.Inc()
		slog.WarnContext(ctx, "metrics: database figures unavailable", "error", err)
	}
	c.scrapeErrors.Collect(ch)
}

// collect reads all three figures in one round trip.
func (c *databaseCollector) collect(ctx context.Context, ch chan<- prometheus.Metric) error {
	rows, err := c.pool.Query(ctx, `
		SELECT 'job', kind, state::text, count(*) FROM river_job GROUP BY kind, state
		UNION ALL
		SELECT 'mail', '', status, count(*) FROM mail_deliveries GROUP BY status
		UNION ALL
		SELECT 'session', '', '', count(*) FROM sessions WHERE expires_at > now()`)
	if err != nil {
		return err
	}
	defer rows.Close()
	// Every status is reported, 0 included, so that a rate() over a status
	// that has not happened yet is 0 and not absent.
	mail := map[string]int64{"queued": 0, "sending": 0, "sent": 0, "failed": 0}
	for rows.Next() {
		var what, kind, state string
		var n int64
		if err := rows.Scan(&what, &kind, &state, &n); err != nil {
			return err
		}
		switch what {
		case "job":
			ch <- prometheus.MustNewConstMetric(c.jobs, prometheus.GaugeValue, float64(n), kind, state)
		case "mail":
			mail[state] = n
		case "session":
			ch <- prometheus.MustNewConstMetric(c.sessions, prometheus.GaugeValue, float64(n))
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for status, n := range mail {
		ch <- prometheus.MustNewConstMetric(c.deliveries, prometheus.GaugeValue, float64(n), status)
	}
	return nil
}
