package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// largeTable is the size from which a sequential scan fails the run: a
// table this large read whole costs milliseconds, and ten times as large
// ten times that. Smaller ones (sessions, signing keys, the scope prefixes)
// the planner may rightly read whole.
const largeTable = 10_000

// recorder is the portal pool's tracer: while on, it keeps every statement
// sent, with its arguments, for EXPLAIN.
type recorder struct {
	mu         sync.Mutex
	on         bool
	statements []statement
}

type statement struct {
	sql  string
	args []any
}

func (r *recorder) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	r.mu.Lock()
	if r.on {
		r.statements = append(r.statements, statement{d.SQL, slices.Clone(d.Args)})
	}
	r.mu.Unlock()
	return ctx
}

func (r *recorder) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (r *recorder) start() {
	r.mu.Lock()
	r.on, r.statements = true, nil
	r.mu.Unlock()
}

func (r *recorder) stop() []statement {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.on = false
	return r.statements
}

// plan is what one statement reads, with the values it was sent with and
// as a generic plan.
type plan struct {
	sql   string
	scans []scan
}

type scan struct {
	relation, node, index string
	generic               bool // in the generic plan
	large                 bool // the table has largeTable rows or more
}

func (s scan) ok() bool { return !s.large || s.node != "Seq Scan" }

func (p plan) ok() bool {
	for _, s := range p.scans {
		if !s.ok() {
			return false
		}
	}
	return true
}

// recordPlans runs op once with the recorder on and EXPLAINs what it sent.
func (p *portal) recordPlans(ctx context.Context, op operation) error {
	p.recorder.start()
	_, err := op.do(ctx, p)
	sent := p.recorder.stop()
	if err != nil {
		return err
	}
	large, err := p.largeTables(ctx)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, st := range sent {
		if seen[st.sql] || !explainable(st.sql) {
			continue
		}
		seen[st.sql] = true
		pl := plan{sql: st.sql}
		for _, generic := range []bool{false, true} {
			scans, err := p.explain(ctx, st, generic)
			if err != nil {
				return fmt.Errorf("explain %s: %w", firstLine(st.sql), err)
			}
			for _, s := range scans {
				s.generic, s.large = generic, large[s.relation]
				pl.scans = append(pl.scans, s)
			}
		}
		p.plans[op.name] = append(p.plans[op.name], pl)
	}
	return nil
}

// explainable: the statements EXPLAIN takes (not BEGIN, COMMIT, SET, …).
func explainable(sql string) bool {
	fields := strings.Fields(sql)
	if len(fields) == 0 {
		return false
	}
	switch strings.ToUpper(fields[0]) {
	case "SELECT", "WITH", "INSERT", "UPDATE", "DELETE":
		return true
	}
	return false
}

func (p *portal) largeTables(ctx context.Context) (map[string]bool, error) {
	rows, err := p.owner.Query(ctx, `
		SELECT relname FROM pg_class
		WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND reltuples >= $1`, largeTable)
	if err != nil {
		return nil, fmt.Errorf("large tables: %w", err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("large tables: %w", err)
	}
	large := map[string]bool{}
	for _, n := range names {
		large[n] = true
	}
	return large, nil
}

// explain plans the statement as a prepared statement, without running
// it (no ANALYZE: an INSERT inserts nothing), with the values it was sent
// with (force_custom_plan) or as the generic plan Postgres may switch a
// prepared statement to after five executions, whatever the values
// (force_generic_plan; PostgreSQL 15 has no EXPLAIN (GENERIC_PLAN)).
// EXPLAIN EXECUTE takes no parameters, so the values go in as literals in
// the text form of the types the server inferred for them.
func (p *portal) explain(ctx context.Context, st statement, generic bool) (_ []scan, err error) {
	conn, err := p.owner.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Release()
	simple := pgx.QueryExecModeSimpleProtocol
	if _, err := conn.Exec(ctx, "PREPARE scale_plan AS "+st.sql, simple); err != nil {
		return nil, err
	}
	// The connection goes back to the pool as it came.
	defer func() {
		if _, cerr := conn.Exec(context.WithoutCancel(ctx), "DEALLOCATE scale_plan", simple); cerr != nil {
			conn.Conn().Close(ctx)
			err = errors.Join(err, cerr)
		}
	}()
	var types []uint32
	err = conn.QueryRow(ctx, `SELECT parameter_types::oid[] FROM pg_prepared_statements WHERE name = 'scale_plan'`).Scan(&types)
	if err != nil {
		return nil, err
	}
	if len(types) != len(st.args) {
		return nil, fmt.Errorf("%d parameters, %d values", len(types), len(st.args))
	}
	literals := make([]string, len(st.args))
	for i, v := range st.args {
		text, err := conn.Conn().TypeMap().Encode(types[i], pgtype.TextFormatCode, v, nil)
		if err != nil {
			return nil, fmt.Errorf("value %d: %w", i+1, err)
		}
		literals[i] = "NULL"
		if text != nil {
			literals[i] = "'" + strings.ReplaceAll(string(text), "'", "''") + "'"
		}
	}
	execute := "EXPLAIN (FORMAT JSON) EXECUTE scale_plan"
	if len(literals) > 0 {
		execute += "(" + strings.Join(literals, ", ") + ")"
	}
	mode := "force_custom_plan"
	if generic {
		mode = "force_generic_plan"
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "SET LOCAL plan_cache_mode = "+mode, simple); err != nil {
		return nil, err
	}
	var out []byte
	if err := tx.QueryRow(ctx, execute, simple).Scan(&out); err != nil {
		return nil, err
	}
	return scansOf(out)
}

// planNode is a node of EXPLAIN (FORMAT JSON), with its children
// (subplans and init plans among them).
type planNode struct {
	NodeType string     `json:"Node Type"`
	Relation string     `json:"Relation Name"`
	Index    string     `json:"Index Name"`
	Plans    []planNode `json:"Plans"`
}

// scansOf lists every node of a plan that reads a table.
func scansOf(explained []byte) ([]scan, error) {
	var top []struct {
		Plan planNode `json:"Plan"`
	}
	if err := json.Unmarshal(explained, &top); err != nil {
		return nil, fmt.Errorf("read the plan: %w", err)
	}
	var scans []scan
	var walk func(n planNode)
	walk = func(n planNode) {
		if n.Relation != "" && n.NodeType != "ModifyTable" {
			scans = append(scans, scan{relation: n.Relation, node: n.NodeType, index: n.Index})
		}
		for _, c := range n.Plans {
			walk(c)
		}
	}
	for _, t := range top {
		walk(t.Plan)
	}
	return scans, nil
}

func firstLine(sql string) string {
	s := strings.Join(strings.Fields(sql), " ")
	if len(s) > 90 {
		s = s[:90] + "…"
	}
	return s
}
