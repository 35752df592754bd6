package store

import (
	"errors"
	"io"
	"net"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
)

// Unavailable reports whether err says that the database cannot serve right
// now (down, restarting, shutting down, out of connection slots, the
// connection broken) rather than that the query or the data is wrong. Such a
// failure is nobody's mistake and may pass in a moment: the portal answers
// 503 and asks to be tried again, where a fault of its own is a 500.
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		// Also inside a ConnectError: "starting up" is unavailable, a wrong
		// password or a missing database is a fault of the configuration.
		return unavailableCode(pgErr.Code)
	}
	if errors.As(err, new(*pgconn.ConnectError)) {
		return true // no answer at all: refused, reset, timed out
	}
	return brokenConnection(err) || pgconn.Timeout(err)
}

// unavailableCode: SQLSTATEs that say the server is not serving, not that
// the statement is wrong (PostgreSQL's appendix A, classes 08, 53 and 57).
func unavailableCode(code string) bool {
	switch code {
	case "57P01", // admin_shutdown: stopped, or this backend was terminated
		"57P02", // crash_shutdown: another backend crashed
		"57P03", // cannot_connect_now: starting up, shutting down, in recovery
		"57P05", // idle_session_timeout
		"53300": // too_many_connections
		return true
	}
	return len(code) == 5 && code[:2] == "08" // connection_exception
}

// brokenConnection reports whether err came from the connection itself: the
// server closed it, the socket broke, or pgx had already closed it.
func brokenConnection(err error) bool {
	if errors.Is(err, pgconn.ErrConnClosed) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNREFUSED) {
		return true
	}
	var netErr *net.OpError
	return errors.As(err, &netErr)
}

// brokenPooledConnection reports whether a statement failed because the
// pooled connection it ran on was no longer usable, so that on another
// connection it may well succeed: nothing was sent (pgconn.SafeToRetry), or
// the server had ended that connection (a restart, a terminated backend, an
// idle timeout), or its socket broke. A failure to open a new connection is
// not one: the server is down, and asking again at once only waits twice.
func brokenPooledConnection(err error) bool {
	if pgconn.SafeToRetry(err) {
		return true
	}
	if errors.As(err, new(*pgconn.ConnectError)) || pgconn.Timeout(err) {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "57P01", "57P02", "57P05":
			return true
		}
		return len(pgErr.Code) == 5 && pgErr.Code[:2] == "08"
	}
	return brokenConnection(err)
}
