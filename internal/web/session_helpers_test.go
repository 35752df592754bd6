package web_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/auth"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// sessionHash finds the stored session of a client, by its cookie.
func sessionHash(t *testing.T, site *webtest.Site, c *http.Client) []byte {
	t.Helper()
	u, err := url.Parse(site.URL)
	require.NoError(t, err)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == auth.CookieName {
			var token string
			require.NoError(t, securecookie.New(site.Config.SessionKey, nil).Decode(ck.Name, ck.Value, &token))
			sum := sha256.Sum256([]byte(token))
			return sum[:]
		}
	}
	t.Fatal("the client has no session cookie")
	return nil
}

// idleSession makes the client's session look unused for d.
func idleSession(t *testing.T, site *webtest.Site, c *http.Client, d time.Duration) {
	t.Helper()
	tag, err := site.Pool.Exec(context.Background(),
		`UPDATE sessions SET last_seen_at = now() - make_interval(secs => $2) WHERE token_hash = $1`,
		sessionHash(t, site, c), d.Seconds())
	require.NoError(t, err)
	require.EqualValues(t, 1, tag.RowsAffected())
}

// ageLogin moves the client's login (auth_time) d into the past.
func ageLogin(t *testing.T, site *webtest.Site, c *http.Client, d time.Duration) {
	t.Helper()
	ageSession(t, site, sessionHash(t, site, c), d)
}

// ageLoginsOf moves every login of the person named d into the past: for
// browsers, whose cookies the test does not hold.
func ageLoginsOf(t *testing.T, site *webtest.Site, name string, d time.Duration) {
	t.Helper()
	rows, err := site.Pool.Query(context.Background(),
		`SELECT token_hash FROM sessions WHERE (data->>'person')::jsonb->>'name' = $1`, name)
	require.NoError(t, err)
	hashes, err := pgx.CollectRows(rows, pgx.RowTo[[]byte])
	require.NoError(t, err)
	require.NotEmpty(t, hashes)
	for _, h := range hashes {
		ageSession(t, site, h, d)
	}
}

func ageSession(t *testing.T, site *webtest.Site, hash []byte, d time.Duration) {
	t.Helper()
	ctx := context.Background()
	var values map[string]string
	require.NoError(t, site.Pool.QueryRow(ctx, `SELECT data FROM sessions WHERE token_hash = $1`, hash).Scan(&values))
	var person map[string]any
	require.NoError(t, json.Unmarshal([]byte(values["person"]), &person))
	at, err := time.Parse(time.RFC3339Nano, person["auth_time"].(string))
	require.NoError(t, err)
	person["auth_time"] = at.Add(-d).Format(time.RFC3339Nano)
	b, err := json.Marshal(person)
	require.NoError(t, err)
	values["person"] = string(b)
	_, err = site.Pool.Exec(ctx, `UPDATE sessions SET data = $2 WHERE token_hash = $1`, hash, values)
	require.NoError(t, err)
}

// noRedirects makes c stop at the first redirect, to read where it leads.
func noRedirects(c *http.Client) *http.Client {
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c
}
