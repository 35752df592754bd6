package telemetry_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/stretchr/testify/require"
	collectortrace "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	"google.golang.org/protobuf/proto"

	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
	"github.com/digdir/selvbetjening/internal/telemetry"
)

// collector is an OTLP/HTTP receiver that keeps the spans' names by trace id.
type collector struct {
	mu    sync.Mutex
	spans map[string][]string // trace id → span names
}

func (c *collector) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var req collectortrace.ExportTraceServiceRequest
	if err := proto.Unmarshal(body, &req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, rs := range req.ResourceSpans {
		for _, ss := range rs.ScopeSpans {
			for _, s := range ss.Spans {
				id := hexID(s.TraceId)
				c.spans[id] = append(c.spans[id], s.Name)
			}
		}
	}
	w.Header().Set("Content-Type", "application/x-protobuf")
	_, _ = w.Write(nil)
}

func hexID(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, x := range b {
		out = append(out, digits[x>>4], digits[x&0xf])
	}
	return string(out)
}

// Traced, a request continues its caller's trace, its span is named by the
// route pattern, its queries are child spans, and the request's id is the
// trace id.
func TestTracingOverOTLP(t *testing.T) {
	recv := &collector{spans: map[string][]string{}}
	srv := httptest.NewServer(recv)
	defer srv.Close()
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", srv.URL)

	ctx := context.Background()
	tracing, err := telemetry.StartTracing(ctx, func(k string) string {
		if k == "OTEL_EXPORTER_OTLP_ENDPOINT" {
			return srv.URL
		}
		return ""
	}, "selvbetjening-test")
	require.NoError(t, err)
	require.True(t, tracing.Enabled())

	pool, err := store.Open(ctx, storetest.URL(t), store.WithQueryTracer(tracing.QueryTracer()))
	require.NoError(t, err)
	defer pool.Close()

	var seenID string
	r := chi.NewRouter()
	r.Use(telemetry.NameSpan)
	r.Get("/ting/{id}", func(w http.ResponseWriter, r *http.Request) {
		seenID = telemetry.TraceID(r.Context())
		var one int
		require.NoError(t, pool.QueryRow(r.Context(), "SELECT 1").Scan(&one))
	})
	front := httptest.NewServer(tracing.Handler(r))
	defer front.Close()

	const caller = "4bf92f3577b34da6a3ce929d0e0e4736"
	req, _ := http.NewRequest(http.MethodGet, front.URL+"/ting/42", nil)
	req.Header.Set("traceparent", "00-"+caller+"-00f067aa0ba902b7-01")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, caller, seenID, "the request's trace id is its caller's")

	require.NoError(t, tracing.Shutdown(ctx)) // flushes the batch
	recv.mu.Lock()
	defer recv.mu.Unlock()
	names := recv.spans[caller]
	require.Contains(t, names, "GET /ting/{id}")
	require.GreaterOrEqual(t, len(names), 2, "the query is a span of the same trace: %v", names)
}

// Without an endpoint nothing is traced and nothing is wrapped.
func TestTracingOff(t *testing.T) {
	tracing, err := telemetry.StartTracing(context.Background(), func(string) string { return "" }, "x")
	require.NoError(t, err)
	require.False(t, tracing.Enabled())
	require.Nil(t, tracing.QueryTracer())
	h := &collector{}
	require.Same(t, h, tracing.Handler(h))
	require.Equal(t, "", telemetry.TraceID(context.Background()))
}
