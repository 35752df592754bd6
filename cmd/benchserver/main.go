// Command benchserver runs the portal for a load test: a fresh database with
// the demo data plus 100,000 integrations over 10,000 organisations and 5,000
// in Eksempel Konsument AS, the stand-in ID-porten in-process, and Kari
// Konsument logged in. It prints the list page's URL and the session cookie,
// and the REST API's list of the same integrations with a Bearer token for
// Eksempel Konsument AS's admin integration, got from the portal's TEST
// token endpoint (api.go),
//
//	URL=http://127.0.0.1:8090/integrasjoner?miljo=TEST
//	COOKIE=selvbetjening=...
//	API_URL=http://127.0.0.1:8090/api/v1/clients
//	API_TOKEN=eyJ...
//
// then serves until interrupted, so a load tool (wrk, ../shared/perf/ceiling.sh
// --also URL COOKIE) can measure the real page and API. The token lives 120 s:
// with API_TOKEN_FILE set, a fresh one is written there every minute. DATABASE_URL is an admin URL;
// the database BENCH_DB (selvbetjening_bench) is dropped and made anew, and
// the portal serves it as a login role in selvbetjening_app.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/digdir/selvbetjening/internal/benchsite"
	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchserver:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	admin := getenv("DATABASE_URL")
	if admin == "" {
		return errors.New("DATABASE_URL is required")
	}
	dbName := or(getenv("BENCH_DB"), "selvbetjening_bench")
	dbURL, err := benchsite.FreshDatabase(ctx, admin, dbName)
	if err != nil {
		return err
	}
	owner, err := store.Open(ctx, dbURL)
	if err != nil {
		return err
	}
	defer owner.Close()
	if err := store.Migrate(ctx, owner); err != nil {
		return err
	}
	if err := demo.Seed(ctx, owner); err != nil {
		return err
	}
	if err := demo.BulkLoad(ctx, owner, 10_000, 10, 5_000); err != nil {
		return err
	}
	if err := demo.BulkGiveScope(ctx, owner, demo.EksempelKonsument, environment.Test, "skatteetaten:testapi"); err != nil {
		return err
	}
	// The serving login's password only ever reaches this throwaway database.
	site, err := benchsite.Start(ctx, benchsite.Options{DatabaseURL: dbURL,
		Login: "selvbetjening_bench_portal", Password: "selvbetjening-bench", Addr: or(getenv("PORTAL_ADDR"), "127.0.0.1:8090"),
		Env: map[string]string{"API_RATE_LIMIT": apiRateLimit}})
	if err != nil {
		return err
	}
	defer site.Close()
	_, cookie, err := site.Login(demo.Kari)
	if err != nil {
		return err
	}
	script, err := newAPIScript(ctx, owner, site.Tokens.Endpoint(environment.Test).Issuer)
	if err != nil {
		return err
	}
	quiet := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	apiToken, err := script.keepToken(ctx, getenv("API_TOKEN_FILE"), quiet)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "URL=%s%s\nCOOKIE=%s\nAPI_URL=%s%s\nAPI_TOKEN=%s\n",
		site.URL, paths.IntegrationList(environment.Test), cookie, site.URL, paths.APIClients("", false), apiToken)
	<-ctx.Done()
	return nil
}

func or(v, def string) string {
	if v != "" {
		return v
	}
	return def
}
