package servicedesk_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/servicedesk"
)

// Every console search takes whatever is typed: a long text is cut to
// MaxSearchLength characters, never inside one (Postgres refuses half a
// character with 22021, which would be a 500), and bytes no text can hold
// are dropped.
func TestSearchesTakeAnyText(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	// The longest name there is, so a search of MaxSearchLength characters can find it.
	b.organisation(t, "a"+strings.Repeat("å", servicedesk.MaxSearchLength-1))

	searches := map[string]func(q string) error{
		"Organisations": func(q string) error { _, _, err := servicedesk.SearchOrganisations(ctx, b.serving, q); return err },
		"Domains":       func(q string) error { _, _, err := servicedesk.SearchDomains(ctx, b.serving, q); return err },
		"Persons":       func(q string) error { _, _, err := servicedesk.SearchPersons(ctx, b.serving, q); return err },
		"Sessions": func(q string) error {
			_, err := servicedesk.FindSessionPersons(ctx, b.serving, q, time.Hour)
			return err
		},
	}
	inputs := map[string]string{
		// One ASCII byte first, so a cut at MaxSearchLength bytes falls inside «å».
		"TwoByteCharsAcrossTheLimit":   "a" + strings.Repeat("å", servicedesk.MaxSearchLength),
		"ThreeByteCharsAcrossTheLimit": "ab" + strings.Repeat("€", servicedesk.MaxSearchLength),
		"FourByteChars":                strings.Repeat("😀", servicedesk.MaxSearchLength+1),
		"InvalidUTF8":                  "bl\xffå\xc3",
		"NUL":                          "blå\x00bær",
		"AtWithMultibyte":              strings.Repeat("æ", servicedesk.MaxSearchLength) + "@ø.no",
		"CombiningMarks":               "a" + strings.Repeat("e\u0301", servicedesk.MaxSearchLength),
	}
	for sname, search := range searches {
		for iname, q := range inputs {
			err := search(q)
			if err != nil {
				// A refusal in the console's words is fine; a failure of the database is not.
				var fe servicedesk.FieldErrors
				require.ErrorAs(t, err, &fe, "%s/%s: %v", sname, iname, err)
			}
		}
	}

	orgs, _, err := servicedesk.SearchOrganisations(ctx, b.serving, "  a"+strings.Repeat("å", 2*servicedesk.MaxSearchLength))
	require.NoError(t, err)
	require.Len(t, orgs, 1, "the cut text still finds the name")
	orgs, _, err = servicedesk.SearchOrganisations(ctx, b.serving, "a\xffåå\x00å")
	require.NoError(t, err)
	require.Len(t, orgs, 1, "the invalid byte is dropped")
}
