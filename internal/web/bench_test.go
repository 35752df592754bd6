package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// benchSite is a portal with 100,000 integrations over 10,000 organisations
// plus 5,000 in Eksempel Konsument AS, and Kari logged in.
func benchSite(b *testing.B) (*webtest.Site, *http.Client) {
	b.Helper()
	site := webtest.Start(b)
	require.NoError(b, demo.BulkLoad(context.Background(), site.Pool, 10_000, 10, 5_000))
	c, _, _ := site.Login(b, demo.Kari, "")
	c.Transport = &http.Transport{MaxIdleConnsPerHost: 64}
	return site, c
}

// latencies collects request durations from parallel workers and reports
// the median, the 99th percentile and the throughput.
type latencies struct {
	mu    sync.Mutex
	all   []time.Duration
	start time.Time
}

func (l *latencies) add(d time.Duration) {
	l.mu.Lock()
	l.all = append(l.all, d)
	l.mu.Unlock()
}

func (l *latencies) report(b *testing.B) {
	elapsed := time.Since(l.start)
	slices.Sort(l.all)
	if len(l.all) == 0 {
		return
	}
	pct := func(p float64) float64 {
		return float64(l.all[int(float64(len(l.all)-1)*p)].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(len(l.all))/elapsed.Seconds(), "req/s")
}

func timedGet(b *testing.B, c *http.Client, u string, l *latencies) {
	start := time.Now()
	resp, err := c.Get(u)
	if err != nil {
		b.Error(err)
		return
	}
	resp.Body.Close()
	l.add(time.Since(start))
	if resp.StatusCode != http.StatusOK {
		b.Errorf("GET %s: %d", u, resp.StatusCode)
	}
}

// BenchmarkIntegrationList: the list page of an organisation with 5,002
// integrations, first page and a page deep in the keyset.
func BenchmarkIntegrationList(b *testing.B) {
	site, c := benchSite(b)
	deep, err := integration.List(context.Background(), site.Pool, demo.EksempelKonsument, "TEST", true, nil)
	require.NoError(b, err)
	for range 40 { // 40 pages in
		next, _ := integration.ParseCursor(deep.Next)
		deep, err = integration.List(context.Background(), site.Pool, demo.EksempelKonsument, "TEST", true, next)
		require.NoError(b, err)
	}
	for name, u := range map[string]string{
		"FirstPage": site.URL + "/integrasjoner?miljo=TEST",
		"Page41":    site.URL + "/integrasjoner?miljo=TEST&etter=" + url.QueryEscape(deep.Next),
	} {
		b.Run(name, func(b *testing.B) {
			l := &latencies{start: time.Now()}
			b.SetParallelism(8) // 16 workers on 2 CPUs, like a small load test
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					timedGet(b, c, u, l)
				}
			})
			b.StopTimer()
			l.report(b)
		})
	}
}

// BenchmarkIntegrationCreate: the whole create flow as a browser does it:
// open "Ny integrasjon", submit "Opprett", follow to the new integration.
func BenchmarkIntegrationCreate(b *testing.B) {
	site, c := benchSite(b)
	l := &latencies{start: time.Now()}
	b.SetParallelism(4)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			start := time.Now()
			resp, err := c.Get(site.URL + "/integrasjoner/ny?miljo=TEST")
			if err != nil {
				b.Error(err)
				return
			}
			body := readAll(resp)
			form := url.Values{"csrf": {csrfOf(body)}, "miljo": {"TEST"}, "opprettingsnokkel": {creationKeyOf(body)},
				"tjeneste": {"maskinporten"}, "navn": {"Ytelse"}, "scope": {"skatteetaten:mva"},
				"levetid": {"120"}, "handling": {"opprett"}}
			resp, err = c.PostForm(site.URL+"/integrasjoner/ny", form)
			if err != nil {
				b.Error(err)
				return
			}
			resp.Body.Close()
			l.add(time.Since(start))
			if resp.StatusCode != http.StatusOK {
				b.Errorf("create: %d", resp.StatusCode)
			}
		}
	})
	b.StopTimer()
	l.report(b)
}

// BenchmarkScopePicker: "Søk" in the scope picker of "Ny integrasjon" for
// an organisation with 10,000 scopes shared with it in TEST (each also
// shared with 5 other organisations in TEST and PROD), as a browser posts
// it. Narrow finds one scope by a part of its name; Broad matches all
// 10,000 and shows the first page of them.
func BenchmarkScopePicker(b *testing.B) {
	site := webtest.Start(b)
	require.NoError(b, demo.BulkScopes(context.Background(), site.Pool, 10_000, 5))
	c, _, _ := site.Login(b, demo.Kari, "")
	c.Transport = &http.Transport{MaxIdleConnsPerHost: 64}
	resp, err := c.Get(site.URL + "/integrasjoner/ny?miljo=TEST")
	require.NoError(b, err)
	body := readAll(resp)
	base := url.Values{"csrf": {csrfOf(body)}, "virksomhet": {demo.EksempelKonsument}, "miljo": {"TEST"},
		"opprettingsnokkel": {creationKeyOf(body)}, "tjeneste": {"maskinporten"}, "navn": {"Ytelse"},
		"levetid": {"120"}, "handling": {"sok"}, "side": {"1"}}
	var n atomic.Int64
	for name, search := range map[string]func() string{
		"Narrow": func() string { return fmt.Sprintf("api-%05d", 1+n.Add(7919)%10_000) },
		"Broad":  func() string { return "lastscope" },
	} {
		b.Run(name, func(b *testing.B) {
			l := &latencies{start: time.Now()}
			b.SetParallelism(4)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					form := url.Values{}
					for k, v := range base {
						form[k] = v
					}
					form.Set("sok", search())
					start := time.Now()
					resp, err := c.PostForm(site.URL+"/integrasjoner/ny", form)
					if err != nil {
						b.Error(err)
						return
					}
					page := readAll(resp)
					l.add(time.Since(start))
					if resp.StatusCode != http.StatusOK || !strings.Contains(page, "last:api-") {
						b.Errorf("search: %d", resp.StatusCode)
					}
				}
			})
			b.StopTimer()
			l.report(b)
		})
	}
}
