// Package telemetry is what an operator watches: Prometheus metrics on
// /metrics and OpenTelemetry traces over OTLP.
//
// Metrics are labelled by chi's route pattern, never the raw path, so an
// integration's client id cannot blow up a series count. Figures that belong
// to the whole deployment (queued jobs, e-mail deliveries, active sessions)
// are read from PostgreSQL at scrape time, so every replica reports the same
// numbers and none has to agree with the others; figures of one process
// (requests, latency, its connection pool) are counted in the process.
//
// Traces cost nothing unless OTEL_EXPORTER_OTLP_ENDPOINT (or
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set: then every request is a span
// named by its route, every query a child span (otelpgx), and the request id
// in the log is the trace id.
package telemetry
