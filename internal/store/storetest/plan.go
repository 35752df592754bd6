package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"
)

// Querier is what Explain needs: a pool, a connection or a transaction.
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// Explain returns the plan Postgres makes for sql with these values, as
// EXPLAIN prints it, for a query-plan test to read.
func Explain(t testing.TB, db Querier, sql string, args ...any) string {
	t.Helper()
	rows, err := db.Query(context.Background(), "EXPLAIN "+sql, args...)
	require.NoError(t, err, "explain %s", sql)
	lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err, "explain %s", sql)
	return strings.Join(lines, "\n")
}

// ExplainGeneric returns the generic plan that a prepared statement of sql
// may settle on after its first five executions, whatever the values: the
// plan a test must also hold to, since pgx prepares every statement.
func ExplainGeneric(t testing.TB, pool *pgxpool.Pool, sql string, args ...any) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pool.Acquire(ctx)
	require.NoError(t, err)
	defer conn.Release()
	_, err = conn.Exec(ctx, `SET plan_cache_mode = force_generic_plan; DEALLOCATE ALL; PREPARE planned AS `+sql)
	require.NoError(t, err, "prepare %s", sql)
	defer func() {
		_, err := conn.Exec(ctx, `RESET plan_cache_mode; DEALLOCATE planned`)
		require.NoError(t, err)
	}()
	// EXECUTE takes its values as SQL, not as parameters.
	values := make([]string, len(args))
	for i, a := range args {
		values[i] = literal(a)
	}
	return Explain(t, conn, "EXECUTE planned("+strings.Join(values, ", ")+")")
}

// literal writes a value of a test's query as SQL.
func literal(v any) string {
	quote := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	switch v := v.(type) {
	case string:
		return quote(v)
	case fmt.Stringer:
		return quote(v.String())
	case []string:
		// An array literal of unknown type, so that it fits a text[] and an
		// enum's array alike.
		items := make([]string, len(v))
		for i, s := range v {
			items[i] = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
		}
		return quote("{" + strings.Join(items, ",") + "}")
	default:
		return fmt.Sprint(v)
	}
}
