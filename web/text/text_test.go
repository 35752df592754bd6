package text_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/incident"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/provider"
	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/internal/token"
	"github.com/digdir/selvbetjening/web/text"
)

// TestEveryLanguageHasEveryText: no catalogue leaves a text empty or a
// message without its function.
func TestEveryLanguageHasEveryText(t *testing.T) {
	t.Parallel()
	for _, lang := range text.Languages() {
		c := text.For(lang)
		require.Equal(t, lang, c.Lang)
		for _, missing := range missingTexts(reflect.ValueOf(*c), "") {
			t.Errorf("%s has no text for %s", lang, missing)
		}
	}
}

func missingTexts(v reflect.Value, at string) []string {
	var missing []string
	for i := range v.NumField() {
		f, name := v.Field(i), at+v.Type().Field(i).Name
		switch f.Kind() {
		case reflect.String:
			if f.String() == "" {
				missing = append(missing, name)
			}
		case reflect.Func:
			if f.IsNil() {
				missing = append(missing, name)
			}
		case reflect.Struct:
			missing = append(missing, missingTexts(f, name+".")...)
		}
	}
	return missing
}

// TestBokmalNamesEveryCode: every code the domain hands out has bokmål
// words: each integration field error code, audit action and key refusal,
// and each notice a URL may name.
func TestBokmalNamesEveryCode(t *testing.T) {
	t.Parallel()
	nb := text.For("nb")
	for _, code := range integration.FieldCodes() {
		msg, ok := nb.Integrations.FieldError(integration.FieldError{Code: code})
		require.True(t, ok, "field error code %q has no text", code)
		require.NotEmpty(t, msg, code)
	}
	for _, code := range merchant.FieldCodes() {
		msg, ok := nb.Merchant.FieldError(merchant.FieldError{Code: code})
		require.True(t, ok, "merchant field error code %q has no text", code)
		require.NotEmpty(t, msg, code)
	}
	for _, f := range merchant.ChangeFields() {
		label, ok := nb.Merchant.FieldLabel(f)
		require.True(t, ok, "merchant field %q has no label", f)
		require.NotEmpty(t, label, f)
	}
	for _, s := range merchant.Services() {
		name, ok := nb.Merchant.ServiceName(s)
		require.True(t, ok, "service %q has no name", s)
		require.NotEmpty(t, name, s)
	}
	for _, action := range audit.Actions() {
		name, ok := nb.Action(action)
		require.True(t, ok, "audit action %q has no text", action)
		require.NotEmpty(t, name, action)
	}
	for _, role := range []identity.Role{identity.RoleEmployee, identity.RoleServicedesk, identity.RoleAPIClient} {
		name, ok := nb.Role(role)
		require.True(t, ok, "role %q has no text", role)
		require.NotEmpty(t, name, role)
	}
	for _, f := range integration.Fields() {
		label, ok := nb.Integrations.FieldLabel(f, nb.Scopes.Heading)
		require.True(t, ok, "field %q has no label", f)
		require.NotEmpty(t, label, f)
	}
	for _, refusal := range integration.KeyRefusals() {
		// The domain wraps its refusals with a reason, as keys.Parse does.
		msg, ok := nb.Keys.Refusal(fmt.Errorf("%w: why", refusal))
		require.True(t, ok, "key refusal %q has no text", refusal)
		require.NotEmpty(t, msg, refusal.Error())
	}
	for _, r := range access.Reasons() {
		msg, ok := nb.Access.Denied(r, "Eksempel Konsument AS", 15)
		require.True(t, ok, "access reason %q has no text", r)
		require.NotEmpty(t, msg, r)
	}
	for _, code := range provider.FieldCodes() {
		msg, ok := nb.Providers.FieldError(provider.FieldError{Code: code})
		require.True(t, ok, "provider field error code %q has no text", code)
		require.NotEmpty(t, msg, code)
	}
	for _, n := range paths.ScopeNotices() {
		msg, ok := nb.Providers.Notice(n)
		require.True(t, ok, "scope notice %q has no text", n)
		require.NotEmpty(t, msg, n)
	}
	for _, n := range paths.Notices() {
		msg, ok := nb.Integrations.Notice(n)
		require.True(t, ok, "notice %q has no text", n)
		require.NotEmpty(t, msg, n)
	}
	for _, n := range paths.ConsoleNotices() {
		msg, ok := nb.Servicedesk.Notice(n)
		require.True(t, ok, "console notice %q has no text", n)
		require.NotEmpty(t, msg, n)
	}
	for _, c := range servicedesk.Codes() {
		msg, ok := nb.Servicedesk.FieldError(c)
		require.True(t, ok, "servicedesk code %q has no text", c)
		require.NotEmpty(t, msg, c)
	}
}

// TestBokmalNamesEveryIncidentCode: the incident texts name the incident
// package's codes as text, so this holds the two together.
func TestBokmalNamesEveryIncidentCode(t *testing.T) {
	t.Parallel()
	nb := text.For("nb").Incidents
	for _, c := range incident.Codes() {
		msg, ok := nb.FieldError(string(c), incident.Limit(c))
		require.True(t, ok, "incident code %q has no text", c)
		require.NotEmpty(t, msg, c)
		require.NotContains(t, msg, "%!", c)
	}
	msg, _ := nb.FieldError(string(incident.CodeTitleTooLong), incident.Limit(incident.CodeTitleTooLong))
	require.Equal(t, "Tittelen kan ha høyst 200 tegn.", msg)
	for _, s := range incident.Severities() {
		name, ok := nb.SeverityName(string(s))
		require.True(t, ok, "severity %q has no name", s)
		require.NotEmpty(t, name, s)
	}
	for _, s := range []mail.Status{mail.StatusQueued, mail.StatusSending, mail.StatusSent, mail.StatusFailed} {
		name, ok := nb.DeliveryStatus(string(s))
		require.True(t, ok, "delivery status %q has no name", s)
		require.NotEmpty(t, name, s)
	}
	for _, tr := range []string{mail.TransportSMTP, mail.TransportOutbox} {
		require.NotEmpty(t, nb.Channel(tr), tr)
	}
}

func TestFieldErrorsSayTheDomainsLimits(t *testing.T) {
	t.Parallel()
	nb := text.For("nb").Integrations
	for _, tc := range []struct {
		err  integration.FieldError
		want string
	}{
		{integration.FieldError{Code: integration.CodeNameTooLong, Args: []any{integration.MaxNameLength}}, "Navnet kan ha høyst 100 tegn."},
		{integration.FieldError{Code: integration.CodeLifetimeInvalid}, "mellom 1 og 86400"},
		{integration.FieldError{Code: integration.CodeScopeNotShared, Args: []any{[]string{"a:b", "c:d"}, environment.Test}}, "Ikke delt med virksomheten din i TEST: a:b, c:d."},
	} {
		msg, ok := nb.FieldError(tc.err)
		require.True(t, ok)
		require.Contains(t, msg, tc.want)
	}
}

func TestForFallsBackToBokmal(t *testing.T) {
	t.Parallel()
	require.Same(t, text.For("nb"), text.For("xx"))
	require.Equal(t, []string{"nb"}, text.Languages())
}

// TestEveryTokenRefusalIsDescribed: each code the token endpoint refuses
// with has a description, and Maskinporten's codes are where it has them.
func TestEveryTokenRefusalIsDescribed(t *testing.T) {
	t.Parallel()
	for _, c := range token.Codes() {
		msg, ok := text.TokenRefusal(&token.Refusal{Code: c, Args: []string{"a", "b", "c"}})
		require.True(t, ok, "token refusal %q has no description", c)
		require.NotEmpty(t, msg, c)
	}
	msg, _ := text.TokenRefusal(&token.Refusal{Code: token.CodeReplay, Args: []string{"j1"}})
	require.Contains(t, msg, "MP-012")
	require.Contains(t, msg, "used before")
	msg, _ = text.TokenRefusal(&token.Refusal{Code: token.CodeScopeNotGranted, Args: []string{"310000019", "skatteetaten:testapi", "TEST"}})
	require.Equal(t, "MP-250: Consumer 0192:310000019 has not been granted access to the scope skatteetaten:testapi in TEST. Ask the API provider to share it with your organisation.", msg)
}
