package web_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// browserKari is Kari as the domain sees her, for integrations a test needs
// to exist before its browser steps start.
var browserKari = identity.Actor{
	Person:  identity.Person{Name: demo.Kari.Name, PID: demo.Kari.PID, Email: demo.Kari.Email},
	OrgNo:   demo.EksempelKonsument,
	OrgName: "Eksempel Konsument AS",
	// Integrations made beforehand are made as if just logged in.
	FreshLoginUntil: time.Now().Add(24 * time.Hour),
}

var uuidRe = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// browserInnlogging follows "Innlogging (Integrasjoner)" of Digdir's
// "Selvbetjening som API-konsument" to the letter: log in, "Virksomhetens
// tjenester" and "Administrasjon av tjenester" in the left menu, then
// "Integrasjoner" in the environment.
func browserInnlogging(t *testing.T, b *webtest.Browser, person demo.Person, env string) {
	t.Helper()
	b.LoginAs(person.Name)
	menu := b.Within("Hovedmeny")
	menu.ClickLink("Virksomhetens tjenester")
	require.Equal(t, "/tjenester", b.Path())
	menu.ClickLink("Administrasjon av tjenester")
	require.Equal(t, "/tjenester/administrasjon", b.Path())
	b.Within("Miljø " + env).ClickLink("Integrasjoner")
	require.Equal(t, "/integrasjoner", b.Path())
	require.Contains(t, b.Text(), "Integrasjoner i "+env)
}

// browserSeedIntegration creates an integration as Kari straight in the
// database, for tests about what a person does with one.
func browserSeedIntegration(t *testing.T, site *webtest.Site, env environment.Env, name string, scopes ...string) uuid.UUID {
	t.Helper()
	id, err := integration.Create(context.Background(), site.Pool, browserKari, env, uuid.New(), integration.Draft{
		Service: integration.ServiceMaskinporten, Name: name, Description: "Laget av testen",
		Scopes: scopes, TokenLifetime: "120"})
	require.NoError(t, err)
	return id
}

// browserStartCreate is the first half of "Opprette klient": "Ny
// integrasjon", "Maskinporten" in "Difi-tjeneste", the name and description,
// and "Legg til scopes". It returns the picker that opens.
func browserStartCreate(t *testing.T, b *webtest.Browser, env, name string) *webtest.Browser {
	t.Helper()
	b.ClickLink("Ny integrasjon")
	require.Contains(t, b.Text(), "Ny integrasjon i "+env)
	b.SelectOption("Difi-tjeneste", "Maskinporten")
	b.FillField("Navn på integrasjonen", name)
	b.FillField("Beskrivelse", "Laget i nettleseren")
	b.ClickButton("Legg til scopes")
	return b.Within("Scopes delt med Eksempel Konsument AS i " + env)
}

// browserFinishCreate picks the scope, sees it under "Valgte scopes",
// presses "Opprett" and checks the new integration's page. It returns the
// client id the page shows.
func browserFinishCreate(t *testing.T, b, picker *webtest.Browser, who demo.Person, name, scope string) string {
	t.Helper()
	picker.Check(scope)
	picker.ClickButton("Legg til valgte")
	require.Contains(t, textBetween(b.Within("Scopes").Text(), "Valgte scopes", "Scopes delt med"), scope)
	require.Equal(t, "Laget i nettleseren", b.Value("Beskrivelse"), "the form keeps what was typed while picking")

	b.ClickButton("Opprett")
	require.Equal(t, 200, b.Status())
	page := b.Text()
	require.Contains(t, page, "Integrasjonen er opprettet")
	require.Contains(t, page, name)
	clientID := b.Value("Klient-ID")
	require.Regexp(t, uuidRe, clientID)
	_, readonly := b.FieldAttr("Klient-ID", "readonly")
	require.True(t, readonly, "the client id is shown in a read-only field")
	require.Equal(t, "/integrasjoner/"+clientID, b.Path())
	require.Contains(t, textBetween(page, "Scopes", "Nøkler"), scope)
	require.Regexp(t, regexp.QuoteMeta(who.Name)+`\s+Opprettet`, textAfter(page, "Historikk"))
	return clientID
}

// browserDescription is the text a screen reader reads after a field: the
// elements its aria-describedby names.
func browserDescription(t *testing.T, b *webtest.Browser, label string) string {
	t.Helper()
	ids, _ := b.FieldAttr(label, "aria-describedby")
	text := ""
	for _, id := range strings.Fields(ids) {
		text += webtest.Eval[string](b, `document.getElementById(`+strconv.Quote(id)+`)?.innerText ?? ""`) + "\n"
	}
	return text
}

// textBetween is the part of text after the first from and before the next to.
func textBetween(text, from, to string) string {
	rest := textAfter(text, from)
	if i := strings.Index(rest, to); i >= 0 {
		return rest[:i]
	}
	return rest
}

// textAfter is the part of text after the first from.
func textAfter(text, from string) string {
	if i := strings.Index(text, from); i >= 0 {
		return text[i+len(from):]
	}
	return ""
}
