package text

import (
	"fmt"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/servicedesk"
)

// Servicedesk holds the texts of Digdir's servicedesk console:
// organisations, e-mail domains, person numbers, scope prefixes, roles,
// sessions and the audit log.
type Servicedesk struct {
	Menu, Title, Intro, Sections                                  string
	MenuOrganisations, MenuDomains, MenuPersons, MenuPrefixes     string
	MenuAudit, MenuSessions, MenuStaff                            string
	ColName, ColPID, ColGrantedBy, ColGrantedAt, ColActions, None string

	StaffTitle, StaffIntro, StaffGrantHeading, StaffGrantButton, StaffRevokeButton string
	PIDLabel, PIDHint, PersonNameLabel                                             string
	StaffRevokeLabel                                                               func(name string) string

	OrgsTitle, OrgsSearchLabel, SearchButton, NoHits, OrgNewButton, ColOrgNo string
	OrgNewTitle, OrgNoLabel, OrgNoHint, OrgNameLabel, OrgCreateButton        string
	OrgRenameHeading, OrgRenameButton, DomainsHeading, PersonsHeading        string
	PrefixesHeading, Retired, IntegrationsHeading, SharedScopesHeading       string
	ReadOnlyNote                                                             string

	DomainsTitle, DomainsIntro, DomainLinkHeading, DomainLabel, DomainHint    string
	DomainLinkButton, DomainsListHeading, DomainsSearchLabel, ColDomain       string
	ColLeadsTo, DomainLeadsHeading, DomainUnlinkButton, DomainLinkMoreHeading string
	DomainLeadsBody                                                           func(orgs int) string
	DomainUnlinkLabel                                                         func(orgName string) string

	PersonsIntro, PersonRegisterHeading, PersonRegisterButton, PersonRemoveButton string
	ColOrganisation, ColRegistered, PersonRegisteredTitle, PersonShownOnce        string
	PersonsTitle, PersonsSearchIntro, PersonsSearchLabel, PersonsSearchHint, Hits string
	PersonRemoveLabel                                                             func(name, orgName string) string
	PersonRegisteredBody, PersonAlreadyRegistered                                 func(name, orgName string) string
	BackToOrganisation                                                            func(orgName string) string

	PrefixesTitle, PrefixesIntro, PrefixAssignHeading, PrefixLabel, PrefixHint  string
	PrefixAssignButton, PrefixesListHeading, ColPrefix, ColScopes, ColStatus    string
	InUse, PrefixRetiredBody, PrefixMoveHeading, PrefixMoveBody, PrefixMoveTo   string
	PrefixMoveButton, PrefixRetireHeading, PrefixRetireBody, PrefixRetireButton string
	PrefixTitle                                                                 func(prefix string) string

	SessionsTitle, SessionsIntro, SessionsSearchLabel, SessionsSearchHint, NoSessions string
	ColStarted, ColLastActive, ColIDporten, NoOrgChosen, WithPID, WithoutPID          string
	SessionEndButton, SessionsEndAllButton, SessionsBack, SessionsEndedNotice         string
	SessionCount                                                                      func(n int) string
	PersonSessionsTitle                                                               func(name string) string
	SessionEndLabel                                                                   func(started string) string
	MoreHits                                                                          func(shown int) string
	ScopeCount                                                                        func(n int) string

	// What a console page confirms after an action (paths.ConsoleNotice).
	StaffGrantedNotice, StaffRevokedNotice, OrgCreatedNotice, OrgRenamedNotice string
	DomainLinkedNotice, DomainUnlinkedNotice, PersonRemovedNotice              string
	PrefixAssignedNotice, PrefixMovedNotice, PrefixRetiredNotice               string

	// Field errors, one per servicedesk.Code.
	OrgNoFormat, OrgNoCheckDigit, OrgNoTaken, OrgUnknown, NameMissing, NameCharacter string
	DomainInvalid, PIDFormat, PIDDate, PIDCheckDigit, PIDSynthetic                   string
	PrefixInvalid, PrefixTaken, StaffAlready, VersionConflict, PrefixRetired         string
	LastServicedesk, SamePrefixOwner, PersonIdentifier, SearchTooShortTx             string
	DateInvalid, DateOrder                                                           string
	NameTooLong                                                                      func(max int) string

	// The audit log's name for each action of the console.
	ActionGrant, ActionRevoke, ActionOrgCreate, ActionOrgRename, ActionDomainLink    string
	ActionDomainUnlink, ActionPersonRegister, ActionPersonRemove, ActionPrefixAssign string
	ActionPrefixMove, ActionPrefixRetire, ActionSessionEnd                           string
}

var bokmalServicedesk = Servicedesk{
	Menu:              "Servicedesk",
	Title:             "Servicedesk",
	Intro:             "Her gjør Digdirs servicedesk det selvbetjeningsløsningen ber brukerne kontakte servicedesk@digdir.no om. Alle endringer gjelder fra brukerens neste klikk, og alle står i endringsloggen.",
	Sections:          "Servicedesk",
	MenuOrganisations: "Virksomheter",
	MenuDomains:       "E-postdomener",
	MenuPersons:       "Personer for produksjon",
	MenuPrefixes:      "Scope-prefikser",
	MenuAudit:         "Endringslogg",
	MenuSessions:      "Innlogginger",
	MenuStaff:         "Servicedesk-roller",
	ColName:           "Navn",
	ColPID:            "Fødselsnummer",
	ColGrantedBy:      "Gitt av",
	ColGrantedAt:      "Gitt",
	ColActions:        "Handlinger",
	None:              "Ingen.",

	StaffTitle:        "Servicedesk-roller",
	StaffIntro:        "Disse personene har servicedesk-rollen. De logger inn med ID-porten, og rollen følger fødselsnummeret. Den siste kan ikke fjernes.",
	StaffGrantHeading: "Gi servicedesk-rollen",
	StaffGrantButton:  "Gi rollen",
	StaffRevokeButton: "Fjern rollen",
	StaffRevokeLabel:  func(name string) string { return "Fjern rollen fra " + name },
	PIDLabel:          "Fødselsnummer eller D-nummer",
	PIDHint:           "11 siffer.",
	PersonNameLabel:   "Navn",

	OrgsTitle:           "Virksomheter",
	OrgsSearchLabel:     "Søk på navn eller organisasjonsnummer",
	SearchButton:        "Søk",
	NoHits:              "Ingen treff.",
	OrgNewButton:        "Ny virksomhet",
	ColOrgNo:            "Organisasjonsnummer",
	OrgNewTitle:         "Ny virksomhet",
	OrgNoLabel:          "Organisasjonsnummer",
	OrgNoHint:           "9 siffer, slik det står i Enhetsregisteret.",
	OrgNameLabel:        "Navn på virksomheten",
	OrgCreateButton:     "Opprett virksomhet",
	OrgRenameHeading:    "Endre navn",
	OrgRenameButton:     "Lagre navnet",
	DomainsHeading:      "E-postdomener",
	PersonsHeading:      "Personer registrert for produksjon",
	PrefixesHeading:     "Scope-prefikser",
	Retired:             "Pensjonert",
	IntegrationsHeading: "Integrasjoner",
	SharedScopesHeading: "Scopes delt med virksomheten",
	ReadOnlyNote:        "Integrasjonene, scopene og de merkantile dataene vises bare her. Virksomheten endrer dem selv.",
	MoreHits: func(shown int) string {
		return fmt.Sprintf("Viser de %d første. Søk mer presist for å se andre.", shown)
	},
	ScopeCount: func(n int) string {
		if n == 1 {
			return "1 scope"
		}
		return fmt.Sprintf("%d scopes", n)
	},

	DomainsTitle:          "E-postdomener",
	DomainsIntro:          "E-postdomenet avgjør hvilken virksomhet en innlogget person representerer. Et domene kan føre til flere virksomheter; da velger personen selv. En endring gjelder fra neste klikk for alle som er logget inn med domenet.",
	DomainLinkHeading:     "Koble et domene til en virksomhet",
	DomainLabel:           "E-postdomene",
	DomainHint:            "Det som står etter @ i e-postadressen, for eksempel «virksomhet.no».",
	DomainLinkButton:      "Koble til",
	DomainsListHeading:    "Domener",
	DomainsSearchLabel:    "Søk etter domene",
	ColDomain:             "Domene",
	ColLeadsTo:            "Fører til",
	DomainLeadsHeading:    "Fører til",
	DomainUnlinkButton:    "Fjern koblingen",
	DomainLinkMoreHeading: "Koble domenet til en virksomhet til",
	DomainLeadsBody: func(orgs int) string {
		switch orgs {
		case 0:
			return "Domenet fører ikke til noen virksomhet. De som logger inn med det, får beskjed om å kontakte servicedesk."
		case 1:
			return "Domenet fører til én virksomhet. De som logger inn med det, representerer den."
		}
		return fmt.Sprintf("Domenet fører til %d virksomheter. De som logger inn med det, velger hvilken de representerer.", orgs)
	},
	DomainUnlinkLabel: func(orgName string) string { return "Fjern koblingen til " + orgName },

	PersonsIntro:          "Disse kan opprette, endre og deaktivere integrasjoner i produksjonsmiljøet når de har logget inn med ID-porten. En endring gjelder fra personens neste klikk.",
	PersonRegisterHeading: "Registrer en person for produksjon",
	PersonRegisterButton:  "Registrer",
	PersonRemoveButton:    "Fjern",
	PersonRemoveLabel: func(name, orgName string) string {
		return "Fjern " + name + " fra produksjon hos " + orgName
	},
	ColOrganisation:       "Virksomhet",
	ColRegistered:         "Registrert",
	PersonRegisteredTitle: "Registrert for produksjon",
	PersonRegisteredBody: func(name, orgName string) string {
		return fmt.Sprintf("%s er registrert for produksjon hos %s.", name, orgName)
	},
	PersonAlreadyRegistered: func(name, orgName string) string {
		return fmt.Sprintf("Fødselsnummeret var allerede registrert for produksjon hos %s, som %s.", orgName, name)
	},
	PersonShownOnce:    "Sjekk fødselsnummeret mot henvendelsen. Det vises i sin helhet bare her; ellers vises det maskert.",
	BackToOrganisation: func(orgName string) string { return "Tilbake til " + orgName },
	PersonsTitle:       "Personer for produksjon",
	PersonsSearchIntro: "Finn ut hvor en person er registrert for produksjon. Personer registreres og fjernes på virksomhetens side.",
	PersonsSearchLabel: "Navn eller fødselsnummer",
	PersonsSearchHint:  "En del av navnet, eller hele fødselsnummeret (11 siffer).",
	Hits:               "Treff",

	PrefixesTitle:       "Scope-prefikser",
	PrefixesIntro:       "Et prefiks er det som står foran kolon i et scope, som «skatteetaten» i «skatteetaten:mva». Bare virksomheten som har prefikset, kan definere og dele scopes under det.",
	PrefixAssignHeading: "Tildel et prefiks",
	PrefixLabel:         "Prefiks",
	PrefixHint:          "Små bokstaver (a–z), sifre og bindestrek.",
	PrefixAssignButton:  "Tildel",
	PrefixesListHeading: "Prefikser",
	ColPrefix:           "Prefiks",
	ColScopes:           "Scopes",
	ColStatus:           "Status",
	InUse:               "I bruk",
	PrefixRetiredBody:   "Prefikset er pensjonert. Scopene under det finnes fortsatt, men kan ikke endres, og prefikset kan ikke tildeles på nytt.",
	PrefixMoveHeading:   "Flytt til en annen virksomhet",
	PrefixMoveBody:      "Scopene under prefikset følger med. Den nye virksomheten forvalter dem fra neste klikk.",
	PrefixMoveTo:        "Organisasjonsnummeret til den nye virksomheten",
	PrefixMoveButton:    "Flytt",
	PrefixRetireHeading: "Pensjoner",
	PrefixRetireBody:    "Scopene under prefikset beholdes, men kan ikke lenger endres. Dette kan ikke angres.",
	PrefixRetireButton:  "Pensjoner prefikset",
	PrefixTitle:         func(prefix string) string { return "Prefikset " + prefix },

	SessionsTitle:        "Innlogginger",
	SessionsIntro:        "Se hvem som er logget inn, og avslutt en innlogging eller alle. Personen må da logge inn på nytt ved neste klikk.",
	SessionsSearchLabel:  "Fødselsnummer eller e-postadresse",
	SessionsSearchHint:   "Hele fødselsnummeret (11 siffer), eller e-postadressen personen logget inn med.",
	NoSessions:           "Ingen aktive innlogginger.",
	ColStarted:           "Startet",
	ColLastActive:        "Sist aktiv",
	ColIDporten:          "Innlogging",
	NoOrgChosen:          "Ikke valgt ennå",
	WithPID:              "ID-porten med fødselsnummer",
	WithoutPID:           "Uten fødselsnummer",
	SessionEndButton:     "Avslutt",
	SessionsEndAllButton: "Avslutt alle innlogginger",
	SessionsBack:         "Finn en annen person",
	SessionsEndedNotice:  "Innloggingen er avsluttet.",
	SessionCount: func(n int) string {
		if n == 1 {
			return "1 aktiv innlogging"
		}
		return fmt.Sprintf("%d aktive innlogginger", n)
	},
	PersonSessionsTitle: func(name string) string {
		if name == "" {
			return "Innlogginger"
		}
		return "Innlogginger for " + name
	},
	SessionEndLabel: func(started string) string { return "Avslutt innloggingen fra " + started },

	StaffGrantedNotice:   "Servicedesk-rollen er gitt.",
	DomainLinkedNotice:   "Domenet er koblet til virksomheten.",
	DomainUnlinkedNotice: "Koblingen er fjernet.",
	PersonRemovedNotice:  "Personen er fjernet fra produksjon. Det gjelder fra personens neste klikk.",
	PrefixAssignedNotice: "Prefikset er tildelt.",
	PrefixMovedNotice:    "Prefikset er flyttet, med scopene under det.",
	PrefixRetiredNotice:  "Prefikset er pensjonert.",
	OrgCreatedNotice:     "Virksomheten er opprettet.",
	OrgRenamedNotice:     "Navnet er endret.",
	StaffRevokedNotice:   "Servicedesk-rollen er fjernet.",

	OrgNoFormat:      "Organisasjonsnummeret må være 9 siffer.",
	OrgNoCheckDigit:  "Organisasjonsnummeret har feil kontrollsiffer. Sjekk at det er skrevet riktig.",
	OrgNoTaken:       "Det finnes allerede en virksomhet med dette organisasjonsnummeret.",
	OrgUnknown:       "Det finnes ingen virksomhet med dette organisasjonsnummeret.",
	NameMissing:      "Skriv inn navnet.",
	NameCharacter:    "Navnet inneholder et tegn som ikke er tillatt (et kontrolltegn eller et usynlig tegn).",
	NameTooLong:      func(max int) string { return fmt.Sprintf("Navnet kan ha høyst %d tegn.", max) },
	DomainInvalid:    "Skriv inn et e-postdomene, for eksempel «virksomhet.no»: bokstaver, sifre og bindestrek, med punktum mellom delene.",
	PIDFormat:        "Fødselsnummeret må være 11 siffer.",
	PIDDate:          "Fødselsnummeret har ingen gyldig fødselsdato.",
	PIDCheckDigit:    "Fødselsnummeret har feil kontrollsiffer. Sjekk at det er skrevet riktig.",
	PIDSynthetic:     "Dette er et syntetisk testnummer. Det kan bare registreres i et testmiljø.",
	PrefixInvalid:    fmt.Sprintf("Prefikset kan bare ha små bokstaver (a–z), sifre og bindestrek, ikke først eller sist, og må ha %d–%d tegn.", servicedesk.MinPrefixLength, servicedesk.MaxPrefixLength),
	PrefixTaken:      "Prefikset er allerede tildelt en virksomhet.",
	StaffAlready:     "Personen har allerede servicedesk-rollen.",
	VersionConflict:  "Noen andre har endret dette etter at du åpnet siden, så ingenting er lagret. Se hvordan det er nå, og prøv igjen.",
	PrefixRetired:    "Prefikset er pensjonert og kan ikke endres.",
	LastServicedesk:  "Du kan ikke fjerne den siste personen med servicedesk-rollen. Gi rollen til en annen først.",
	SamePrefixOwner:  "Prefikset tilhører allerede denne virksomheten.",
	PersonIdentifier: "Skriv inn et fødselsnummer (11 siffer) eller en e-postadresse.",
	SearchTooShortTx: "Skriv minst to tegn.",
	DateInvalid:      "Skriv datoen som dd.mm.åååå, for eksempel 02.12.2026.",
	DateOrder:        "«Til og med dato» kan ikke være før «Fra og med dato».",

	ActionGrant:          "Ga servicedesk-rollen",
	ActionRevoke:         "Fjernet servicedesk-rollen",
	ActionOrgCreate:      "Opprettet virksomhet",
	ActionOrgRename:      "Endret navn på virksomhet",
	ActionDomainLink:     "Koblet e-postdomene",
	ActionDomainUnlink:   "Fjernet kobling til e-postdomene",
	ActionPersonRegister: "Registrerte person for produksjon",
	ActionPersonRemove:   "Fjernet person for produksjon",
	ActionPrefixAssign:   "Tildelte scope-prefiks",
	ActionPrefixMove:     "Flyttet scope-prefiks",
	ActionPrefixRetire:   "Pensjonerte scope-prefiks",
	ActionSessionEnd:     "Avsluttet innlogging",
}

// FieldError says what a console form's code means; false for a code the
// catalogue does not know (the completeness test prevents that).
func (s Servicedesk) FieldError(c servicedesk.Code) (string, bool) {
	m := map[servicedesk.Code]string{
		servicedesk.CodeOrgNoFormat: s.OrgNoFormat, servicedesk.CodeOrgNoCheckDigit: s.OrgNoCheckDigit,
		servicedesk.CodeOrgNoTaken: s.OrgNoTaken, servicedesk.CodeOrgUnknown: s.OrgUnknown,
		servicedesk.CodeNameMissing: s.NameMissing, servicedesk.CodeNameTooLong: s.NameTooLong(servicedesk.MaxNameLength),
		servicedesk.CodeNameCharacter: s.NameCharacter, servicedesk.CodeDomainInvalid: s.DomainInvalid,
		servicedesk.CodePIDFormat: s.PIDFormat,
		servicedesk.CodePIDDate:   s.PIDDate, servicedesk.CodePIDCheckDigit: s.PIDCheckDigit,
		servicedesk.CodePIDSynthetic: s.PIDSynthetic, servicedesk.CodePrefixInvalid: s.PrefixInvalid,
		servicedesk.CodePrefixTaken: s.PrefixTaken, servicedesk.CodeStaffAlready: s.StaffAlready,
		servicedesk.CodeSearchTooShort: s.SearchTooShortTx, servicedesk.CodeVersionConflict: s.VersionConflict,
		servicedesk.CodePrefixRetired: s.PrefixRetired, servicedesk.CodeLastServicedesk: s.LastServicedesk,
		servicedesk.CodeSamePrefixOwner:  s.SamePrefixOwner,
		servicedesk.CodePersonIdentifier: s.PersonIdentifier,
		servicedesk.CodeDateInvalid:      s.DateInvalid, servicedesk.CodeDateOrder: s.DateOrder,
	}
	msg, ok := m[c]
	return msg, ok
}

// Notice says what a console action did; false for none.
func (s Servicedesk) Notice(n paths.ConsoleNotice) (string, bool) {
	m := map[paths.ConsoleNotice]string{
		paths.NoticeStaffGranted:   s.StaffGrantedNotice,
		paths.NoticeStaffRevoked:   s.StaffRevokedNotice,
		paths.NoticeOrgCreated:     s.OrgCreatedNotice,
		paths.NoticeOrgRenamed:     s.OrgRenamedNotice,
		paths.NoticeDomainLinked:   s.DomainLinkedNotice,
		paths.NoticeDomainUnlinked: s.DomainUnlinkedNotice,
		paths.NoticePersonRemoved:  s.PersonRemovedNotice,
		paths.NoticePrefixAssigned: s.PrefixAssignedNotice,
		paths.NoticePrefixMoved:    s.PrefixMovedNotice,
		paths.NoticePrefixRetired:  s.PrefixRetiredNotice,
		paths.NoticeSessionsEnded:  s.SessionsEndedNotice,
	}
	msg, ok := m[n]
	return msg, ok
}

// action names a console's audit action; false for another.
func (s Servicedesk) action(a audit.Action) (string, bool) {
	m := map[audit.Action]string{
		audit.ServicedeskGrant: s.ActionGrant, audit.ServicedeskRevoke: s.ActionRevoke,
		audit.OrganisationCreate: s.ActionOrgCreate, audit.OrganisationRename: s.ActionOrgRename,
		audit.EmailDomainLink: s.ActionDomainLink, audit.EmailDomainUnlink: s.ActionDomainUnlink,
		audit.ProductionPersonRegister: s.ActionPersonRegister, audit.ProductionPersonRemove: s.ActionPersonRemove,
		audit.ScopePrefixAssign: s.ActionPrefixAssign, audit.ScopePrefixMove: s.ActionPrefixMove,
		audit.ScopePrefixRetire: s.ActionPrefixRetire, audit.SessionEnd: s.ActionSessionEnd,
	}
	name, ok := m[a]
	return name, ok
}
