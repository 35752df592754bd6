// Command scalebench measures whether the portal stays as fast when the
// country's integrations grow tenfold: 100,000 integrations over 10,000
// organisations beside 1,000,000 over 100,000, each in its own database on
// the same server, loaded with COPY and INSERT … SELECT (demo.BulkScale).
// Eksempel Konsument AS is the same at both sizes (5,000 integrations in
// TEST, 10,000 scopes shared with it); only everyone else grows.
//
// Through the real portal over HTTP, Kari Konsument logged in, it times one
// request at a time of: the integration list (first page and one deep in
// the keyset), a search in the scope picker, an integration's page, creating
// an integration (open the form, «Opprett», follow to its page) and a token
// request (RS256 assertion) at the TEST token endpoint. The sizes take turns
// request by request, so a neighbour's load on the machine falls on both
// alike.
//
// It also EXPLAINs every statement those requests sent, as the portal sent
// them (a pgx tracer on its pool), with both a plan for the values and the
// generic plan a prepared statement falls back to, and fails when any plan
// reads a table of 10,000 rows or more with a sequential scan.
//
// DATABASE_URL is an admin URL. SCALE_ORGS (default 10000,100000) lists
// the sizes as organisations, SCALE_REQUESTS (default 200) the requests per
// operation and size; SCALE_KEEP=1 keeps the databases (selvbetjening_scale_
// and the number of organisations) for a closer look at their plans.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/digdir/selvbetjening/internal/demo"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The migrations' progress is not the benchmark's.
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err := run(ctx, os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "scalebench:", err)
		os.Exit(1)
	}
}

// warmUp requests of each operation and size go unmeasured.
const warmUp = 10

func run(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	admin := getenv("DATABASE_URL")
	if admin == "" {
		return errors.New("DATABASE_URL is required")
	}
	var sizes []demo.Scale
	for _, f := range strings.Split(or(getenv("SCALE_ORGS"), "10000,100000"), ",") {
		orgs, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || orgs < 1 {
			return fmt.Errorf("SCALE_ORGS: %q is not a number of organisations", f)
		}
		sizes = append(sizes, demo.Scale{Orgs: orgs, Scopes: 10_000, Extra: 5_000})
	}
	requests, err := strconv.Atoi(or(getenv("SCALE_REQUESTS"), "200"))
	if err != nil || requests < 1 {
		return fmt.Errorf("SCALE_REQUESTS: %q is not a number of requests", getenv("SCALE_REQUESTS"))
	}

	keep := getenv("SCALE_KEEP") != ""
	var portals []*portal
	defer func() {
		for _, p := range portals {
			p.close(context.Background(), admin, keep)
		}
	}()
	for _, s := range sizes {
		p, err := startPortal(ctx, admin, s, keep)
		if err != nil {
			return fmt.Errorf("%s: %w", sizeName(s), err)
		}
		portals = append(portals, p)
		fmt.Fprintf(stdout, "%s: %d integrations over %d organisations loaded in %s (%s)\n",
			sizeName(s), s.Integrations(), s.Orgs, p.loaded.Round(time.Second), p.tableSizes)
	}

	ops := operations()
	// Every operation once, its statements recorded and their plans checked.
	for _, p := range portals {
		for _, op := range ops {
			if err := p.recordPlans(ctx, op); err != nil {
				return fmt.Errorf("%s, %s: %w", sizeName(p.scale), op.name, err)
			}
		}
	}
	// Warm-up rounds, then the measured ones. In each round every
	// operation runs once at each size, one size right after the other, so
	// a neighbour's burst of load on the machine falls on both alike.
	for round := range warmUp + requests {
		for _, op := range ops {
			for _, p := range portals {
				d, err := op.do(ctx, p)
				if err != nil {
					return fmt.Errorf("%s, %s: %w", sizeName(p.scale), op.name, err)
				}
				if round >= warmUp {
					p.timings[op.name] = append(p.timings[op.name], d)
				}
			}
		}
	}

	fmt.Fprintf(stdout, "\nscale %s | %d vCPU | %s | %d requests per operation and size (after %d to warm up), one at a time, the sizes in turn\n",
		time.Now().Format(time.DateOnly), runtime.NumCPU(), runtime.Version(), requests, warmUp)
	ok := report(stdout, portals, ops)
	if !ok {
		return errors.New("a query plan reads a large table with a sequential scan (above)")
	}
	return nil
}

func sizeName(s demo.Scale) string {
	switch n := s.Integrations() - s.Extra; {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1_000 && n%1_000 == 0:
		return fmt.Sprintf("%dk", n/1_000)
	default:
		return strconv.Itoa(n)
	}
}

func or(v, def string) string {
	if v != "" {
		return v
	}
	return def
}
