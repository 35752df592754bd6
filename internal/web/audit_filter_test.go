package web

import (
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/oslotime"
	"github.com/digdir/selvbetjening/internal/servicedesk"
)

func TestParseAuditQuery(t *testing.T) {
	t.Parallel()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, oslotime.Location) }
	tests := []struct {
		query  string
		ok     bool
		filter audit.Filter
		errs   servicedesk.FieldErrors
	}{
		{"", true, audit.Filter{}, servicedesk.FieldErrors{}},
		{"virksomhet=310000019&rolle=servicedesk&miljo=PROD&handling=integration.create&person=Kari+Konsument", true,
			audit.Filter{OrgNo: "310000019", Role: identity.RoleServicedesk, Env: "PROD", Action: audit.IntegrationCreate,
				Person: "Kari Konsument"}, servicedesk.FieldErrors{}},
		{"fra=2026-12-01&til=02.12.2026", true, audit.Filter{From: day(2026, 12, 1), Until: day(2026, 12, 3)}, servicedesk.FieldErrors{}},
		{"fra=2026-12-03&til=2026-12-02", true, audit.Filter{From: day(2026, 12, 3), Until: day(2026, 12, 3)},
			servicedesk.FieldErrors{"til": servicedesk.CodeDateOrder}},
		{"fra=i+går&virksomhet=310000018", true, audit.Filter{OrgNo: "310000018"},
			servicedesk.FieldErrors{"fra": servicedesk.CodeDateInvalid, "virksomhet": servicedesk.CodeOrgNoCheckDigit}},
		{"virksomhet=31", true, audit.Filter{OrgNo: "31"}, servicedesk.FieldErrors{"virksomhet": servicedesk.CodeOrgNoFormat}},
		{"til=1999-01-01", true, audit.Filter{}, servicedesk.FieldErrors{"til": servicedesk.CodeDateInvalid}},
		{"rolle=admin", false, audit.Filter{}, nil},
		{"miljo=DEV", false, audit.Filter{}, nil},
		{"handling=drop", false, audit.Filter{}, nil},
		{"person=%00", false, audit.Filter{}, nil},
	}
	for _, tt := range tests {
		q, err := url.ParseQuery(tt.query)
		require.NoError(t, err)
		got, ok := parseAuditQuery(q)
		require.Equal(t, tt.ok, ok, tt.query)
		if !ok {
			continue
		}
		require.Equal(t, tt.filter, got.filter, tt.query)
		require.Equal(t, tt.errs, got.errs, tt.query)
	}
}

func FuzzParseAuditQuery(f *testing.F) {
	for _, s := range []string{"", "fra=2026-12-01&til=2026-12-02", "virksomhet=310000019", "rolle=x", "til=31.02.2026"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		aq, ok := parseAuditQuery(q)
		if !ok {
			return
		}
		if !aq.filter.From.IsZero() && !aq.filter.Until.IsZero() && len(aq.errs) == 0 {
			require.True(t, aq.filter.Until.After(aq.filter.From))
		}
		if aq.filter.Action != "" {
			_, known := audit.ParseAction(string(aq.filter.Action))
			require.True(t, known)
		}
	})
}
