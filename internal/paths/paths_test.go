package paths_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/paths"
)

func TestPaths(t *testing.T) {
	t.Parallel()
	id := uuid.MustParse("6f1c1a52-1d4e-4a51-9c56-2a9f9d0e4b7a")
	for _, tc := range []struct{ got, want string }{
		{paths.Start(), "/integrasjoner?miljo=TEST"},
		{paths.Login(""), "/logg-inn"},
		{paths.Login("/tjenester?a=b"), "/logg-inn?neste=%2Ftjenester%3Fa%3Db"},
		{paths.FreshLogin("/integrasjoner?miljo=PROD"), "/logg-inn?neste=%2Fintegrasjoner%3Fmiljo%3DPROD&ny=ja"},
		{paths.ChooseOrganisation(""), "/velg-virksomhet"},
		{paths.ChooseOrganisation("/tjenester"), "/velg-virksomhet?neste=%2Ftjenester"},
		{paths.IntegrationList(environment.Prod), "/integrasjoner?miljo=PROD"},
		{paths.IntegrationListPage(environment.Test, true, "abc.def"), "/integrasjoner?miljo=TEST&vis=inaktive&etter=abc.def"},
		{paths.IntegrationNew(environment.Prod), "/integrasjoner/ny?miljo=PROD"},
		{paths.Integration(id), "/integrasjoner/" + id.String()},
		{paths.IntegrationEdit(id), "/integrasjoner/" + id.String() + "/endre"},
		{paths.IntegrationDeactivate(id), "/integrasjoner/" + id.String() + "/deaktiver"},
		{paths.IntegrationKeys(id), "/integrasjoner/" + id.String() + "/nokler"},
		{paths.IntegrationKeyRemove(id, 42), "/integrasjoner/" + id.String() + "/nokler/42/fjern"},
		{paths.IntegrationNotice(id, paths.NoticeSaved), "/integrasjoner/" + id.String() + "?melding=lagret"},
		{paths.IntegrationNotice(id, paths.NoticeKeyAdded), "/integrasjoner/" + id.String() + "?melding=nokkel-lagt-til#nokler"},
		{paths.Service("maskinporten-konsument"), "/tjenester/maskinporten-konsument"},
		{paths.ServiceEdit("maskinporten-konsument"), "/tjenester/maskinporten-konsument/rediger"},
		{paths.ServiceNotice("maskinporten-tilbyder", paths.NoticeSaved), "/tjenester/maskinporten-tilbyder?melding=lagret"},
		{paths.Static("style.css"), "/static/style.css"},
	} {
		require.Equal(t, tc.want, tc.got)
	}
}

func TestParseNotice(t *testing.T) {
	t.Parallel()
	for _, n := range paths.Notices() {
		require.Equal(t, n, paths.ParseNotice(string(n)))
	}
	for _, s := range []string{"", "Opprettet", "<script>", "lagret "} {
		require.Empty(t, paths.ParseNotice(s), s)
	}
}
