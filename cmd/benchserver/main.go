// Command benchserver runs the portal for a load test: a fresh database with
// the demo data plus 100,000 integrations over 10,000 organisations and 5,000
// in Eksempel Konsument AS, the stand-in ID-porten in-process, and Kari
// Konsument logged in. It prints the list page's URL and the session cookie,
//
//	URL=http://127.0.0.1:8090/integrasjoner?miljo=TEST
//	COOKIE=selvbetjening=...
//
// then serves until interrupted, so a load tool (wrk, ../shared/perf/ceiling.sh
// --also URL COOKIE) can measure the real page. DATABASE_URL is an admin URL;
// the database BENCH_DB (selvbetjening_bench) is dropped and made anew, and
// the portal serves it as a login role in selvbetjening_app.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
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
	// The serving login's password only ever reaches this throwaway database.
	site, err := benchsite.Start(ctx, benchsite.Options{DatabaseURL: dbURL,
		Login: "selvbetjening_bench_portal", Password: "selvbetjening-bench", Addr: or(getenv("PORTAL_ADDR"), "127.0.0.1:8090")})
	if err != nil {
		return err
	}
	defer site.Close()
	_, cookie, err := site.Login(demo.Kari)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "URL=%s%s\nCOOKIE=%s\n", site.URL, paths.IntegrationList(environment.Test), cookie)
	<-ctx.Done()
	return nil
}

func or(v, def string) string {
	if v != "" {
		return v
	}
	return def
}
