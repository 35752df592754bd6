package text

// Audit holds the texts of the audit log's list: the servicedesk
// console's whole log and an organisation's own "Endringslogg".
type Audit struct {
	ConsoleTitle, ChangelogTitle, ConsoleIntro, ChangelogIntro, FilterHeading    string
	OrgLabel, PersonLabel, PersonHint, RoleLabel, EnvLabel, ActionLabel, Any     string
	FromLabel, UntilLabel, DateHint, FilterButton, ClearFilter, ExportCSV, Empty string
	ColID, ColWhen, ColWho, ColRole, ColEnv, ColWhat, ColEntityType, ColEntity   string
	ColBefore, ColAfter, ColField, ShowChange, Yes, No, NextPage                 string
	FirstPage, Pagination                                                        string

	// Labels of the snapshots' fields, by their key in the audit log.
	Fields map[string]string
}

var bokmalAudit = Audit{
	ConsoleTitle:   "Endringslogg",
	ChangelogTitle: "Endringslogg",
	ConsoleIntro:   "Alle endringer i løsningen, nyeste først. Hver rad viser hvordan det var før og etter.",
	ChangelogIntro: "Endringer i virksomhetens integrasjoner, nøkler og oppsett, nyeste først – også de Digdirs servicedesk har gjort.",
	FilterHeading:  "Filtrer",
	OrgLabel:       "Organisasjonsnummer",
	PersonLabel:    "Person",
	PersonHint:     "Hele navnet.",
	RoleLabel:      "Rolle",
	EnvLabel:       "Miljø",
	ActionLabel:    "Handling",
	Any:            "Alle",
	FromLabel:      "Fra og med dato",
	UntilLabel:     "Til og med dato",
	DateHint:       "For eksempel 02.12.2026.",
	FilterButton:   "Vis",
	ClearFilter:    "Fjern filteret",
	ExportCSV:      "Last ned som CSV",
	Empty:          "Ingen endringer passer filteret.",
	ColID:          "Nr.",
	ColWhen:        "Tidspunkt",
	ColWho:         "Hvem",
	ColRole:        "Rolle",
	ColEnv:         "Miljø",
	ColWhat:        "Handling",
	ColEntityType:  "Type",
	ColEntity:      "Gjelder",
	ColBefore:      "Før",
	ColAfter:       "Etter",
	ColField:       "Felt",
	ShowChange:     "Vis før og etter",
	Yes:            "ja",
	No:             "nei",
	NextPage:       "Eldre endringer",
	FirstPage:      "Nyeste endringer",
	Pagination:     "Sider",
	Fields: map[string]string{
		"name": "Navn", "description": "Beskrivelse", "env": "Miljø", "service": "Tjeneste",
		"token_lifetime": "Levetid for tokens (sekunder)", "scopes": "Scopes", "active": "Aktiv",
		"version": "Versjon", "org_no": "Organisasjonsnummer", "domain": "E-postdomene",
		"pid": "Fødselsnummer", "prefix": "Prefiks", "retired": "Pensjonert", "kid": "Nøkkel-ID",
		"fingerprint": "Fingeravtrykk", "algorithm": "Algoritme", "expires_at": "Utløper",
		"subject": "Innlogging", "started": "Startet", "has_pid": "ID-porten med fødselsnummer",
	},
}

// fieldOrder is the order fields are shown in: the most telling first.
var fieldOrder = []string{"name", "org_no", "domain", "prefix", "pid", "env", "service", "description",
	"scopes", "token_lifetime", "active", "retired", "started", "has_pid", "version"}

// FieldLabel names a snapshot's field; the key itself for one it does not know.
func (a Audit) FieldLabel(key string) string {
	if l, ok := a.Fields[key]; ok {
		return l
	}
	return key
}

// FieldOrder ranks a field for display; unknown fields come last.
func (a Audit) FieldOrder(key string) int {
	for i, k := range fieldOrder {
		if k == key {
			return i
		}
	}
	return len(fieldOrder)
}
