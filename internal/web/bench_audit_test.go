package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// auditBenchRows is how many audit rows the audit benchmarks load.
const auditBenchRows = 1_000_000

// BenchmarkAuditLog measures the console's audit log with 1,000,000 rows,
// loaded with COPY as the owner (the serving role may only append): the
// first page, the 1,000th page (keyset: the same cost), and the streamed
// CSV export of all of them, with the heap's peak while it runs.
func BenchmarkAuditLog(b *testing.B) {
	site := webtest.Start(b)
	ctx := context.Background()
	now := time.Now()
	columns := []string{"at", "actor_name", "actor_role", "org_no", "action", "entity_type", "entity_id", "after"}
	_, err := site.Pool.CopyFrom(ctx, pgx.Identifier{"audit_log"}, columns, pgx.CopyFromSlice(auditBenchRows, func(i int) ([]any, error) {
		env := "TEST"
		if i%4 == 0 {
			env = "PROD"
		}
		return []any{now.Add(-time.Duration(auditBenchRows-i) * time.Second), fmt.Sprint("Person ", i%1000), "employee",
			demo.EksempelKonsument, "integration.update", "integration", strconv.Itoa(i),
			fmt.Sprintf(`{"name": "Integrasjon %d", "env": "%s", "scopes": ["skatteetaten:mva"], "version": %d}`, i, env, i%7)}, nil
	}))
	require.NoError(b, err)
	_, err = site.Pool.Exec(ctx, `ANALYZE audit_log`)
	require.NoError(b, err)
	var maxID int64
	require.NoError(b, site.Pool.QueryRow(ctx, `SELECT max(id) FROM audit_log`).Scan(&maxID))
	sven, _, _ := site.Login(b, demo.Sven, "")

	get := func(b *testing.B, u string) int64 {
		resp, err := sven.Get(site.URL + u)
		require.NoError(b, err)
		n, err := io.Copy(io.Discard, resp.Body)
		require.NoError(b, err)
		resp.Body.Close()
		require.Equal(b, http.StatusOK, resp.StatusCode)
		return n
	}
	b.Run("FirstPage", func(b *testing.B) {
		for b.Loop() {
			get(b, "/servicedesk/endringslogg")
		}
	})
	b.Run("Page1000", func(b *testing.B) {
		cursor := strconv.FormatInt(maxID-999*50+1, 10) // 999 pages of 50 are newer
		for b.Loop() {
			get(b, "/servicedesk/endringslogg?etter="+cursor)
		}
	})
	b.Run("CSVExport", func(b *testing.B) {
		var peak atomic.Uint64
		done := make(chan struct{})
		go func() {
			var m runtime.MemStats
			for {
				select {
				case <-done:
					return
				case <-time.After(20 * time.Millisecond):
					runtime.ReadMemStats(&m)
					if m.HeapInuse > peak.Load() {
						peak.Store(m.HeapInuse)
					}
				}
			}
		}()
		var bytes int64
		for b.Loop() {
			bytes = get(b, "/servicedesk/endringslogg.csv")
		}
		close(done)
		b.ReportMetric(float64(bytes)/(1<<20), "csv-MB")
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
	})
}
