package servicedesk

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/personid"
	"github.com/digdir/selvbetjening/internal/store"
)

// Organisation is an organisation as servicedesk sees it.
type Organisation struct {
	No        string
	Name      string
	Version   int
	CreatedAt time.Time
}

// orgSnapshot is what the audit log keeps of an organisation.
type orgSnapshot struct {
	OrgNo   string `json:"org_no"`
	Name    string `json:"name"`
	Version int    `json:"version"`
}

// SearchLimit is how many hits a console search shows.
const SearchLimit = 50

// MaxSearchLength bounds what a search may ask for, in characters.
const MaxSearchLength = 200

// searchText is what a console search sends to Postgres: trimmed, without
// what a text column cannot hold (invalid UTF-8, NUL: Postgres answers
// 22021), and cut to MaxSearchLength characters, never inside one.
func searchText(q string) string {
	q = strings.ReplaceAll(strings.ToValidUTF8(strings.TrimSpace(q), ""), "\x00", "")
	if utf8.RuneCountInString(q) > MaxSearchLength {
		q = string([]rune(q)[:MaxSearchLength])
	}
	return q
}

// Console searches read by the trigram indexes of 00026_search_trigram.sql,
// on exactly the expressions below. A trigram index helps only a search of
// at least three characters (or a number's first digits); a shorter one, or
// none, reads the whole table, and LIMIT bounds what it sends back.
const (
	organisationSelect = `SELECT org_no, name, version, created_at FROM organisations`
	organisationOrder  = ` ORDER BY name, org_no`

	// OrganisationsByNameSQL: $1 a part of the lower-cased name, LIKE-escaped; $2 the limit.
	OrganisationsByNameSQL = organisationSelect + ` WHERE lower(name) LIKE '%' || $1 || '%'` + organisationOrder + ` LIMIT $2`
	// OrganisationsByNumberOrNameSQL: $1 the first digits of the number;
	// $2 and $3 as $1 and $2 of OrganisationsByNameSQL.
	OrganisationsByNumberOrNameSQL = organisationSelect +
		` WHERE org_no LIKE $1 || '%' OR lower(name) LIKE '%' || $2 || '%'` + organisationOrder + ` LIMIT $3`
)

// SearchOrganisations finds organisations by number (the digits typed, as
// the start of the number) or by a part of the name; all of them, by name,
// when q is empty. More says there were more than SearchLimit.
func SearchOrganisations(ctx context.Context, db store.DB, q string) (orgs []Organisation, more bool, err error) {
	q = searchText(q)
	name := likeEscape(strings.ToLower(q))
	var rows pgx.Rows
	if byNo := digitsOnly(q); byNo != "" && strings.Trim(byNo, "0123456789") == "" {
		rows, err = db.Query(ctx, OrganisationsByNumberOrNameSQL, byNo, name, SearchLimit+1)
	} else {
		rows, err = db.Query(ctx, OrganisationsByNameSQL, name, SearchLimit+1)
	}
	if err != nil {
		return nil, false, fmt.Errorf("search organisations: %w", err)
	}
	orgs, err = pgx.CollectRows(rows, scanOrganisation)
	if err != nil {
		return nil, false, fmt.Errorf("search organisations: %w", err)
	}
	if len(orgs) > SearchLimit {
		return orgs[:SearchLimit], true, nil
	}
	return orgs, false, nil
}

// likeEscape makes s match itself in a LIKE pattern.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func scanOrganisation(r pgx.CollectableRow) (Organisation, error) {
	var o Organisation
	err := r.Scan(&o.No, &o.Name, &o.Version, &o.CreatedAt)
	return o, err
}

// GetOrganisation returns one organisation; store.ErrNotFound when there is none.
func GetOrganisation(ctx context.Context, db store.DB, orgNo string) (Organisation, error) {
	rows, err := db.Query(ctx, organisationSelect+` WHERE org_no = $1`, orgNo)
	if err != nil {
		return Organisation{}, fmt.Errorf("organisation %s: %w", orgNo, err)
	}
	o, err := pgx.CollectExactlyOneRow(rows, scanOrganisation)
	if err != nil {
		return Organisation{}, store.NotFound(err, "organisation "+orgNo)
	}
	return o, nil
}

// CreateOrganisation adds an organisation (number mod-11 checked, and a
// name). The same number with the same name again, as a double click
// sends it, is the organisation already made, not a second one.
func CreateOrganisation(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, orgNo, name string) (string, error) {
	orgNo, name = digitsOnly(orgNo), strings.TrimSpace(name)
	errs := FieldErrors{}
	if c := checkOrgNo(orgNo); c != "" {
		errs["organisasjonsnummer"] = c
	}
	if c := checkName(name); c != "" {
		errs["navn"] = c
	}
	if len(errs) > 0 {
		return "", errs
	}
	err := inConsole(ctx, pool, actor, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO organisations (org_no, name) VALUES ($1, $2) ON CONFLICT DO NOTHING`, orgNo, name)
		if err != nil {
			return fmt.Errorf("create organisation %s: %w", orgNo, err)
		}
		if tag.RowsAffected() == 0 {
			existing, err := GetOrganisation(ctx, tx, orgNo)
			if err != nil {
				return err
			}
			if existing.Name == name {
				return nil
			}
			return refuse("organisasjonsnummer", CodeOrgNoTaken)
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: audit.OrganisationCreate, EntityType: "organisation",
			EntityID: orgNo, OrgNo: orgNo, After: orgSnapshot{OrgNo: orgNo, Name: name, Version: 1}})
	})
	return orgNo, err
}

// RenameOrganisation gives an organisation a new name, refusing when it
// changed since the form was loaded (version).
func RenameOrganisation(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, orgNo string, version int, name string) error {
	name = strings.TrimSpace(name)
	if c := checkName(name); c != "" {
		return refuse("navn", c)
	}
	return inConsole(ctx, pool, actor, func(tx pgx.Tx) error {
		var before orgSnapshot
		err := tx.QueryRow(ctx, `SELECT org_no, name, version FROM organisations WHERE org_no = $1 FOR UPDATE`, orgNo).
			Scan(&before.OrgNo, &before.Name, &before.Version)
		if err != nil {
			return store.NotFound(err, "organisation "+orgNo)
		}
		if before.Name == name {
			return nil // a second click on "Lagre", or nothing changed
		}
		if before.Version != version {
			return refuse("navn", CodeVersionConflict)
		}
		after := orgSnapshot{OrgNo: orgNo, Name: name, Version: before.Version + 1}
		if _, err := tx.Exec(ctx, `UPDATE organisations SET name = $2, version = $3 WHERE org_no = $1`,
			orgNo, name, after.Version); err != nil {
			return fmt.Errorf("rename organisation %s: %w", orgNo, err)
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: audit.OrganisationRename, EntityType: "organisation",
			EntityID: orgNo, OrgNo: orgNo, Before: before, After: after})
	})
}

// Overview is everything an organisation's page in the console shows,
// read-only: where its people come from (domains), who may change
// production, what it provides (prefixes), and what it has per environment.
type Overview struct {
	Organisation
	Domains  []string
	Persons  []Person
	Prefixes []Prefix
	Envs     []EnvOverview
	// Merchant is the merchant data of every service the organisation
	// uses, shown read-only: servicedesk answers questions about it, the
	// organisation's own users keep it.
	Merchant []merchant.Data
}

// EnvOverview is what an organisation has in one environment.
type EnvOverview struct {
	Env              environment.Env
	Integrations     []IntegrationRow
	MoreIntegrations bool
	Scopes           []string // scopes shared with the organisation
	MoreScopes       bool
}

// IntegrationRow is one integration on the organisation's page.
type IntegrationRow struct {
	ClientID uuid.UUID
	Name     string
	Active   bool
}

// overviewLimit bounds each list on the organisation's page.
const overviewLimit = 100

// GetOverview reads an organisation's page; store.ErrNotFound when there
// is no such organisation. Each list is one bounded query.
func GetOverview(ctx context.Context, db store.DB, orgNo string) (Overview, error) {
	o, err := GetOrganisation(ctx, db, orgNo)
	if err != nil {
		return Overview{}, err
	}
	v := Overview{Organisation: o}
	rows, err := db.Query(ctx, `SELECT domain FROM email_domains WHERE org_no = $1 ORDER BY domain`, orgNo)
	if err != nil {
		return Overview{}, fmt.Errorf("domains of %s: %w", orgNo, err)
	}
	if v.Domains, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
		return Overview{}, fmt.Errorf("domains of %s: %w", orgNo, err)
	}
	if v.Persons, err = personsOf(ctx, db, orgNo); err != nil {
		return Overview{}, err
	}
	if v.Prefixes, err = prefixesOf(ctx, db, orgNo); err != nil {
		return Overview{}, err
	}
	for _, env := range environment.All() {
		e := EnvOverview{Env: env}
		rows, err := db.Query(ctx, `
			SELECT client_id, name, active FROM integrations WHERE org_no = $1 AND env = $2
			ORDER BY active DESC, name, client_id LIMIT $3`, orgNo, string(env), overviewLimit+1)
		if err != nil {
			return Overview{}, fmt.Errorf("integrations of %s in %s: %w", orgNo, env, err)
		}
		e.Integrations, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (IntegrationRow, error) {
			var i IntegrationRow
			err := r.Scan(&i.ClientID, &i.Name, &i.Active)
			return i, err
		})
		if err != nil {
			return Overview{}, fmt.Errorf("integrations of %s in %s: %w", orgNo, env, err)
		}
		if len(e.Integrations) > overviewLimit {
			e.Integrations, e.MoreIntegrations = e.Integrations[:overviewLimit], true
		}
		rows, err = db.Query(ctx, `
			SELECT s.name FROM scope_grants g JOIN scopes s ON s.id = g.scope_id
			WHERE g.org_no = $1 AND g.env = $2 ORDER BY s.name LIMIT $3`, orgNo, string(env), overviewLimit+1)
		if err != nil {
			return Overview{}, fmt.Errorf("scopes of %s in %s: %w", orgNo, env, err)
		}
		if e.Scopes, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
			return Overview{}, fmt.Errorf("scopes of %s in %s: %w", orgNo, env, err)
		}
		if len(e.Scopes) > overviewLimit {
			e.Scopes, e.MoreScopes = e.Scopes[:overviewLimit], true
		}
		v.Envs = append(v.Envs, e)
	}
	if v.Merchant, err = merchant.All(ctx, db, orgNo); err != nil {
		return Overview{}, err
	}
	return v, nil
}

// Person is a person number registered for production at an organisation,
// masked: the full number is shown only in the confirmation of its
// registration.
type Person struct {
	ID           int64
	OrgNo        string
	OrgName      string
	Name         string
	MaskedPID    string
	RegisteredBy string
	RegisteredAt time.Time
}

func personsOf(ctx context.Context, db store.DB, orgNo string) ([]Person, error) {
	rows, err := db.Query(ctx, personSelect+` WHERE p.org_no = $1 ORDER BY p.name, p.id`, orgNo)
	if err != nil {
		return nil, fmt.Errorf("persons of %s: %w", orgNo, err)
	}
	persons, err := pgx.CollectRows(rows, scanPerson)
	if err != nil {
		return nil, fmt.Errorf("persons of %s: %w", orgNo, err)
	}
	return persons, nil
}

func scanPerson(r pgx.CollectableRow) (Person, error) {
	var p Person
	var pid string
	err := r.Scan(&p.ID, &p.OrgNo, &p.OrgName, &p.Name, &pid, &p.RegisteredBy, &p.RegisteredAt)
	p.MaskedPID = personid.Masked(pid)
	return p, err
}

// Prefix is a scope prefix and the organisation that has it.
type Prefix struct {
	Prefix     string
	OrgNo      string
	OrgName    string
	Retired    bool
	RetiredAt  time.Time
	Version    int
	ScopeCount int
}

func prefixesOf(ctx context.Context, db store.DB, orgNo string) ([]Prefix, error) {
	rows, err := db.Query(ctx, prefixSelect+` WHERE p.org_no = $1 ORDER BY p.prefix`, orgNo)
	if err != nil {
		return nil, fmt.Errorf("prefixes of %s: %w", orgNo, err)
	}
	prefixes, err := pgx.CollectRows(rows, scanPrefix)
	if err != nil {
		return nil, fmt.Errorf("prefixes of %s: %w", orgNo, err)
	}
	return prefixes, nil
}

// prefixSelect reads prefixes with their owner and how many scopes they have.
const prefixSelect = `
	SELECT p.prefix, p.org_no, o.name, p.retired_at, p.version,
	       (SELECT count(*) FROM scopes s WHERE s.prefix = p.prefix)
	FROM scope_prefixes p JOIN organisations o ON o.org_no = p.org_no`

func scanPrefix(r pgx.CollectableRow) (Prefix, error) {
	var p Prefix
	var retired *time.Time
	err := r.Scan(&p.Prefix, &p.OrgNo, &p.OrgName, &retired, &p.Version, &p.ScopeCount)
	if retired != nil {
		p.Retired, p.RetiredAt = true, *retired
	}
	return p, err
}
