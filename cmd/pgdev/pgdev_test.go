package main

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// fakeInstall makes empty programs under root and returns root.
func fakeInstall(t *testing.T, files map[string]fs.FileMode) string {
	t.Helper()
	root := t.TempDir()
	for name, mode := range files {
		p := filepath.Join(root, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("#!/bin/sh\n"), mode))
	}
	return root
}

func TestFindPGBin(t *testing.T) {
	t.Parallel()
	root := fakeInstall(t, map[string]fs.FileMode{
		"path/initdb":                    0o755,
		"path/pg_ctl":                    0o755,
		"onlyinitdb/initdb":              0o755,
		"noexec/initdb":                  0o644,
		"noexec/pg_ctl":                  0o644,
		"lib/9.6/bin/initdb":             0o755,
		"lib/9.6/bin/pg_ctl":             0o755,
		"lib/15/bin/initdb":              0o755,
		"lib/15/bin/pg_ctl":              0o755,
		"lib/13/bin/initdb":              0o755,
		"lib/13/bin/pg_ctl":              0o755,
		"lib/16/bin/initdb":              0o755, // incomplete install: no pg_ctl
		"lib/devel/bin/initdb":           0o755,
		"lib/devel/bin/pg_ctl":           0o755,
		"onlyunversioned/x/bin/initdb":   0o755,
		"onlyunversioned/x/bin/pg_ctl":   0o755,
		"onlyunversioned/9/bin/initdb":   0o644,
		"onlyunversioned/9/bin/pg_ctl":   0o644,
		"empty/.keep":                    0o644,
		"path-with-both-second/initdb":   0o755,
		"path-with-both-second/pg_ctl":   0o755,
		"path-with-both-second/postgres": 0o755,
	})
	in := func(parts ...string) string { return filepath.Join(append([]string{root}, parts...)...) }
	pathList := func(dirs ...string) string { return strings.Join(dirs, string(os.PathListSeparator)) }

	tests := []struct {
		name    string
		path    string
		glob    string
		wantDir string // "" = errNoPostgres
	}{
		{"PATH wins over lib", pathList(in("path")), in("lib", "*", "bin"), in("path")},
		{"first PATH dir with both", pathList(in("onlyinitdb"), in("noexec"), in("path-with-both-second"), in("path")), in("lib", "*", "bin"), in("path-with-both-second")},
		{"newest complete lib version", pathList(in("onlyinitdb"), in("empty")), in("lib", "*", "bin"), in("lib", "15", "bin")},
		{"relative PATH entries ignored", pathList("", ".", "path"), in("lib", "*", "bin"), in("lib", "15", "bin")},
		{"unversioned dir as last resort", "", in("onlyunversioned", "*", "bin"), in("onlyunversioned", "x", "bin")},
		{"nothing found", pathList(in("empty"), in("onlyinitdb")), in("none", "*", "bin"), ""},
		{"empty PATH, nothing found", "", in("none", "*", "bin"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := findPGBin(tt.path, tt.glob)
			if tt.wantDir == "" {
				require.ErrorIs(t, err, errNoPostgres)
				require.Contains(t, err.Error(), "apt-get install postgresql")
				return
			}
			require.NoError(t, err)
			require.Equal(t, pgBin{InitDB: filepath.Join(tt.wantDir, "initdb"), PgCtl: filepath.Join(tt.wantDir, "pg_ctl")}, got)
		})
	}
}

func TestNewestFirst(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want []string
	}{
		{nil, nil},
		{[]string{"/l/9.6/bin", "/l/15/bin", "/l/10/bin", "/l/9.5/bin"}, []string{"/l/15/bin", "/l/10/bin", "/l/9.6/bin", "/l/9.5/bin"}},
		{[]string{"/l/devel/bin", "/l/13/bin", "/l/12.1/bin", "/l/12/bin"}, []string{"/l/13/bin", "/l/12.1/bin", "/l/12/bin", "/l/devel/bin"}},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, newestFirst(tt.in), "newestFirst(%q)", tt.in)
	}
}

func TestParsePIDFile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    pidFile
		wantErr bool
	}{
		{
			name: "ready, no socket",
			in:   "10973\n/tmp/pg\n1795627727\n42563\n\n127.0.0.1\n  9978353         4\nready   \n",
			want: pidFile{PID: 10973, DataDir: "/tmp/pg", Port: 42563, ListenAddr: "127.0.0.1", Status: "ready"},
		},
		{
			name: "with socket dir, starting",
			in:   "77\n/d\n1\n5432\n/var/run/postgresql\n*\n  1  2\nstarting\n",
			want: pidFile{PID: 77, DataDir: "/d", Port: 5432, SocketDir: "/var/run/postgresql", ListenAddr: "*", Status: "starting"},
		},
		{
			name: "early in start-up",
			in:   "77\n/d\n1\n",
			want: pidFile{PID: 77, DataDir: "/d"},
		},
		{name: "empty", in: "", wantErr: true},
		{name: "bad pid", in: "x\n/d\n", wantErr: true},
		{name: "negative pid", in: "-1\n/d\n", wantErr: true},
		{name: "bad port", in: "77\n/d\n1\nport\n", wantErr: true},
		{name: "port out of range", in: "77\n/d\n1\n70000\n", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parsePIDFile([]byte(tt.in))
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestParseOptsPort(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    int
		wantErr bool
	}{
		{"pgdev's own", `/usr/lib/postgresql/15/bin/postgres "-D" "/tmp/pg" "-c" "listen_addresses=127.0.0.1" "-c" "port=42563" "-c" "unix_socket_directories="` + "\n", 42563, false},
		{"-p", `/usr/bin/postgres "-D" "/a b/c" "-p" "6000"`, 6000, false},
		{"--port=", `/usr/bin/postgres "-D" "/d" "--port=6001"`, 6001, false},
		{"last wins", `/usr/bin/postgres "-c" "port=1" "-c" "port=2"`, 2, false},
		{"escaped quote in path", `/usr/bin/postgres "-D" "/x\"y" "-c" "port=7"`, 7, false},
		{"no port", `/usr/bin/postgres "-D" "/d"`, 0, true},
		{"bad port", `/usr/bin/postgres "-c" "port=abc"`, 0, true},
		{"unterminated", `/usr/bin/postgres "-c" "port=1`, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseOptsPort([]byte(tt.in))
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestArgs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		got  []string
		want []string
	}{
		{
			name: "initdb",
			got:  initdbArgs("/w/.data/postgres", false),
			want: []string{"-D", "/w/.data/postgres", "--auth=trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"},
		},
		{
			name: "initdb fast",
			got:  initdbArgs("/d", true),
			want: []string{"-D", "/d", "--auth=trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"},
		},
		{
			name: "pg_ctl start",
			got:  pgCtlStartArgs("/d", 54329, false),
			want: []string{"-D", "/d", "-l", "/d/postgres.log", "-w", "-t", "120",
				"-o", "-c listen_addresses=127.0.0.1 -c port=54329 -c unix_socket_directories=''", "start"},
		},
		{
			name: "pg_ctl start fast",
			got:  pgCtlStartArgs("/d", 5, true),
			want: []string{"-D", "/d", "-l", "/d/postgres.log", "-w", "-t", "120",
				"-o", "-c listen_addresses=127.0.0.1 -c port=5 -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"},
		},
		{
			name: "pg_ctl stop",
			got:  pgCtlStopArgs("/d", "immediate"),
			want: []string{"-D", "/d", "-m", "immediate", "-w", "-t", "60", "stop"},
		},
		{
			name: "as user",
			got:  asUser("/usr/sbin/runuser", "postgres", []string{"/usr/bin/initdb", "-D", "/d"}),
			want: []string{"/usr/sbin/runuser", "-u", "postgres", "--", "/usr/bin/initdb", "-D", "/d"},
		},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, tt.got, tt.name)
	}
}

func TestCheckReachable(t *testing.T) {
	t.Parallel()
	pg := account{name: "postgres", uid: 101, gid: 104, gids: []int{104, 103}}
	dirs := map[string]ownerMode{
		"/":               {fs.ModeDir | 0o755, 0, 0},
		"/root":           {fs.ModeDir | 0o700, 0, 0},
		"/work":           {fs.ModeDir | 0o755, 0, 0},
		"/work/main":      {fs.ModeDir | 0o755, 0, 0},
		"/tmp":            {fs.ModeDir | fs.ModeSticky | 0o777, 0, 0},
		"/tmp/t":          {fs.ModeDir | 0o700, 0, 0},
		"/tmp/group":      {fs.ModeDir | 0o710, 0, 103},
		"/tmp/othergroup": {fs.ModeDir | 0o770, 0, 5},
		"/tmp/own":        {fs.ModeDir | 0o700, 101, 0},
		"/tmp/ownnox":     {fs.ModeDir | 0o600, 101, 0},
	}
	stat := func(p string) (ownerMode, error) {
		om, ok := dirs[p]
		if !ok {
			return ownerMode{}, fs.ErrNotExist
		}
		return om, nil
	}
	tests := []struct {
		dir     string
		acct    account
		blocked string // "" = reachable
	}{
		{"/work/main/.data/postgres", pg, "/work/main/.data"}, // .data not made yet: stat fails
		{"/work/main/pg", pg, ""},
		{"/root/src/.data/postgres", pg, "/root"},
		{"/tmp/t/pg", pg, "/tmp/t"},
		{"/tmp/group/pg", pg, ""},
		{"/tmp/othergroup/pg", pg, "/tmp/othergroup"},
		{"/tmp/own/pg", pg, ""},
		{"/tmp/ownnox/pg", pg, "/tmp/ownnox"},
		{"/root/pg", account{name: "root"}, ""},
		{"/pg", pg, ""},
	}
	for _, tt := range tests {
		err := checkReachable(tt.dir, tt.acct, stat)
		switch {
		case tt.blocked == "":
			require.NoError(t, err, tt.dir)
		case errors.Is(err, fs.ErrNotExist):
			require.Equal(t, "/work/main/.data/postgres", tt.dir)
		default:
			require.ErrorContains(t, err, "cannot enter "+tt.blocked+" ", tt.dir)
			require.ErrorContains(t, err, "chmod o+x "+tt.blocked, tt.dir)
		}
	}
}

func TestDatabaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		admin, name, want string
		wantErr           bool
	}{
		{admin: adminURL(54329), name: "selvbetjening", want: "postgres://postgres@127.0.0.1:54329/selvbetjening?sslmode=disable"},
		{admin: "postgresql://u:pw@db:5432/x", name: "a b", want: "postgresql://u:pw@db:5432/a%20b"},
		{admin: "postgres://h/", name: "t_1", want: "postgres://h/t_1"},
		{admin: "host=x dbname=y", name: "z", wantErr: true},
		{admin: "http://h/db", name: "z", wantErr: true},
		{admin: adminURL(1), name: "", wantErr: true},
		{admin: adminURL(1), name: strings.Repeat("n", 64), wantErr: true},
	}
	for _, tt := range tests {
		got, err := databaseURL(tt.admin, tt.name)
		if tt.wantErr {
			require.Error(t, err, "%s %s", tt.admin, tt.name)
			continue
		}
		require.NoError(t, err)
		require.Equal(t, tt.want, got)
	}
}

func TestRunCommandLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		args      []string
		wantUsage bool
		wantOut   string
	}{
		{name: "no command", args: nil, wantUsage: true},
		{name: "unknown command", args: []string{"frobnicate"}, wantUsage: true},
		{name: "start without dir", args: []string{"start"}, wantUsage: true},
		{name: "stray argument", args: []string{"stop", "-dir", "x", "y"}, wantUsage: true},
		{name: "port for stop", args: []string{"stop", "-dir", "x", "-port", "1"}, wantUsage: true},
		{name: "bad port", args: []string{"start", "-dir", "x", "-port", "70000"}, wantUsage: true},
		{name: "unknown flag", args: []string{"start", "-dir", "x", "-nope"}, wantUsage: true},
		{name: "createdb without name", args: []string{"createdb", "-url", adminURL(1)}, wantUsage: true},
		{name: "help", args: []string{"help"}, wantOut: usageText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			err := run(t.Context(), tt.args, func(string) string { return "" }, &stdout, &stderr)
			if tt.wantUsage {
				require.ErrorAs(t, err, new(usageError))
				require.Empty(t, stdout.String())
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.wantOut, stdout.String())
		})
	}
}

func TestInspectDir(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	mk := func(files ...string) string {
		d, err := os.MkdirTemp(root, "d")
		require.NoError(t, err)
		for _, f := range files {
			require.NoError(t, os.WriteFile(filepath.Join(d, f), nil, 0o644))
		}
		return d
	}
	tests := []struct {
		dir  string
		want dirState
	}{
		{filepath.Join(root, "missing"), dirMissing},
		{mk(), dirEmpty},
		{mk(logName), dirEmpty},
		{mk("PG_VERSION", "postgresql.conf"), dirCluster},
		{mk("go.mod"), dirForeign},
		{mk(logName, "x"), dirForeign},
	}
	for _, tt := range tests {
		got, err := inspectDir(tt.dir)
		require.NoError(t, err)
		require.Equal(t, tt.want, got, tt.dir)
	}
}

func TestMkdirAllSearchable(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := filepath.Join(root, "a", "b", "c")
	for range 2 { // the second call finds everything in place
		require.NoError(t, mkdirAllSearchable(dir))
		for _, d := range []string{filepath.Join(root, "a"), filepath.Join(root, "a", "b"), dir} {
			fi, err := os.Stat(d)
			require.NoError(t, err)
			require.Equal(t, fs.ModeDir|0o755, fi.Mode(), d)
		}
	}
	require.NoError(t, os.WriteFile(filepath.Join(root, "file"), nil, 0o644))
	require.Error(t, mkdirAllSearchable(filepath.Join(root, "file", "x")))
}

// TestClusterLifecycle runs a real cluster: start on a free port, reuse it,
// create a database, query it, stop, restart, destroy.
func TestClusterLifecycle(t *testing.T) {
	t.Parallel()
	if _, err := findPGBin(os.Getenv("PATH"), debianBinGlob); err != nil {
		t.Fatalf("PostgreSQL is needed (make test installs it): %v", err)
	}
	base := t.TempDir()
	if os.Geteuid() == 0 {
		// The server runs as the postgres user, which must be able to enter
		// the test's private temporary directories.
		require.NoError(t, os.Chmod(filepath.Dir(base), 0o711))
		require.NoError(t, os.Chmod(base, 0o711))
	}
	dir := filepath.Join(base, "pg")
	ctx := t.Context()

	pgdev := func(args ...string) (string, error) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		err := run(ctx, args, os.Getenv, &stdout, &stderr)
		t.Logf("pgdev %s\n%s", strings.Join(args, " "), stderr.String())
		return strings.TrimSpace(stdout.String()), err
	}
	t.Cleanup(func() {
		var stderr bytes.Buffer
		_ = run(context.Background(), []string{"stop", "-dir", dir}, os.Getenv, &stderr, &stderr)
	})

	url, err := pgdev("start", "-dir", dir, "-port", "0", "-fast")
	require.NoError(t, err)
	require.Regexp(t, `^postgres://postgres@127\.0\.0\.1:\d+/postgres\?sslmode=disable$`, url)
	require.FileExists(t, filepath.Join(dir, "PG_VERSION"))
	require.FileExists(t, filepath.Join(dir, logName))

	again, err := pgdev("start", "-dir", dir, "-port", "0")
	require.NoError(t, err)
	require.Equal(t, url, again, "a running cluster is reused")

	urls, err := pgdev("createdb", "-url", url, "-name", "pgdev_test")
	require.NoError(t, err)
	dbURL := strings.Replace(url, "/postgres?", "/pgdev_test?", 1)
	servingURL := strings.Replace(dbURL, "//postgres@", "//selvbetjening_portal@", 1)
	ownerURL := strings.Replace(dbURL, "//postgres@", "//selvbetjening_owner@", 1)
	require.Equal(t, "DATABASE_URL="+servingURL+"\nMIGRATE_DATABASE_URL="+ownerURL, urls)
	urls2, err := pgdev("createdb", "-url", url, "-name", "pgdev_test")
	require.NoError(t, err)
	require.Equal(t, urls, urls2, "createdb is idempotent")

	conn, err := connect(ctx, dbURL)
	require.NoError(t, err)
	var db, listen, sockets string
	require.NoError(t, conn.QueryRow(ctx, "SELECT current_database(), current_setting('listen_addresses'), current_setting('unix_socket_directories')").Scan(&db, &listen, &sockets))
	require.NoError(t, conn.Close(ctx))
	require.Equal(t, "pgdev_test", db)
	require.Equal(t, "127.0.0.1", listen)
	require.Empty(t, sockets)

	conn, err = connect(ctx, ownerURL)
	require.NoError(t, err)
	var owner string
	require.NoError(t, conn.QueryRow(ctx, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()").Scan(&owner))
	require.Equal(t, "selvbetjening_owner", owner)
	_, err = conn.Exec(ctx, "CREATE TABLE t (id int)")
	require.NoError(t, err, "the owner makes tables")
	require.NoError(t, conn.Close(ctx))

	conn, err = connect(ctx, servingURL)
	require.NoError(t, err)
	var member bool
	require.NoError(t, conn.QueryRow(ctx, "SELECT pg_has_role(current_user, 'selvbetjening_app', 'MEMBER')").Scan(&member))
	require.True(t, member, "the serving login is in selvbetjening_app")
	_, err = conn.Exec(ctx, "SELECT * FROM t")
	require.ErrorContains(t, err, "permission denied", "the serving login has only what migrations grant")
	require.NoError(t, conn.Close(ctx))

	conn, err = connect(ctx, url)
	require.NoError(t, err)
	_, err = conn.Exec(ctx, "CREATE DATABASE older")
	require.NoError(t, err)
	require.NoError(t, conn.Close(ctx))
	urls, err = pgdev("createdb", "-url", url, "-name", "older")
	require.NoError(t, err)
	require.Contains(t, urls, "\nMIGRATE_DATABASE_URL="+strings.Replace(url, "/postgres?", "/older?", 1),
		"a database made before the roles is migrated by its owner, the admin")

	_, err = pgdev("stop", "-dir", dir)
	require.NoError(t, err)
	require.NoFileExists(t, filepath.Join(dir, "postmaster.pid"))
	_, err = pgdev("stop", "-dir", dir)
	require.NoError(t, err, "stopping a stopped cluster is fine")

	restarted, err := pgdev("start", "-dir", dir, "-port", "0")
	require.NoError(t, err)
	conn, err = connect(ctx, strings.Replace(restarted, "/postgres?", "/pgdev_test?", 1))
	require.NoError(t, err, "the database survives a restart")
	require.NoError(t, conn.Close(ctx))

	_, err = pgdev("destroy", "-dir", dir)
	require.NoError(t, err)
	require.NoDirExists(t, dir)
}
