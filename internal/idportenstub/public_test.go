package idportenstub_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/idportenstub"
)

// lockedBuffer collects a log that handlers write concurrently.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

const publicBanner = "Denne test-ID-porten kan nås fra andre maskiner, og her kan hvem som helst logge inn som hvem som helst"

func TestPublicStandInWarns(t *testing.T) {
	t.Parallel()
	var log lockedBuffer
	e := startWith(t, func(c *idportenstub.Config) {
		c.Public = true
		c.Logger = slog.New(slog.NewTextHandler(&log, nil))
	})

	t.Run("BannerOnEveryPage", func(t *testing.T) {
		t.Parallel()
		banner := parse(t, e.begin(t).page).Find(".banner-public")
		require.Equal(t, 1, banner.Length())
		require.Regexp(t, `^Advarsel: `+publicBanner, banner.Text())

		status, body, _ := e.get(t, e.issuer+"/login?authRequestID=finnes-ikke")
		require.Equal(t, http.StatusBadRequest, status)
		require.Contains(t, body, publicBanner, "the error page too")
		status, body, _ = e.get(t, e.issuer+"/logget-ut")
		require.Equal(t, http.StatusOK, status)
		require.Contains(t, body, publicBanner, "the logged-out page too")
	})

	t.Run("EveryLoginIsAWarning", func(t *testing.T) {
		t.Parallel()
		_, claims := e.loginAs(t, url.Values{"testperson": {demo.Kari.PID}})
		require.Equal(t, []any{"TestID"}, claims["amr"], "still marked as a test login")
		logged := log.String()
		require.Contains(t, logged, `level=WARN msg="test login on a stand-in reachable beyond loopback"`)
		require.Contains(t, logged, "anyone who reaches this stand-in ID-porten can log in as anyone")
		require.NotContains(t, logged, demo.Kari.PID)
		require.NotContains(t, logged, demo.Kari.Email)
	})
}

func TestLoopbackStandInHasNoPublicWarning(t *testing.T) {
	t.Parallel()
	var log lockedBuffer
	e := startWith(t, func(c *idportenstub.Config) { c.Logger = slog.New(slog.NewTextHandler(&log, nil)) })
	l := e.begin(t)
	doc := parse(t, l.page)
	require.Zero(t, doc.Find(".banner-public").Length())
	require.Equal(t, "Testmiljø – dette er ikke den ekte ID-porten", doc.Find(".banner").Text())
	l.code(t, e.submit(t, l, url.Values{"testperson": {demo.Kari.PID}}))
	require.Contains(t, log.String(), `level=INFO msg="test login"`)
	require.NotContains(t, log.String(), "WARN")
}
