package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// flat is how much slower the largest size's median may be than the
// smallest's and still count as flat.
const flat = 1.15

// report prints the operations' medians and 95th percentiles side by side,
// the largest size's over the smallest's, and whether every plan stayed
// off sequential scans of large tables; then what each plan read. It
// returns false when a plan did not.
func report(w io.Writer, portals []*portal, ops []operation) bool {
	first, last := portals[0], portals[len(portals)-1]
	head := []string{"operation"}
	for _, p := range portals {
		head = append(head, "p50 "+sizeName(p.scale))
	}
	for _, p := range portals {
		head = append(head, "p95 "+sizeName(p.scale))
	}
	head = append(head, "p50 ratio", "plans")
	rows := [][]string{head}
	allOK := true
	for _, op := range ops {
		row := []string{op.name}
		for _, q := range []float64{0.50, 0.95} {
			for _, p := range portals {
				row = append(row, ms(percentile(p.timings[op.name], q)))
			}
		}
		ratio := float64(percentile(last.timings[op.name], 0.5)) / float64(percentile(first.timings[op.name], 0.5))
		verdict := fmt.Sprintf("%.2f", ratio)
		if ratio > flat {
			verdict += " (over 1.15)"
		}
		plans := "index scans"
		for _, p := range portals {
			for _, pl := range p.plans[op.name] {
				if !pl.ok() {
					plans, allOK = "SEQ SCAN ("+sizeName(p.scale)+")", false
				}
			}
		}
		rows = append(rows, append(row, verdict, plans))
	}
	table(w, rows)

	fmt.Fprintf(w, "\nWhat the statements read at %s (custom plan; the generic plan where it differs), tables of %d rows or more marked *:\n",
		sizeName(last.scale), largeTable)
	for _, op := range ops {
		fmt.Fprintf(w, "%s:\n", op.name)
		for _, pl := range last.plans[op.name] {
			fmt.Fprintf(w, "  %s\n    %s\n", firstLine(pl.sql), describe(pl))
		}
	}
	for _, p := range portals {
		for _, op := range ops {
			for _, pl := range p.plans[op.name] {
				if !pl.ok() {
					fmt.Fprintf(w, "FAIL at %s, %s: %s\n    %s\n", sizeName(p.scale), op.name, firstLine(pl.sql), describe(pl))
				}
			}
		}
	}
	return allOK
}

// describe names each table a plan reads and how, e.g.
// "integrations* Index Scan integrations_pkey".
func describe(pl plan) string {
	var custom, generic []string
	for _, s := range pl.scans {
		d := s.relation
		if s.large {
			d += "*"
		}
		d += " " + s.node
		if s.index != "" {
			d += " " + s.index
		}
		if !s.ok() {
			d += " (FAIL)"
		}
		if s.generic {
			generic = append(generic, d)
		} else {
			custom = append(custom, d)
		}
	}
	out := strings.Join(custom, "; ")
	if out == "" {
		out = "no table"
	}
	if !slices.Equal(custom, generic) {
		out += " | generic: " + strings.Join(generic, "; ")
	}
	return out
}

func percentile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[int(float64(len(s)-1)*q)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

// table prints rows in columns, the first left-aligned, the rest right.
func table(w io.Writer, rows [][]string) {
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], len([]rune(c)))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-len([]rune(c)))
			if i == 0 || i == len(r)-1 {
				b.WriteString(c + pad)
			} else {
				b.WriteString(pad + c)
			}
			b.WriteString("  ")
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}
