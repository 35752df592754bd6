package telemetry

import (
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
)

// poolCollector reports pgxpool's statistics of this process.
type poolCollector struct {
	pool                                       *pgxpool.Pool
	acquired, idle, total, max, constructing   *prometheus.Desc
	acquires, emptyAcquires, canceled, waitSec *prometheus.Desc
}

func newPoolCollector(pool *pgxpool.Pool) *poolCollector {
	d := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc("selvbetjening_db_pool_"+name, help, nil, nil)
	}
	return &poolCollector{
		pool:          pool,
		acquired:      d("acquired_connections", "Connections in use."),
		idle:          d("idle_connections", "Connections open and idle."),
		total:         d("total_connections", "Connections open."),
		max:           d("max_connections", "The pool's largest size."),
		constructing:  d("constructing_connections", "Connections being opened."),
		acquires:      d("acquires_total", "Connections handed out."),
		emptyAcquires: d("empty_acquires_total", "Acquires that had to wait or open a connection."),
		canceled:      d("canceled_acquires_total", "Acquires given up by their context."),
		waitSec:       d("acquire_seconds_total", "Time spent acquiring connections."),
	}
}

func (c *poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.acquired, c.idle, c.total, c.max, c.constructing,
		c.acquires, c.emptyAcquires, c.canceled, c.waitSec} {
		ch <- d
	}
}

func (c *poolCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.pool.Stat()
	g := func(d *prometheus.Desc, v float64) { ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v) }
	n := func(d *prometheus.Desc, v float64) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v)
	}
	g(c.acquired, float64(s.AcquiredConns()))
	g(c.idle, float64(s.IdleConns()))
	g(c.total, float64(s.TotalConns()))
	g(c.max, float64(s.MaxConns()))
	g(c.constructing, float64(s.ConstructingConns()))
	n(c.acquires, float64(s.AcquireCount()))
	n(c.emptyAcquires, float64(s.EmptyAcquireCount()))
	n(c.canceled, float64(s.CanceledAcquireCount()))
	n(c.waitSec, s.AcquireDuration().Seconds())
}
