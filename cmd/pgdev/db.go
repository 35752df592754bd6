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
)

const (
	connectTimeout = 30 * time.Second // a cluster that was just started may still be busy
	maxNameLen     = 63               // PostgreSQL's NAMEDATALEN - 1
)

// createDB creates the database name in the cluster at adminURL unless it
// exists, and returns its URL.
func createDB(ctx context.Context, adminURL, name string, stderr io.Writer) (string, error) {
	dbURL, err := databaseURL(adminURL, name)
	if err != nil {
		return "", err
	}
	conn, err := connect(ctx, adminURL)
	if err != nil {
		return "", err
	}
	defer conn.Close(context.WithoutCancel(ctx))

	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", fmt.Errorf("looking up database %q: %w", name, err)
	}
	if exists {
		fmt.Fprintf(stderr, "pgdev: database %s exists\n", name)
		return dbURL, nil
	}
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr) && pgErr.Code == "42P04": // duplicate_database: made concurrently
		fmt.Fprintf(stderr, "pgdev: database %s exists\n", name)
	case err != nil:
		return "", fmt.Errorf("creating database %q: %w", name, err)
	default:
		fmt.Fprintf(stderr, "pgdev: created database %s\n", name)
	}
	return dbURL, nil
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
