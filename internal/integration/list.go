package integration

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/store"
)

// Summary is one row of the integrations list.
type Summary struct {
	ClientID   uuid.UUID
	Name       string
	Service    string
	ScopeCount int
	Active     bool
	UpdatedAt  time.Time
}

// ListPage is one page of the list; Next is the cursor of the page after it.
type ListPage struct {
	Items []Summary
	Next  string
}

// PageSize is how many integrations one page of the list shows.
const PageSize = 50

// ErrBadCursor means the ?etter= cursor was not one this portal made.
var ErrBadCursor = errors.New("invalid page cursor")

// Cursor marks where a page ends: the last row's change time and client id.
// Keyset paging keeps page 100 as fast as page 1.
type Cursor struct {
	UpdatedAt time.Time
	ClientID  uuid.UUID
}

// String encodes the cursor for a URL.
func (c Cursor) String() string {
	return strconv.FormatInt(c.UpdatedAt.UnixMicro(), 36) + "." + c.ClientID.String()
}

// ParseCursor reads a cursor made by Cursor.String; empty means the first page.
func ParseCursor(s string) (*Cursor, error) {
	if s == "" {
		return nil, nil
	}
	micros, id, ok := strings.Cut(s, ".")
	if !ok || len(s) > 100 {
		return nil, ErrBadCursor
	}
	us, err := strconv.ParseInt(micros, 36, 64)
	if err != nil || us < 0 {
		return nil, ErrBadCursor
	}
	clientID, err := uuid.Parse(id)
	if err != nil || len(id) != 36 {
		return nil, ErrBadCursor
	}
	return &Cursor{UpdatedAt: time.UnixMicro(us).UTC(), ClientID: clientID}, nil
}

// The list's two queries: both are one range scan of integrations_list,
// already in order, stopping after one page (see list_plan_test.go).
const (
	listColumns  = `SELECT client_id, name, service, scope_count, active, updated_at FROM integrations`
	listFirstSQL = listColumns + `
		WHERE org_no = $1 AND env = $2 AND active = $3
		ORDER BY updated_at DESC, client_id DESC LIMIT $4`
	listAfterSQL = listColumns + `
		WHERE org_no = $1 AND env = $2 AND active = $3 AND (updated_at, client_id) < ($5, $6)
		ORDER BY updated_at DESC, client_id DESC LIMIT $4`
)

// List returns one page of orgNo's integrations in env, newest change first:
// one indexed query (integrations_list), with no query per row.
func List(ctx context.Context, db store.DB, orgNo string, env environment.Env, active bool, after *Cursor) (ListPage, error) {
	var (
		rows pgx.Rows
		err  error
	)
	if after == nil {
		rows, err = db.Query(ctx, listFirstSQL, orgNo, string(env), active, PageSize+1)
	} else {
		rows, err = db.Query(ctx, listAfterSQL, orgNo, string(env), active, PageSize+1, after.UpdatedAt, after.ClientID)
	}
	if err != nil {
		return ListPage{}, fmt.Errorf("list integrations of %s in %s: %w", orgNo, env, err)
	}
	items, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Summary, error) {
		var s Summary
		err := r.Scan(&s.ClientID, &s.Name, &s.Service, &s.ScopeCount, &s.Active, &s.UpdatedAt)
		return s, err
	})
	if err != nil {
		return ListPage{}, fmt.Errorf("list integrations of %s in %s: %w", orgNo, env, err)
	}
	page := ListPage{Items: items}
	if len(items) > PageSize {
		page.Items = items[:PageSize]
		last := page.Items[PageSize-1]
		page.Next = Cursor{UpdatedAt: last.UpdatedAt, ClientID: last.ClientID}.String()
	}
	return page, nil
}
