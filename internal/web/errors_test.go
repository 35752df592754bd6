package web

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/access"
)

// TestServerError: every handler, the session middleware and render end a
// failure in serverError, so this is where an outage must become a 503.
func TestServerError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		err        error
		wantStatus int
		wantText   string
	}{
		{"UnexpectedRefusal", fmt.Errorf("create scope: %w", access.Deny(access.NotPrefixOwner)),
			http.StatusForbidden, "Bare virksomheten som eier prefikset"},
		{"OwnFault", errors.New("template: no such field"), http.StatusInternalServerError, "Det oppstod en feil hos oss"},
		{"QueryFault", fmt.Errorf("list: %w", &pgconn.PgError{Code: "42703"}), http.StatusInternalServerError, "Det oppstod en feil hos oss"},
		{"DatabaseRestarting", fmt.Errorf("load session: %w", &pgconn.PgError{Severity: "FATAL", Code: "57P03"}),
			http.StatusServiceUnavailable, "Tjenesten er midlertidig utilgjengelig"},
		{"ConnectionEndedByServer", fmt.Errorf("list integrations: %w", &pgconn.PgError{Severity: "FATAL", Code: "57P01"}),
			http.StatusServiceUnavailable, "Tjenesten er midlertidig utilgjengelig"},
		{"ConnectionReset", fmt.Errorf("list integrations: %w", &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}),
			http.StatusServiceUnavailable, "Prøv igjen om litt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := &Server{log: slog.New(slog.DiscardHandler)}
			rec := httptest.NewRecorder()
			s.serverError(rec, httptest.NewRequest(http.MethodGet, "/integrasjoner?miljo=TEST", nil), http.StatusInternalServerError, tt.err)
			require.Equal(t, tt.wantStatus, rec.Code)
			body := rec.Body.String()
			require.Contains(t, body, tt.wantText)
			require.NotContains(t, body, tt.err.Error(), "the error stays in the log")
			require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
			if tt.wantStatus == http.StatusServiceUnavailable {
				require.Equal(t, "5", rec.Header().Get("Retry-After"))
			} else {
				require.Empty(t, rec.Header().Get("Retry-After"))
			}
			require.True(t, strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html"))
		})
	}
}
