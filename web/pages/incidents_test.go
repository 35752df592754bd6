package pages

import (
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/incident"
	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/merchant"
)

// TestIncidentFormKeepsInputAndLinksEachError: a refused "Ny hendelse"
// shows what was typed and checked, and each error links to its field,
// which names it in aria-describedby.
func TestIncidentFormKeepsInputAndLinksEachError(t *testing.T) {
	t.Parallel()
	doc := render(t, IncidentForm(IncidentFormView{CreationKey: "nokkel",
		Draft: incident.Draft{Title: "<b>Nede</b>", Text: "Linje 1\nLinje 2", Service: string(merchant.Provider),
			Envs: []string{"PROD"}, Severity: string(incident.Minor), Audience: string(incident.Chosen), OrgNos: []string{"974761076"}},
		Orgs:   []incident.Organisation{{No: "310000019", Name: "Eksempel Konsument AS"}, {No: "974761076", Name: "Skatteetaten"}},
		Errors: incident.FieldErrors{incident.FieldText: incident.CodeTextTooLong, incident.FieldOrgs: incident.CodeOrgUnknown}}))

	require.Equal(t, "<b>Nede</b>", doc.Find("#tittel").AttrOr("value", ""))
	require.Equal(t, "Linje 1\nLinje 2", doc.Find("#tekst").Text())
	require.Equal(t, "true", doc.Find("#tekst").AttrOr("aria-invalid", ""))
	require.Contains(t, doc.Find("#tekst").AttrOr("aria-describedby", ""), "feil-tekst")
	require.Equal(t, "Teksten kan ha høyst 5000 tegn.", doc.Find("#feil-tekst").Text())
	require.Equal(t, string(merchant.Provider), doc.Find("#tjeneste option[selected]").AttrOr("value", ""))
	require.Equal(t, string(incident.Minor), doc.Find("#alvorlighet option[selected]").AttrOr("value", ""))
	_, testChecked := doc.Find("#miljo-TEST").Attr("checked")
	_, prodChecked := doc.Find("#miljo-PROD").Attr("checked")
	require.False(t, testChecked)
	require.True(t, prodChecked)
	_, chosen := doc.Find("#mottakere-chosen").Attr("checked")
	require.True(t, chosen)
	_, skatt := doc.Find(`input[name="valgte"][value="974761076"]`).Attr("checked")
	_, eksempel := doc.Find(`input[name="valgte"][value="310000019"]`).Attr("checked")
	require.True(t, skatt)
	require.False(t, eksempel)
	require.Equal(t, "nokkel", doc.Find(`input[name="opprettingsnokkel"]`).AttrOr("value", ""))

	var links []string
	doc.Find(".error-summary a, [role=alert] a").Each(func(_ int, a *goquery.Selection) { links = append(links, a.AttrOr("href", "")) })
	require.Equal(t, []string{"#tekst", "#valgte-0"}, links, "in the order of the form, to a field that exists")
	require.Equal(t, 1, doc.Find("#valgte-0").Length())
}

func TestIncidentPageShowsEachDelivery(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)
	doc := render(t, Incident(IncidentView{JustSent: true,
		Incident: incident.Incident{ID: 4, Title: "Nede", Text: "Alt er nede.", Service: merchant.Consumer,
			Envs: []environment.Env{environment.Test, environment.Prod}, Severity: incident.Critical, Audience: incident.Users,
			CreatedBy: "Sven Servicedesk", CreatedAt: at, OrgCount: 2, Queued: 1, Sent: 1},
		Deliveries: []mail.Delivery{
			{To: "a@konsument.example", OrgNo: "310000019", OrgName: "Eksempel Konsument AS", Status: mail.StatusSent,
				Attempts: 1, Transport: mail.TransportSMTP, FinishedAt: at, Subject: "[Kritisk] …", Text: "Hei"},
			{To: "b@konsument.example", OrgNo: "310000019", Status: mail.StatusQueued, Attempts: 2,
				LastError: "451 4.3.0 try again later", NextAttempt: at.Add(time.Hour)},
		}}))
	require.Contains(t, doc.Find("h1").Text(), "Nede")
	require.Contains(t, doc.Text(), "Varselet er sendt.")
	require.Contains(t, doc.Text(), "TEST og PROD")
	require.Contains(t, doc.Text(), "1 sendt, 1 i kø, 0 feilet")
	rows := doc.Find("tbody tr")
	require.Equal(t, 2, rows.Length())
	require.Contains(t, rows.Eq(0).Text(), "Eksempel Konsument AS (310000019)")
	require.Contains(t, rows.Eq(0).Text(), "Sendt")
	require.Contains(t, rows.Eq(1).Text(), "I kø")
	require.Contains(t, rows.Eq(1).Text(), "451 4.3.0 try again later")
	require.Contains(t, rows.Eq(1).Text(), "neste forsøk 03.12.2026 09:00")
	require.Zero(t, doc.Find(`a:contains("Neste side")`).Length(), "one page only")
}
