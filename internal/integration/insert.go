package integration

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/store"
)

// NewRow is a new row of integrations: what Insert writes, and what the
// benchmarks' bulk COPY (internal/demo) writes many of.
type NewRow struct {
	ClientID      uuid.UUID
	OrgNo         string
	Env           environment.Env
	Service       string
	Name          string
	Description   string
	TokenLifetime int
	Active        bool
	ScopeCount    int
	CreationKey   uuid.UUID
	CreatedBy     string // also the first updated_by
}

// InsertColumns are the columns of a new row, in the order of
// NewRow.Values. Insert's statement is built from them, and a bulk COPY
// names them, adding the two timestamps the defaults otherwise fill: the
// column list of integrations is written here only.
var InsertColumns = []string{"client_id", "org_no", "env", "service", "name", "description", "token_lifetime",
	"active", "scope_count", "creation_key", "created_by", "updated_by"}

// Values are the row's values in the order of InsertColumns.
func (r NewRow) Values() []any {
	return []any{r.ClientID, r.OrgNo, string(r.Env), r.Service, r.Name, r.Description, r.TokenLifetime,
		r.Active, r.ScopeCount, r.CreationKey, r.CreatedBy, r.CreatedBy}
}

// insertSQL adds one integration unless its organisation already has one
// with the same creation key (the same form submitted twice).
var insertSQL = func() string {
	values := make([]string, len(InsertColumns))
	for n := range values {
		values[n] = fmt.Sprintf("$%d", n+1)
	}
	return `INSERT INTO integrations (` + strings.Join(InsertColumns, ", ") + `)
		VALUES (` + strings.Join(values, ", ") + `)
		ON CONFLICT (org_no, creation_key) DO NOTHING`
}()

// Insert creates an integration of the actor's organisation in env inside
// tx: the draft's rules, the scopes shared with the organisation in env, the
// row, its scopes and its audit entry. A creation key used before returns
// the integration it created, and writes nothing. The access policy is the
// caller's: Create asks access.ChangeIn first, in the same transaction; the
// demo seed and the tests' factories call Insert to create integrations with
// client ids of their own.
func Insert(ctx context.Context, tx pgx.Tx, actor identity.Actor, env environment.Env,
	clientID, creationKey uuid.UUID, d Draft) (uuid.UUID, error) {
	d = d.Normalize()
	lifetime, errs := d.Validate()
	if errs != nil {
		return uuid.Nil, errs
	}
	ids, err := checkScopes(ctx, tx, actor.OrgNo, env, d, lifetime)
	if err != nil {
		return uuid.Nil, err
	}
	row := NewRow{ClientID: clientID, OrgNo: actor.OrgNo, Env: env, Service: d.Service, Name: d.Name,
		Description: d.Description, TokenLifetime: lifetime, Active: true, ScopeCount: len(ids),
		CreationKey: creationKey, CreatedBy: actor.Name}
	tag, err := tx.Exec(ctx, insertSQL, row.Values()...)
	if err != nil {
		return uuid.Nil, fmt.Errorf("insert integration %q: %w", d.Name, err)
	}
	if tag.RowsAffected() == 0 {
		// The same form was submitted before: hand back what it created.
		var first uuid.UUID
		err := tx.QueryRow(ctx, `SELECT client_id FROM integrations WHERE org_no = $1 AND creation_key = $2`,
			actor.OrgNo, creationKey).Scan(&first)
		if err != nil {
			return uuid.Nil, store.NotFound(err, "integration by creation key")
		}
		return first, nil
	}
	if err := setScopes(ctx, tx, clientID, ids); err != nil {
		return uuid.Nil, err
	}
	after := Integration{Name: d.Name, Description: d.Description, Env: env, Service: d.Service,
		TokenLifetime: lifetime, Active: true, Version: 1}
	after.Scopes = namesAsScopes(d.Scopes)
	if err := audit.Record(ctx, tx, actor, recordEntry(audit.IntegrationCreate, clientID, nil, after.snapshot())); err != nil {
		return uuid.Nil, err
	}
	return clientID, nil
}
