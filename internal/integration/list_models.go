package integration

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/store"
)

// ModelPage is one page of integrations as the REST API's list shows them;
// Next is the cursor of the page after it.
type ModelPage struct {
	Items []Model
	Next  string
}

// Model is an integration as the REST API's list shows it: what it is, its
// scope names (not whether they are still shared), and not its keys,
// version or who changed it. A small struct of its own, as the API's most
// frequent call allocated most of its time away in whole Integrations.
type Model struct {
	ClientID      uuid.UUID
	Service       string
	Name          string
	Description   string
	TokenLifetime int
	Active        bool
	CreatedAt     time.Time
	UpdatedAt     time.Time
	ScopeNames    []string
}

// The models' two queries: the page is one range scan of integrations_list
// in order (as List), and each row carries its scope names (scope_names,
// kept by migration 00020's triggers), so a page is one round trip and no
// work per row whatever its size.
const (
	// What the model shows, and no more: fewer columns to send and to decode.
	modelColumns = `SELECT client_id, service, name, description, token_lifetime, active, created_at, updated_at,
		scope_names FROM integrations`
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
// first; inactive includes deactivated ones.
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
	defer rows.Close()
	// Each row is scanned into its place in the page, not into a copy of its own.
	items := make([]Model, 0, size+1)
	for rows.Next() {
		items = append(items, Model{})
		m := &items[len(items)-1]
		if err := rows.Scan(&m.ClientID, &m.Service, &m.Name, &m.Description, &m.TokenLifetime, &m.Active,
			&m.CreatedAt, &m.UpdatedAt, &m.ScopeNames); err != nil {
			return ModelPage{}, fmt.Errorf("list integration models of %s in %s: %w", orgNo, env, err)
		}
	}
	if err := rows.Err(); err != nil {
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
