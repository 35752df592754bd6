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

// A scope prefix is the part of a scope's name before the colon
// ("skatteetaten" in "skatteetaten:mva"). An API provider gets one from
// servicedesk, and only the organisation that has it defines and shares
// scopes under it. Moving a prefix moves its scopes with it; a retired
// prefix keeps its scopes, which can no longer be changed (a trigger on
// scopes holds to that whatever writes them).

// prefixSnapshot is what the audit log keeps of a prefix.
type prefixSnapshot struct {
	Prefix  string `json:"prefix"`
	OrgNo   string `json:"org_no"`
	Retired bool   `json:"retired"`
	Version int    `json:"version"`
}

func (p Prefix) snapshot() prefixSnapshot {
	return prefixSnapshot{Prefix: p.Prefix, OrgNo: p.OrgNo, Retired: p.Retired, Version: p.Version}
}

// ListPrefixes lists every prefix with its organisation, by prefix.
func ListPrefixes(ctx context.Context, db store.DB) ([]Prefix, error) {
	rows, err := db.Query(ctx, prefixSelect+` ORDER BY p.prefix`)
	if err != nil {
		return nil, fmt.Errorf("list prefixes: %w", err)
	}
	prefixes, err := pgx.CollectRows(rows, scanPrefix)
	if err != nil {
		return nil, fmt.Errorf("list prefixes: %w", err)
	}
	return prefixes, nil
}

// GetPrefix returns one prefix with its organisation; store.ErrNotFound
// when there is no such prefix. It answers whose a prefix is, and so who
// may define scopes under it.
func GetPrefix(ctx context.Context, db store.DB, prefix string) (Prefix, error) {
	rows, err := db.Query(ctx, prefixSelect+` WHERE p.prefix = $1`, prefix)
	if err != nil {
		return Prefix{}, fmt.Errorf("prefix %q: %w", prefix, err)
	}
	p, err := pgx.CollectExactlyOneRow(rows, scanPrefix)
	if err != nil {
		return Prefix{}, store.NotFound(err, "prefix")
	}
	return p, nil
}

// AssignPrefix gives a new prefix to an organisation. The same prefix to
// the same organisation again (a double click) is the one already given.
func AssignPrefix(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, prefix, orgNo string) (string, error) {
	prefix, orgNo = strings.TrimSpace(prefix), digitsOnly(orgNo)
	errs := FieldErrors{}
	if !ValidPrefix(prefix) {
		errs["prefiks"] = CodePrefixInvalid
	}
	if c := checkOrgNo(orgNo); c != "" {
		errs["organisasjonsnummer"] = c
	}
	if len(errs) > 0 {
		return "", errs
	}
	err := inConsole(ctx, pool, actor, func(tx pgx.Tx) error {
		if _, err := GetOrganisation(ctx, tx, orgNo); err != nil {
			return refuse("organisasjonsnummer", CodeOrgUnknown)
		}
		tag, err := tx.Exec(ctx, `INSERT INTO scope_prefixes (prefix, org_no) VALUES ($1, $2) ON CONFLICT DO NOTHING`, prefix, orgNo)
		if err != nil {
			return fmt.Errorf("assign prefix %q: %w", prefix, err)
		}
		if tag.RowsAffected() == 0 {
			existing, err := GetPrefix(ctx, tx, prefix)
			if err != nil {
				return err
			}
			if existing.OrgNo == orgNo && !existing.Retired {
				return nil
			}
			return refuse("prefiks", CodePrefixTaken)
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: audit.ScopePrefixAssign, EntityType: "scope_prefix",
			EntityID: prefix, OrgNo: orgNo, After: prefixSnapshot{Prefix: prefix, OrgNo: orgNo, Version: 1}})
	})
	return prefix, err
}

// lockPrefix reads a prefix for a change, refusing a form made for another
// version, or a prefix already retired.
func lockPrefix(ctx context.Context, tx pgx.Tx, prefix string, version int) (Prefix, error) {
	var p Prefix
	var retired bool
	err := tx.QueryRow(ctx, `
		SELECT prefix, org_no, retired_at IS NOT NULL, version FROM scope_prefixes WHERE prefix = $1 FOR UPDATE`, prefix).
		Scan(&p.Prefix, &p.OrgNo, &retired, &p.Version)
	if err != nil {
		return Prefix{}, store.NotFound(err, "prefix")
	}
	p.Retired = retired
	switch {
	case p.Retired:
		return p, refuse("", CodePrefixRetired)
	case p.Version != version:
		return p, refuse("", CodeVersionConflict)
	}
	return p, nil
}

// MovePrefix gives a prefix, with its scopes, to another organisation.
// Both organisations' logs get the change.
func MovePrefix(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, prefix string, version int, orgNo string) error {
	orgNo = digitsOnly(orgNo)
	if c := checkOrgNo(orgNo); c != "" {
		return refuse("organisasjonsnummer", c)
	}
	return inConsole(ctx, pool, actor, func(tx pgx.Tx) error {
		before, err := lockPrefix(ctx, tx, prefix, version)
		if err != nil {
			return err
		}
		if before.OrgNo == orgNo {
			return refuse("organisasjonsnummer", CodeSamePrefixOwner)
		}
		if _, err := GetOrganisation(ctx, tx, orgNo); err != nil {
			return refuse("organisasjonsnummer", CodeOrgUnknown)
		}
		after := before
		after.OrgNo, after.Version = orgNo, before.Version+1
		if _, err := tx.Exec(ctx, `UPDATE scope_prefixes SET org_no = $2, version = $3 WHERE prefix = $1`,
			prefix, orgNo, after.Version); err != nil {
			return fmt.Errorf("move prefix %q: %w", prefix, err)
		}
		for _, o := range []string{before.OrgNo, orgNo} {
			if err := audit.Record(ctx, tx, actor, audit.Entry{Action: audit.ScopePrefixMove, EntityType: "scope_prefix",
				EntityID: prefix, OrgNo: o, Before: before.snapshot(), After: after.snapshot()}); err != nil {
				return err
			}
		}
		return nil
	})
}

// RetirePrefix retires a prefix for good: its scopes stay, and can no
// longer be changed, and no other organisation can be given it.
func RetirePrefix(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, prefix string, version int) error {
	return inConsole(ctx, pool, actor, func(tx pgx.Tx) error {
		before, err := lockPrefix(ctx, tx, prefix, version)
		if err != nil {
			return err
		}
		after := before
		after.Retired, after.Version = true, before.Version+1
		if _, err := tx.Exec(ctx, `UPDATE scope_prefixes SET retired_at = now(), version = $2 WHERE prefix = $1`,
			prefix, after.Version); err != nil {
			return fmt.Errorf("retire prefix %q: %w", prefix, err)
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: audit.ScopePrefixRetire, EntityType: "scope_prefix",
			EntityID: prefix, OrgNo: before.OrgNo, Before: before.snapshot(), After: after.snapshot()})
	})
}
