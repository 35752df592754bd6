package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// debianBinGlob is where Debian's postgresql-NN packages put the server
// programs, which are not on PATH.
const debianBinGlob = "/usr/lib/postgresql/*/bin"

// errNoPostgres tells what to install; the Makefile's deps target does it.
var errNoPostgres = errors.New("PostgreSQL server programs (initdb, pg_ctl) not found in PATH or " +
	debianBinGlob + "\n  install them with: apt-get install postgresql   (make deps does this as root)")

// pgBin locates the server programs of one PostgreSQL installation.
type pgBin struct {
	InitDB string
	PgCtl  string
}

// findPGBin looks for a directory holding both initdb and pg_ctl: first the
// directories of pathEnv in order, then the newest match of glob.
func findPGBin(pathEnv, glob string) (pgBin, error) {
	var dirs []string
	for _, d := range filepath.SplitList(pathEnv) {
		if filepath.IsAbs(d) { // relative entries (or "") would depend on the cwd
			dirs = append(dirs, d)
		}
	}
	matches, err := filepath.Glob(glob)
	if err != nil {
		return pgBin{}, fmt.Errorf("bad pattern %q: %w", glob, err)
	}
	dirs = append(dirs, newestFirst(matches)...)
	for _, d := range dirs {
		b := pgBin{InitDB: filepath.Join(d, "initdb"), PgCtl: filepath.Join(d, "pg_ctl")}
		if isExecutable(b.InitDB) && isExecutable(b.PgCtl) {
			return b, nil
		}
	}
	return pgBin{}, errNoPostgres
}

// newestFirst sorts versioned install directories such as
// /usr/lib/postgresql/15/bin by their version component (the parent of bin),
// newest first. Unversioned names sort after every version.
func newestFirst(dirs []string) []string {
	out := append([]string(nil), dirs...)
	sort.SliceStable(out, func(i, j int) bool {
		vi, oki := parseVersion(filepath.Base(filepath.Dir(out[i])))
		vj, okj := parseVersion(filepath.Base(filepath.Dir(out[j])))
		if oki != okj {
			return oki
		}
		return compareVersions(vi, vj) > 0
	})
	return out
}

// parseVersion parses "15" or "9.6" into its numeric parts.
func parseVersion(s string) ([]int, bool) {
	if s == "" {
		return nil, false
	}
	var v []int
	for _, p := range strings.Split(s, ".") {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return nil, false
		}
		v = append(v, n)
	}
	return v, true
}

func compareVersions(a, b []int) int {
	for i := 0; i < len(a) || i < len(b); i++ {
		var x, y int
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}
