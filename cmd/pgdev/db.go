package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/digdir/selvbetjening/internal/store"
)

const (
	connectTimeout = 30 * time.Second // a cluster that was just started may still be busy
	maxNameLen     = 63               // PostgreSQL's NAMEDATALEN - 1

	// ownerRole owns the database and its tables: migrations and seed run as it.
	ownerRole = "selvbetjening_owner"
	// servingLogin is what the portal serves as: a member of store.ServingRole,
	// with only the rights the migrations grant that role.
	servingLogin = "selvbetjening_portal"
)

// dbURLs are what createdb prints, as the portal's settings.
type dbURLs struct {
	Serving string // DATABASE_URL
	Migrate string // MIGRATE_DATABASE_URL
}

func (u dbURLs) String() string {
	return "DATABASE_URL=" + u.Serving + "\nMIGRATE_DATABASE_URL=" + u.Migrate + "\n"
}

// createDB creates the database name in the cluster at adminURL unless it
// exists, owned by ownerRole, and the roles the portal uses; it returns the
// URLs of the serving and the owning role. Roles belong to the cluster, so
// every database in it shares them.
func createDB(ctx context.Context, adminURL, name string, stderr io.Writer) (dbURLs, error) {
	dbURL, err := databaseURL(adminURL, name)
	if err != nil {
		return dbURLs{}, err
	}
	conn, err := connect(ctx, adminURL)
	if err != nil {
		return dbURLs{}, err
	}
	defer conn.Close(context.WithoutCancel(ctx))

	_, err = conn.Exec(ctx, "CREATE ROLE "+pgx.Identifier{ownerRole}.Sanitize()+" LOGIN")
	if err != nil && !isDuplicate(err) {
		return dbURLs{}, fmt.Errorf("creating role %s: %w", ownerRole, err)
	}
	if err := store.CreateServingLogin(ctx, conn, servingLogin, ""); err != nil {
		return dbURLs{}, err
	}
	urls := dbURLs{Serving: withUser(dbURL, servingLogin), Migrate: withUser(dbURL, ownerRole)}

	var owner string
	err = conn.QueryRow(ctx, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = $1", name).Scan(&owner)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
	case err != nil:
		return dbURLs{}, fmt.Errorf("looking up database %q: %w", name, err)
	case owner == ownerRole:
		fmt.Fprintf(stderr, "pgdev: database %s exists\n", name)
		return urls, nil
	default:
		// Made before pgdev made roles: its tables belong to owner.
		fmt.Fprintf(stderr, "pgdev: database %s exists, owned by %s: migrations run as the admin user\n", name, owner)
		urls.Migrate = dbURL
		return urls, nil
	}
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()+" OWNER "+pgx.Identifier{ownerRole}.Sanitize())
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr) && pgErr.Code == "42P04": // duplicate_database: made concurrently
		fmt.Fprintf(stderr, "pgdev: database %s exists\n", name)
	case err != nil:
		return dbURLs{}, fmt.Errorf("creating database %q: %w", name, err)
	default:
		fmt.Fprintf(stderr, "pgdev: created database %s, owned by %s; the portal serves as %s\n", name, ownerRole, servingLogin)
	}
	return urls, nil
}

// isDuplicate reports an object that exists already, made before or concurrently.
func isDuplicate(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "42710" || pgErr.Code == "23505")
}

// withUser is the URL u (from databaseURL) connecting as user, without password.
func withUser(u, user string) string {
	parsed, err := url.Parse(u)
	if err != nil {
		return u
	}
	parsed.User = url.User(user)
	return parsed.String()
}

// connect retries until the server answers or connectTimeout passes.
func connect(ctx context.Context, adminURL string) (*pgx.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	for {
		conn, err := pgx.Connect(ctx, adminURL)
		if err == nil {
			return conn, nil
		}
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code != "57P03" { // cannot_connect_now: starting up
			return nil, fmt.Errorf("connecting to %s: %w", redact(adminURL), err)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("connecting to %s: %w", redact(adminURL), err)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// databaseURL is adminURL with its database replaced by name.
func databaseURL(adminURL, name string) (string, error) {
	if name == "" || len(name) > maxNameLen {
		return "", fmt.Errorf("database name %q must be 1 to %d bytes", name, maxNameLen)
	}
	u, err := url.Parse(adminURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
		return "", fmt.Errorf("-url %q is not a postgres://HOST/DB URL", redact(adminURL))
	}
	u.Path = "/" + name
	u.RawPath = ""
	return u.String(), nil
}

// redact hides a password in a URL for error messages.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}
