// Command pgdev runs a project-local PostgreSQL cluster for development and
// tests, so that neither needs a system-wide database server.
//
// Usage:
//
//	pgdev start    -dir DIR [-port 54329] [-fast]
//	pgdev stop     -dir DIR
//	pgdev destroy  -dir DIR
//	pgdev createdb -url ADMINURL -name NAME
//
// start creates the cluster if DIR holds none, starts it if it is not running
// (listening on 127.0.0.1 only, without unix sockets, logging to
// DIR/postgres.log) and prints its admin URL,
// postgres://postgres@127.0.0.1:PORT/postgres?sslmode=disable, on stdout and
// nothing else. createdb makes the database owned by the role
// selvbetjening_owner, and the login role selvbetjening_portal in the portal's
// serving role selvbetjening_app, and prints the URLs the portal needs:
//
//	DATABASE_URL=postgres://selvbetjening_portal@127.0.0.1:PORT/NAME?sslmode=disable
//	MIGRATE_DATABASE_URL=postgres://selvbetjening_owner@127.0.0.1:PORT/NAME?sslmode=disable
//
// Progress and errors go to stderr.
//
// As root the server runs as the unprivileged system user "postgres" (created
// if missing) through runuser, since initdb and postgres refuse to run as root.
// When that user cannot enter DIR (a clone in /root, mode 0700), the cluster
// lives in /var/lib/postgresql/pgdev/NAME-HASH instead, a name derived from
// DIR's path, and DIR becomes a symlink to it; stop and destroy find it there.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usageText = `usage:
  pgdev start    -dir DIR [-port 54329] [-fast]   create/start a cluster, print its admin URL
  pgdev stop     -dir DIR                         stop the cluster (fast, then immediate)
  pgdev destroy  -dir DIR                         stop the cluster and remove DIR
  pgdev createdb -url ADMINURL -name NAME         create a database and its roles if missing,
                                                  print DATABASE_URL=… and MIGRATE_DATABASE_URL=…

-port 0 picks a free port. -fast turns off fsync for throwaway clusters.
As root, a DIR the postgres user cannot enter becomes a link to a cluster in
/var/lib/postgresql/pgdev.
`

// defaultPort is the port of the development cluster started by make run.
const defaultPort = 54329

// usageError marks an error in the command line; main exits with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "pgdev: %v\n", err)
		if errors.As(err, new(usageError)) {
			fmt.Fprint(os.Stderr, usageText)
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// run executes the subcommand in args. Only results (URLs) go to stdout.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{"missing command"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "help", "-h", "-help", "--help":
		_, err := fmt.Fprint(stdout, usageText)
		return err
	case "start", "stop", "destroy":
		fs := newFlagSet(cmd, stderr)
		dir := fs.String("dir", "", "data directory of the cluster (required)")
		port := fs.Int("port", defaultPort, "TCP port on 127.0.0.1; 0 picks a free one")
		fast := fs.Bool("fast", false, "turn off fsync and friends (throwaway clusters only)")
		if err := parseFlags(fs, rest); err != nil {
			return err
		}
		if *dir == "" {
			return usageError{cmd + ": -dir is required"}
		}
		if cmd != "start" && (isFlagSet(fs, "port") || isFlagSet(fs, "fast")) {
			return usageError{cmd + ": -port and -fast only apply to start"}
		}
		if *port < 0 || *port > 65535 {
			return usageError{fmt.Sprintf("start: -port %d is out of range", *port)}
		}
		c, err := newCluster(*dir, getenv, stderr)
		if err != nil {
			return err
		}
		switch cmd {
		case "start":
			p, err := c.start(ctx, *port, *fast)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(stdout, adminURL(p))
			return err
		case "stop":
			return c.stop(ctx)
		default:
			return c.destroy(ctx)
		}
	case "createdb":
		fs := newFlagSet(cmd, stderr)
		url := fs.String("url", "", "admin URL of the cluster (as printed by start)")
		name := fs.String("name", "", "database name")
		if err := parseFlags(fs, rest); err != nil {
			return err
		}
		if *url == "" || *name == "" {
			return usageError{"createdb: -url and -name are required"}
		}
		urls, err := createDB(ctx, *url, *name, stderr)
		if err != nil {
			return err
		}
		_, err = fmt.Fprint(stdout, urls)
		return err
	default:
		return usageError{fmt.Sprintf("unknown command %q", cmd)}
	}
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("pgdev "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {} // main prints the usage once
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))}
	}
	return nil
}

func isFlagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}
