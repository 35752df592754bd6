package store_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

func TestUnavailable(t *testing.T) {
	t.Parallel()
	pgErr := func(code string) error {
		return fmt.Errorf("list integrations: %w", &pgconn.PgError{Severity: "FATAL", Code: code})
	}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"NoError", nil, false},
		{"PlainError", errors.New("template failed"), false},
		{"NoRows", fmt.Errorf("get: %w", pgx.ErrNoRows), false},
		{"NotFound", fmt.Errorf("get: %w", store.ErrNotFound), false},
		{"Canceled", fmt.Errorf("list: %w", context.Canceled), false},
		{"UniqueViolation", pgErr("23505"), false},
		{"SyntaxError", pgErr("42601"), false},
		{"WrongPassword", pgErr("28P01"), false},
		{"AdminShutdown", pgErr("57P01"), true},
		{"CrashShutdown", pgErr("57P02"), true},
		{"StartingUp", pgErr("57P03"), true},
		{"TooManyConnections", pgErr("53300"), true},
		{"ConnectionFailure", pgErr("08006"), true},
		{"ConnClosed", fmt.Errorf("load: %w", pgconn.ErrConnClosed), true},
		{"EOF", fmt.Errorf("load: %w", io.ErrUnexpectedEOF), true},
		{"Reset", fmt.Errorf("load: %w", &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, store.Unavailable(tt.err), "%v", tt.err)
		})
	}
}

// TestUnavailableRealErrors classifies what pgx really returns.
func TestUnavailableRealErrors(t *testing.T) {
	t.Parallel()
	ctx := t.Context()

	t.Run("NothingListens", func(t *testing.T) {
		t.Parallel()
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		addr := ln.Addr().String()
		require.NoError(t, ln.Close())
		_, err = pgconn.Connect(ctx, "postgres://postgres@"+addr+"/x?sslmode=disable&connect_timeout=5")
		require.Error(t, err)
		require.True(t, store.Unavailable(err), "%v", err)
	})

	t.Run("MissingDatabaseIsAFault", func(t *testing.T) {
		t.Parallel()
		u, err := url.Parse(os.Getenv("DATABASE_URL"))
		require.NoError(t, err, "DATABASE_URL")
		u.Path = "/finnes_ikke"
		_, err = pgconn.Connect(ctx, u.String())
		require.Error(t, err)
		require.False(t, store.Unavailable(err), "%v", err)
	})

	t.Run("BadQueryIsAFault", func(t *testing.T) {
		t.Parallel()
		pool := storetest.Pool(t)
		_, err := pool.Exec(ctx, "SELECT FROM finnes_ikke")
		require.Error(t, err)
		require.False(t, store.Unavailable(err), "%v", err)
	})
}
