package pages

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/integration"
)

func render(t *testing.T, c templ.Component) *goquery.Document {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, c.Render(context.Background(), &buf))
	doc, err := goquery.NewDocumentFromReader(&buf)
	require.NoError(t, err)
	return doc
}

func TestIntegrationListGreysOutWithReason(t *testing.T) {
	t.Parallel()
	doc := render(t, IntegrationList(IntegrationListView{Env: environment.Prod, Gate: access.Deny(access.NoIDporten)}))
	button := doc.Find(`a.button:contains("Ny integrasjon")`)
	require.Equal(t, 1, button.Length())
	require.Equal(t, "true", button.AttrOr("aria-disabled", ""))
	_, hasHref := button.Attr("href")
	require.False(t, hasHref, "a greyed-out link leads nowhere")
	reason := doc.Find("#" + button.AttrOr("aria-describedby", "none"))
	require.Contains(t, reason.Text(), "logge inn med ID-porten")
}

func TestIntegrationListOffersANewLoginWhenTheOldIsTooOld(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	ctx := WithReturnPath(context.Background(), "/integrasjoner?miljo=PROD")
	require.NoError(t, IntegrationList(IntegrationListView{Env: environment.Prod, Gate: access.Deny(access.LoginTooOld)}).Render(ctx, &buf))
	doc, err := goquery.NewDocumentFromReader(&buf)
	require.NoError(t, err)
	reason := doc.Find("#" + GateReasonID)
	require.Contains(t, reason.Text(), "logget inn med ID-porten i løpet av de siste")
	require.NotContains(t, reason.Text(), "Digdir må ha lagt inn personnummeret", "registration is not the problem")
	link := reason.Find(`a:contains("Logg inn på nytt")`)
	require.Equal(t, "/logg-inn?neste=%2Fintegrasjoner%3Fmiljo%3DPROD&ny=ja", link.AttrOr("href", ""))
}

func TestIntegrationListRows(t *testing.T) {
	t.Parallel()
	id := uuid.New()
	doc := render(t, IntegrationList(IntegrationListView{Env: environment.Test, Page: integration.ListPage{
		Items: []integration.Summary{{ClientID: id, Name: "<b>Lønn</b>", Service: "maskinporten", ScopeCount: 3,
			Active: true, UpdatedAt: time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC)}},
		Next: "abc.def",
	}}))
	cells := doc.Find("tbody tr td")
	require.Equal(t, "<b>Lønn</b>", cells.Eq(0).Text(), "names are text, never markup")
	require.Equal(t, 0, doc.Find("tbody b").Length())
	require.Equal(t, id.String(), cells.Eq(1).Text())
	require.Equal(t, "3", cells.Eq(3).Text())
	require.Equal(t, "25.11.2026 12:00", cells.Eq(5).Text(), "Oslo time")
	require.Equal(t, "/integrasjoner?miljo=TEST&etter=abc.def", doc.Find(`a[rel="next"]`).AttrOr("href", ""))
}

func TestIntegrationFormErrors(t *testing.T) {
	t.Parallel()
	doc := render(t, IntegrationForm(IntegrationFormView{Env: environment.Test,
		Draft:  integration.Draft{Name: "", Description: "beholdt"},
		Errors: integration.FieldErrors{"name": {Code: integration.CodeNameMissing}}}))
	name := doc.Find("#navn")
	require.Equal(t, "true", name.AttrOr("aria-invalid", ""))
	require.Equal(t, "hint-navn feil-navn", name.AttrOr("aria-describedby", ""))
	require.Equal(t, "Skriv inn et navn på integrasjonen.", doc.Find("#feil-navn").Text())
	require.Equal(t, "#navn", doc.Find(`[role="alert"] a`).AttrOr("href", ""), "the summary links to the field")
	require.Equal(t, "beholdt", doc.Find("#beskrivelse").Text())
	_, described := doc.Find("#beskrivelse").Attr("aria-describedby")
	require.False(t, described, "no empty references")
	doc.Find("input, select, textarea").Each(func(_ int, s *goquery.Selection) {
		if s.AttrOr("type", "") == "hidden" || s.AttrOr("type", "") == "checkbox" {
			return
		}
		id := s.AttrOr("id", "")
		require.Equal(t, 1, doc.Find(`label[for="`+id+`"]`).Length(), "field %q has a label", id)
	})
}
