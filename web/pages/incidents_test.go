package pages

import (
	"strconv"
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
		Search: "a", Choices: incident.Choices{Chosen: []incident.Organisation{{No: "974761076", Name: "Skatteetaten"}},
			Found: []incident.Organisation{{No: "310000019", Name: "Eksempel Konsument AS"}}},
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
	require.Equal(t, "974761076", doc.Find("#valgte-0").AttrOr("value", ""), "the chosen ones first")
	require.Equal(t, "a", doc.Find("#sok-virksomhet").AttrOr("value", ""))
}

// TestIncidentFormSearchesOrganisations: "Søk" is a button of the form
// itself, so what was typed goes with it; the form says what the search
// found, and an error about the organisations links to the search when
// none is listed.
func TestIncidentFormSearchesOrganisations(t *testing.T) {
	t.Parallel()
	many := make([]incident.Organisation, 50)
	for i := range many {
		many[i] = incident.Organisation{No: strconv.Itoa(400000000 + i), Name: "Kommune " + strconv.Itoa(i)}
	}
	for _, c := range []struct {
		name    string
		view    IncidentFormView
		message string
	}{
		{"BeforeASearch", IncidentFormView{}, ""},
		{"NoneFound", IncidentFormView{Search: " Finnes ikke "}, "Ingen virksomheter passer til «Finnes ikke»."},
		{"OneFound", IncidentFormView{Search: "skatt", Choices: incident.Choices{Found: many[:1]}}, "1 virksomhet passer til søket."},
		{"MoreThanShown", IncidentFormView{Search: "kommune", Choices: incident.Choices{Found: many, More: true}},
			"Viser de 50 første som passer. Skriv mer av navnet eller nummeret for å finne flere."},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.view.Errors = incident.FieldErrors{incident.FieldOrgs: incident.CodeOrgsMissing}
			doc := render(t, IncidentForm(c.view))
			require.Equal(t, c.message, doc.Find("[role=status]").Text())
			search := doc.Find("#sok-virksomhet")
			require.Equal(t, "sok", search.AttrOr("name", ""))
			require.Equal(t, 1, doc.Find(`label[for="sok-virksomhet"]`).Length())
			button := doc.Find(`button[name="sok-virksomheter"]`)
			require.Equal(t, "Søk", button.Text())
			require.Equal(t, 1, button.Closest("form[method=post]").Length(), "posted with the rest of the form")
			require.Equal(t, 0, doc.Find("input[name=valgte]:checked").Length())
			want := "#sok-virksomhet"
			if len(c.view.Choices.Found) > 0 {
				want = "#valgte-0"
			}
			require.Equal(t, want, doc.Find(".error-summary a, [role=alert] a").AttrOr("href", ""))
		})
	}
}

func TestIncidentPageShowsEachDelivery(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)
	doc := render(t, Incident(IncidentView{JustSent: true,
		Incident: incident.Incident{ID: 4, Title: "Nede", Text: "Alt er nede.", Service: merchant.Consumer,
			Envs: []environment.Env{environment.Test, environment.Prod}, Severity: incident.Critical, Audience: incident.Users,
			CreatedBy: "Sven Servicedesk", CreatedAt: at, OrgCount: 2, Recipients: 2},
		Statuses: map[mail.Status]int{mail.StatusSending: 1, mail.StatusSent: 1},
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
