package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

const (
	consumerPage = "/tjenester/maskinporten-konsument"
	consumerEdit = consumerPage + "/rediger"
	missingHint  = "Virksomheten mangler varslingspunkter"
)

var versionRe = regexp.MustCompile(`name="versjon" value="([0-9]+)"`)

// merchantForm opens "Rediger integrasjon" and returns a complete form
// with one notification point, as Kari would fill it in.
func merchantForm(t *testing.T, c *http.Client, site *webtest.Site) url.Values {
	t.Helper()
	resp, body := webtest.Get(t, c, site.URL+consumerEdit)
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	v := versionRe.FindStringSubmatch(body)
	require.NotNil(t, v)
	return url.Values{"csrf": {webtest.CSRF(t, body)}, "versjon": {v[1]},
		"fakturaepost": {"faktura@konsument.example"}, "postadresse": {"Postboks 1\n0101 Oslo"},
		"deres-referanse": {"K-1"}, "kontaktperson": {"Kari Konsument"},
		"varsel-navn": {"Drift"}, "varsel-epost": {"drift@konsument.example"}, "varsel-telefon": {"912 34 567"},
		"handling": {"lagre"}}
}

func savedPoints(t *testing.T, site *webtest.Site, orgNo string) int {
	t.Helper()
	var n int
	require.NoError(t, site.Pool.QueryRow(context.Background(),
		`SELECT count(*) FROM notification_points WHERE org_no = $1`, orgNo).Scan(&n))
	return n
}

func TestServicesPage(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)

	t.Run("ConsumerWithoutPointsIsWarned", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Kari, "")
		resp, body := webtest.Get(t, c, site.URL+"/tjenester")
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, body, "Maskinporten (API-konsument)")
		require.NotContains(t, body, "Maskinporten (API-tilbyder)", "Eksempel Konsument AS owns no prefix")
		require.Contains(t, body, "Mangler fakturainformasjon og varslingspunkt")
		require.Contains(t, body, missingHint)
		require.Contains(t, body, `href="`+consumerEdit+`"`, "the warning links to where to add one")

		_, list := webtest.Get(t, c, site.URL+"/integrasjoner?miljo=TEST")
		require.Contains(t, list, missingHint, "the integration list warns too")
	})

	t.Run("ProviderSeesBothServicesComplete", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Petra, "")
		_, body := webtest.Get(t, c, site.URL+"/tjenester")
		require.Contains(t, body, "Maskinporten (API-konsument)")
		require.Contains(t, body, "Maskinporten (API-tilbyder)")
		require.Equal(t, 2, strings.Count(body, "Komplett"))
		require.NotContains(t, body, missingHint)
		_, list := webtest.Get(t, c, site.URL+"/integrasjoner?miljo=TEST")
		require.NotContains(t, list, missingHint)

		_, page := webtest.Get(t, c, site.URL+consumerPage)
		require.Contains(t, page, "drift@skatteetaten.no")
		require.Contains(t, page, "+47 220 77 000")
		require.Contains(t, page, "Rediger integrasjon")
	})

	t.Run("UnknownOrUnusedServiceIs404", func(t *testing.T) {
		t.Parallel()
		c, _, _ := site.Login(t, demo.Kari, "")
		for _, p := range []string{"/tjenester/finnes-ikke", "/tjenester/maskinporten-tilbyder",
			"/tjenester/maskinporten-tilbyder/rediger", "/tjenester/%00"} {
			resp, _ := webtest.Get(t, c, site.URL+p)
			require.Equal(t, http.StatusNotFound, resp.StatusCode, p)
		}
		resp, _ := webtest.Post(t, c, site.URL+"/tjenester/maskinporten-tilbyder/rediger", merchantForm(t, c, site))
		require.Equal(t, http.StatusNotFound, resp.StatusCode, "another organisation's service cannot be saved")
	})
}

func TestMerchantForm(t *testing.T) {
	t.Parallel()

	t.Run("AddSaveRemove", func(t *testing.T) {
		t.Parallel()
		site := webtest.Start(t)
		c, _, _ := site.Login(t, demo.Kari, "")
		form := merchantForm(t, c, site)

		add := url.Values{}
		for k, v := range form {
			add[k] = v
		}
		add.Set("handling", "legg-til-varslingspunkt")
		resp, body := webtest.Post(t, c, site.URL+consumerEdit, add)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, body, "Varslingspunkt 2", "a second, empty row")
		require.Contains(t, body, `value="drift@konsument.example"`, "what was typed is kept")
		require.Zero(t, savedPoints(t, site, demo.EksempelKonsument), "adding a row saves nothing")

		resp, body = webtest.Post(t, c, site.URL+consumerEdit, form)
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		require.Equal(t, consumerPage, resp.Request.URL.Path)
		require.Contains(t, body, "Endringene er lagret.")
		require.Contains(t, body, "drift@konsument.example")
		require.Contains(t, body, "Første registrering", "the history shows the save")
		require.NotContains(t, body, missingHint)
		require.Equal(t, 1, savedPoints(t, site, demo.EksempelKonsument))
		_, services := webtest.Get(t, c, site.URL+"/tjenester")
		require.Contains(t, services, "Komplett")
		require.NotContains(t, services, missingHint)

		again, _ := webtest.Post(t, c, site.URL+consumerEdit, form)
		require.Equal(t, consumerPage, again.Request.URL.Path, "a double click is no conflict")

		form = merchantForm(t, c, site)
		form.Set("handling", "fjern-varslingspunkt-0")
		resp, body = webtest.Post(t, c, site.URL+consumerEdit, form)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.NotContains(t, body, `value="drift@konsument.example"`)
		require.Equal(t, 1, savedPoints(t, site, demo.EksempelKonsument), "removing a row saves nothing until Lagre")
	})

	t.Run("SecondEditorGets409WithInputKept", func(t *testing.T) {
		t.Parallel()
		site := webtest.Start(t)
		// Saving is a change in production, so the second editor is
		// registered for it too.
		_, err := site.Pool.Exec(context.Background(), `INSERT INTO production_persons (org_no, pid, name, registered_by)
			VALUES ($1, $2, $3, 'Test')`, demo.EksempelKonsument, demo.Ola.PID, demo.Ola.Name)
		require.NoError(t, err)
		kari, _, _ := site.Login(t, demo.Kari, "")
		ola, _, _ := site.Login(t, demo.Ola, "")
		karis, olas := merchantForm(t, kari, site), merchantForm(t, ola, site)
		resp, _ := webtest.Post(t, kari, site.URL+consumerEdit, karis)
		require.Equal(t, consumerPage, resp.Request.URL.Path)

		olas.Set("kontaktperson", "Ola Uregistrert")
		olas.Set("varsel-epost", "ola@konsument.example")
		resp, body := webtest.Post(t, ola, site.URL+consumerEdit, olas)
		require.Equal(t, http.StatusConflict, resp.StatusCode)
		require.Contains(t, body, "ble endret av Kari Konsument")
		require.Contains(t, body, `value="Ola Uregistrert"`, "Ola's input is kept")
		require.Contains(t, body, "drift@konsument.example", "what Kari saved is shown")
		require.Contains(t, body, `name="versjon" value="1"`, "saving again overwrites deliberately")

		olas.Set("versjon", "1")
		resp, body = webtest.Post(t, ola, site.URL+consumerEdit, olas)
		require.Equal(t, consumerPage, resp.Request.URL.Path)
		require.Contains(t, body, "Endret: Kontaktperson, Varslingspunkter")
	})

	// The notification points get PROD's e-mails about incidents and keys:
	// an employee not registered for production sees «Lagre» greyed out
	// with the reason, and the server refuses the save with 403.
	t.Run("ProductionGate", func(t *testing.T) {
		t.Parallel()
		site := webtest.Start(t)
		ola, _, _ := site.Login(t, demo.Ola, "")
		resp, body := webtest.Get(t, ola, site.URL+consumerEdit)
		require.Equal(t, http.StatusOK, resp.StatusCode, "the form may be read")
		require.Contains(t, body, "personnummeret ditt er ikke registrert for produksjon hos Eksempel Konsument AS")
		require.Regexp(t, `<button[^>]*value="lagre"[^>]*disabled`, body, "«Lagre» is greyed out")
		form := merchantForm(t, ola, site)
		resp, body = webtest.Post(t, ola, site.URL+consumerEdit, form)
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
		require.Contains(t, body, "ikke registrert for produksjon")
		require.Contains(t, body, `value="drift@konsument.example"`, "the input is kept")
		require.Zero(t, savedPoints(t, site, demo.EksempelKonsument))
	})

	t.Run("BadInput", func(t *testing.T) {
		t.Parallel()
		site := webtest.Start(t)
		for _, tc := range []struct {
			name    string
			change  func(url.Values)
			message string
		}{
			{"InvoiceEmail", func(f url.Values) { f.Set("fakturaepost", "faktura") }, "Skriv inn en gyldig e-postadresse"},
			{"NoInvoiceEmailWithoutEHF", func(f url.Values) { f.Set("fakturaepost", "") }, "eller kryss av for at fakturaen sendes som EHF"},
			{"EHFWithoutReference", func(f url.Values) { f.Set("ehf", "ja"); f.Set("deres-referanse", "") }, "referansen som skal stå på EHF-fakturaen"},
			{"NoPostalAddress", func(f url.Values) { f.Set("postadresse", " ") }, "Skriv inn postadressen."},
			{"NoContact", func(f url.Values) { f.Set("kontaktperson", "") }, "Skriv inn navnet på en kontaktperson."},
			{"PointEmail", func(f url.Values) { f.Set("varsel-epost", "drift@") }, "Skriv inn en gyldig e-postadresse"},
			{"PointName", func(f url.Values) { f.Set("varsel-navn", "") }, "Skriv inn navnet på varslingspunktet."},
			{"Phone", func(f url.Values) { f.Set("varsel-telefon", "+46 70 123 45 67") }, "norsk telefonnummer med åtte siffer"},
			{"NUL", func(f url.Values) { f.Set("kontaktperson", "Kari\x00") }, "usynlige kontrolltegn"},
			{"BrokenUTF8", func(f url.Values) { f.Set("varsel-navn", "\xff\xfe") }, "høyst 100 tegn"},
			{"HeaderInjection", func(f url.Values) { f.Set("varsel-epost", "a@b.no\r\nBcc: c@d.no") }, "Skriv inn en gyldig e-postadresse"},
			{"Duplicate", func(f url.Values) {
				f["varsel-navn"] = []string{"A", "B"}
				f["varsel-epost"] = []string{"x@konsument.example", "X@konsument.example"}
			}, "allerede et varslingspunkt"},
			{"TooMany", func(f url.Values) {
				f["varsel-navn"], f["varsel-epost"] = nil, nil
				for i := range 11 {
					f["varsel-navn"] = append(f["varsel-navn"], "P")
					f["varsel-epost"] = append(f["varsel-epost"], strings.Repeat("p", i+1)+"@konsument.example")
				}
			}, "høyst 10 varslingspunkter"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				c, _, _ := site.Login(t, demo.Kari, "")
				form := merchantForm(t, c, site)
				form.Set("deres-referanse", "Beholdes ved feil")
				tc.change(form)
				resp, body := webtest.Post(t, c, site.URL+consumerEdit, form)
				require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, body)
				require.Contains(t, body, tc.message)
				if form.Get("deres-referanse") != "" {
					require.Contains(t, body, "Beholdes ved feil", "the other input is kept")
				}
				if tc.name == "TooMany" {
					require.Contains(t, body, `aria-describedby="hint-varslingspunkter feil-varslingspunkter"`)
				} else {
					require.Contains(t, body, `aria-invalid="true"`)
				}
				require.Zero(t, savedPoints(t, site, demo.EksempelKonsument), "nothing saved")
			})
		}
		t.Run("BadVersion", func(t *testing.T) {
			t.Parallel()
			c, _, _ := site.Login(t, demo.Kari, "")
			for _, v := range []string{"", "x", "-1", "99999999999999999999"} {
				form := merchantForm(t, c, site)
				form.Set("versjon", v)
				resp, _ := webtest.Post(t, c, site.URL+consumerEdit, form)
				require.Equal(t, http.StatusBadRequest, resp.StatusCode, v)
			}
		})
		t.Run("UnknownRemoveIsHarmless", func(t *testing.T) {
			t.Parallel()
			c, _, _ := site.Login(t, demo.Kari, "")
			for _, h := range []string{"fjern-varslingspunkt-7", "fjern-varslingspunkt-x", "fjern-varslingspunkt--1", "noe-annet"} {
				form := merchantForm(t, c, site)
				form.Set("handling", h)
				resp, body := webtest.Post(t, c, site.URL+consumerEdit, form)
				require.Equal(t, http.StatusOK, resp.StatusCode, h)
				require.Contains(t, body, `value="drift@konsument.example"`, h)
			}
		})
	})
}
