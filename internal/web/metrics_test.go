package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// After a person's visit, /metrics names each page by its route pattern
// (never by the client id in its path), and reports the pool, the job
// queue, the e-mail deliveries and the active sessions.
func TestMetricsAfterAVisit(t *testing.T) {
	site := webtest.Start(t)
	c, _, _ := site.Login(t, demo.Kari, "")
	resp, body := webtest.Get(t, c, site.URL+"/integrasjoner?miljo=TEST")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var clientID string
	require.NoError(t, site.Pool.QueryRow(t.Context(),
		`SELECT client_id::text FROM integrations WHERE org_no = $1 AND env = 'TEST' LIMIT 1`,
		demo.EksempelKonsument).Scan(&clientID))
	resp, _ = webtest.Get(t, c, site.URL+"/integrasjoner/"+clientID)
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	resp, _ = webtest.Get(t, c, site.URL+"/finnes-ikke/"+clientID)
	require.Equal(t, http.StatusNotFound, resp.StatusCode)

	resp, metrics := webtest.Get(t, site.Client(t), site.URL+"/metrics")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	for _, want := range []string{
		`selvbetjening_http_requests_total{method="GET",route="/integrasjoner",status="200"}`,
		`selvbetjening_http_requests_total{method="GET",route="/integrasjoner/{clientID}",status="200"}`,
		`selvbetjening_http_requests_total{method="GET",route="unmatched",status="404"}`,
		`selvbetjening_http_request_duration_seconds_bucket{method="GET",route="/integrasjoner",le="0.1"}`,
		`selvbetjening_db_pool_max_connections`,
		`selvbetjening_sessions_active 1`,
		`selvbetjening_mail_deliveries{status="failed"} 0`,
		`go_goroutines`,
	} {
		require.Contains(t, metrics, want)
	}
	require.NotContains(t, metrics, clientID, "a path's client id became a label")
	require.False(t, strings.Contains(metrics, "selvbetjening_metrics_database_errors_total 1"),
		"the database figures could not be read as the serving role")
}
