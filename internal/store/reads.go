package store

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Reads returns a DB for reads outside a transaction that tries a statement
// once more, on another connection, when it failed because the pooled
// connection it got was broken. After a database restart every idle
// connection in the pool is dead, and without this each would cost a
// visitor an error page although the database is back.
//
// Only reads may go through it. A read sent twice changes nothing, so it may
// be retried even when the first attempt reached the server; a write may have
// committed before its connection broke, so Exec is passed on untouched and
// transactions (InTx) are never retried.
func Reads(pool *pgxpool.Pool) DB { return reads{pool} }

type reads struct{ pool *pgxpool.Pool }

// retryable says whether a failed read should run once more.
func retryable(ctx context.Context, err error) bool {
	return err != nil && ctx.Err() == nil && brokenPooledConnection(err)
}

func (r reads) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return r.pool.Exec(ctx, sql, args...)
}

// Query retries at once when sending failed, and otherwise when the first
// Next finds the connection broken, before any row reached the caller.
func (r reads) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	rows, err := r.pool.Query(ctx, sql, args...)
	if retryable(ctx, err) {
		rows.Close()
		return r.pool.Query(ctx, sql, args...)
	}
	if err != nil {
		return rows, err
	}
	return &retryRows{Rows: rows, again: func() pgx.Rows {
		// pgx returns rows that carry the error whenever Query fails.
		again, _ := r.pool.Query(ctx, sql, args...)
		return again
	}, ctx: ctx}, nil
}

// QueryRow is Query's first row, as pgx's own QueryRow is.
func (r reads) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return row{r: r, ctx: ctx, sql: sql, args: args}
}

// retryRows runs the query again if the first Next fails on a broken connection.
type retryRows struct {
	pgx.Rows
	again func() pgx.Rows // nil once a row was seen or the retry was used
	ctx   context.Context
}

func (r *retryRows) Next() bool {
	if r.Rows.Next() {
		r.again = nil
		return true
	}
	if r.again == nil || !retryable(r.ctx, r.Rows.Err()) {
		return false
	}
	again := r.again
	r.again = nil
	r.Rows.Close()
	r.Rows = again()
	return r.Rows.Next()
}

type row struct {
	r    reads
	ctx  context.Context
	sql  string
	args []any
}

func (w row) Scan(dest ...any) error {
	rows, err := w.r.Query(w.ctx, w.sql, w.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return pgx.ErrNoRows
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	rows.Close()
	return rows.Err()
}
