package integration

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/store"
)

// ModelPage is one page of whole integrations, with their scope names, for
// the REST API's list; Next is the cursor of the page after it.
type ModelPage struct {
	Items []Integration
	Next  string
}

// The models' two queries: the page is one range scan of integrations_list
// in order (as List), and each row carries its scope names (scope_names,
// kept by migration 00020's triggers), so a page is one round trip and no
// work per row whatever its size.
const (
	modelColumns    = `SELECT ` + integrationColumns + `, scope_names FROM integrations`
	modelsActiveSQL = modelColumns + `
		WHERE org_no = $1 AND env = $2 AND active AND (updated_at, client_id) < ($4, $5)
		ORDER BY updated_at DESC, client_id DESC LIMIT $3`
	// With the deactivated ones: a page of the active and a page of the
	// inactive range of the index, merged in order (Merge Append), rather
	// than a sort of the organisation's every integration, which a
	// condition on org_no and env alone would need.
	modelsAllSQL = `(` + modelsActiveSQL + `) UNION ALL (` + modelColumns + `
		WHERE org_no = $1 AND env = $2 AND NOT active AND (updated_at, client_id) < ($4, $5)
		ORDER BY updated_at DESC, client_id DESC LIMIT $3)
		ORDER BY updated_at DESC, client_id DESC LIMIT $3`
)

// farFuture is after every row's updated_at: the first page's cursor.
var farFuture = Cursor{UpdatedAt: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)}

// ListModels returns one page of orgNo's integrations in env, newest change
// first, each with its scope names (not whether they are still shared, nor
// keys: the list does not show them). inactive includes deactivated ones.
func ListModels(ctx context.Context, db store.DB, orgNo string, env environment.Env, inactive bool, after *Cursor, size int) (ModelPage, error) {
	if after == nil {
		after = &farFuture
	}
	q := modelsActiveSQL
	if inactive {
		q = modelsAllSQL
	}
	rows, err := db.Query(ctx, q, orgNo, string(env), size+1, after.UpdatedAt, after.ClientID)
	if err != nil {
		return ModelPage{}, fmt.Errorf("list integration models of %s in %s: %w", orgNo, env, err)
	}
	items, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Integration, error) {
		var i Integration
		var names []string
		err := r.Scan(&i.ClientID, &i.OrgNo, &i.Env, &i.Service, &i.Name, &i.Description, &i.TokenLifetime,
			&i.Active, &i.ScopeCount, &i.Version, &i.CreatedAt, &i.CreatedBy, &i.UpdatedAt, &i.UpdatedBy,
			&i.DeactivatedAt, &names)
		i.Scopes = make([]GrantedScope, len(names))
		for n, name := range names {
			i.Scopes[n] = GrantedScope{Name: name}
		}
		return i, err
	})
	if err != nil {
		return ModelPage{}, fmt.Errorf("list integration models of %s in %s: %w", orgNo, env, err)
	}
	page := ModelPage{Items: items}
	if len(items) > size {
		page.Items = items[:size]
		last := page.Items[size-1]
		page.Next = Cursor{UpdatedAt: last.UpdatedAt, ClientID: last.ClientID}.String()
	}
	return page, nil
}
