package incident_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/incident"
	"github.com/digdir/selvbetjening/internal/store/storetest"
)

// TestOrganisationChoicesFindAnyOrganisation: among more organisations
// than may be chosen at once, servicedesk finds the one last by name by a
// part of its name or the start of its number, and those already chosen
// stay listed, first, whatever the search.
func TestOrganisationChoicesFindAnyOrganisation(t *testing.T) {
	t.Parallel()
	b := setup(t)
	many := storetest.ManyMerchant(t, b.owner, storetest.ManyMerchantOptions{Count: incident.MaxChosen + 200})
	last := storetest.Organisation(t, b.owner, storetest.OrganisationOptions{Name: "Østre Toten kommune"})

	c, err := incident.OrganisationChoices(b.ctx, b.serving, "", nil)
	require.NoError(t, err)
	require.Equal(t, incident.Choices{}, c, "nothing listed before a search")

	for _, search := range []string{"toten", " ØSTRE ", last.No[:5]} {
		c, err = incident.OrganisationChoices(b.ctx, b.serving, search, nil)
		require.NoError(t, err)
		require.Contains(t, c.Found, incident.Organisation{No: last.No, Name: "Østre Toten kommune"}, search)
	}

	c, err = incident.OrganisationChoices(b.ctx, b.serving, "Virksomhet", []string{last.No, many[7], "889640782"})
	require.NoError(t, err)
	require.Equal(t, []incident.Organisation{{No: last.No, Name: "Østre Toten kommune"}, {No: many[7], Name: "Virksomhet " + many[7]}},
		c.Chosen, "by number, without the number the portal does not know")
	require.True(t, c.More)
	require.Len(t, c.Found, 49, "the first 50 by name, less the chosen one among them")
	require.NotContains(t, c.Found, incident.Organisation{No: many[7], Name: "Virksomhet " + many[7]})
}
