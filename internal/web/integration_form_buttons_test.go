package web

import (
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPressed: each button of the integration form, by its handling=…,
// with the picker open (side and sok posted) or closed.
func TestPressed(t *testing.T) {
	t.Parallel()
	open := url.Values{"side": {"3"}, "sok": {" mva "}}
	for _, tc := range []struct {
		name   string
		form   url.Values
		picker *pickerRequest
		save   bool
	}{
		{"OpenPicker", url.Values{"handling": {"legg-til-scopes"}}, &pickerRequest{page: 1}, false},
		{"Search", with(open, "handling", "sok"), &pickerRequest{search: "mva", page: 1}, false},
		{"PreviousPage", with(open, "handling", "forrige-side"), &pickerRequest{search: "mva", page: 2}, false},
		{"NextPage", with(open, "handling", "neste-side"), &pickerRequest{search: "mva", page: 4}, false},
		{"AddChosen", with(open, "handling", "legg-til-valgte"), &pickerRequest{search: "mva", page: 1}, false},
		{"CreateWithPickerOpen", with(open, "handling", "opprett"), &pickerRequest{search: "mva", page: 1}, true},
		{"CreateWithPickerClosed", url.Values{"handling": {"opprett"}}, nil, true},
		{"Save", url.Values{"handling": {"lagre"}}, nil, true},
		{"NoButtonNeverSaves", url.Values{"navn": {"x"}}, nil, false},
		{"UnknownButtonKeepsThePicker", with(open, "handling", "slett-alt"), &pickerRequest{search: "mva", page: 3}, false},
		{"PageStaysInBounds", url.Values{"handling": {"forrige-side"}, "side": {"1"}}, &pickerRequest{page: 1}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tc.form.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			require.NoError(t, r.ParseForm())
			got := pressed(r)
			require.Equal(t, tc.save, got.save)
			require.Equal(t, tc.picker, got.picker)
		})
	}
}

func with(form url.Values, key, value string) url.Values {
	out := maps.Clone(form)
	out.Set(key, value)
	return out
}
