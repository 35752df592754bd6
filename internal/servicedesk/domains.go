package servicedesk

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/store"
)

// Domain is an e-mail domain and the organisations it leads to. The
// FAQ of Digdir's "Selvbetjening som API-konsument": access is given on the
// e-mail domain, and one domain may lead to several organisations. Every
// session asks again at each request (internal/auth), so a change here
// takes effect at the next click of everyone logged in with the domain.
type Domain struct {
	Domain string
	Orgs   []Organisation
}

// domainSnapshot is what the audit log keeps of a link.
type domainSnapshot struct {
	Domain string `json:"domain"`
	OrgNo  string `json:"org_no"`
}

// DomainsSQL is SearchDomains' query ($1 a part of the domain, LIKE-escaped;
// $2 the limit), read by the trigram index email_domains_search
// (00026_search_trigram.sql) when $1 has at least three characters; a
// shorter one reads the whole table, and LIMIT bounds what it sends back.
const DomainsSQL = `
	SELECT d.domain, o.org_no, o.name, o.version, o.created_at
	FROM email_domains d JOIN organisations o USING (org_no)
	WHERE d.domain LIKE '%' || $1 || '%'
	ORDER BY d.domain, o.name, o.org_no
	LIMIT $2`

// SearchDomains lists the domains that contain q (all when empty), each
// with where it leads; More says there were more than SearchLimit links.
func SearchDomains(ctx context.Context, db store.DB, q string) (domains []Domain, more bool, err error) {
	q = strings.ToLower(searchText(q))
	rows, err := db.Query(ctx, DomainsSQL, likeEscape(q), SearchLimit+1)
	if err != nil {
		return nil, false, fmt.Errorf("search domains: %w", err)
	}
	links, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Domain, error) {
		var d Domain
		var o Organisation
		err := r.Scan(&d.Domain, &o.No, &o.Name, &o.Version, &o.CreatedAt)
		d.Orgs = []Organisation{o}
		return d, err
	})
	if err != nil {
		return nil, false, fmt.Errorf("search domains: %w", err)
	}
	if len(links) > SearchLimit {
		links, more = links[:SearchLimit], true
	}
	for _, l := range links {
		if n := len(domains); n > 0 && domains[n-1].Domain == l.Domain {
			domains[n-1].Orgs = append(domains[n-1].Orgs, l.Orgs...)
			continue
		}
		domains = append(domains, l)
	}
	return domains, more, nil
}

// GetDomain says where a domain leads (no organisations when it leads
// nowhere); false when the text is no domain at all.
func GetDomain(ctx context.Context, db store.DB, domain string) (Domain, bool, error) {
	d, ok := NormalizeDomain(domain)
	if !ok {
		return Domain{}, false, nil
	}
	rows, err := db.Query(ctx, `
		SELECT o.org_no, o.name, o.version, o.created_at
		FROM email_domains d JOIN organisations o USING (org_no)
		WHERE d.domain = $1 ORDER BY o.name, o.org_no`, d)
	if err != nil {
		return Domain{}, false, fmt.Errorf("domain %s: %w", d, err)
	}
	orgs, err := pgx.CollectRows(rows, scanOrganisation)
	if err != nil {
		return Domain{}, false, fmt.Errorf("domain %s: %w", d, err)
	}
	return Domain{Domain: d, Orgs: orgs}, true, nil
}

// LinkDomain makes the domain lead to the organisation (too). Linking a
// link already there changes nothing, so a double click is harmless. It
// returns the domain as stored.
func LinkDomain(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, domain, orgNo string) (string, error) {
	d, ok := NormalizeDomain(domain)
	orgNo = digitsOnly(orgNo)
	errs := FieldErrors{}
	if !ok {
		errs["domene"] = CodeDomainInvalid
	} else if c := checkLinkable(d); c != "" {
		errs["domene"] = c
	}
	if c := checkOrgNo(orgNo); c != "" {
		errs["organisasjonsnummer"] = c
	}
	if len(errs) > 0 {
		return "", errs
	}
	err := inConsole(ctx, pool, actor, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `
			INSERT INTO email_domains (domain, org_no) SELECT $1, org_no FROM organisations WHERE org_no = $2
			ON CONFLICT DO NOTHING`, d, orgNo)
		if err != nil {
			return fmt.Errorf("link %s to %s: %w", d, orgNo, err)
		}
		if tag.RowsAffected() == 0 {
			if _, err := GetOrganisation(ctx, tx, orgNo); err != nil {
				return refuse("organisasjonsnummer", CodeOrgUnknown)
			}
			return nil // linked already
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: audit.EmailDomainLink, EntityType: "email_domain",
			EntityID: d, OrgNo: orgNo, After: domainSnapshot{Domain: d, OrgNo: orgNo}})
	})
	return d, err
}

// UnlinkDomain makes the domain no longer lead to the organisation. A link
// that is not there is unlinked already.
func UnlinkDomain(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, domain, orgNo string) error {
	d, ok := NormalizeDomain(domain)
	if !ok {
		return fmt.Errorf("unlink %q: %w", domain, store.ErrNotFound)
	}
	return inConsole(ctx, pool, actor, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM email_domains WHERE domain = $1 AND org_no = $2`, d, orgNo)
		if err != nil {
			return fmt.Errorf("unlink %s from %s: %w", d, orgNo, err)
		}
		if tag.RowsAffected() == 0 {
			return nil
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: audit.EmailDomainUnlink, EntityType: "email_domain",
			EntityID: d, OrgNo: orgNo, Before: domainSnapshot{Domain: d, OrgNo: orgNo}})
	})
}
