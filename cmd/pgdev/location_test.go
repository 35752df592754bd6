package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMovedDir(t *testing.T) {
	t.Parallel()
	a := movedDir("/base", "/root/sb/.data/postgres")
	require.Regexp(t, `^/base/sb-data-postgres-[0-9a-f]{12}$`, a)
	require.Equal(t, a, movedDir("/base", "/root/sb/.data/postgres/"), "the same directory, the same place")
	require.NotEqual(t, a, movedDir("/base", "/root/other/sb/.data/postgres"), "another work tree, another place")
	require.Regexp(t, `^/base/data-test-postgres-run-42-[0-9a-f]{12}$`, movedDir("/base", "/root/sb/.data/test-postgres/run-42"))
	require.Regexp(t, `^/base/pg-[0-9a-f]{12}$`, movedDir("/base", "/pg"))
	require.Regexp(t, `^/base/x-ab-c-[0-9a-f]{12}$`, movedDir("/base", "/x/a b/c\n"))
	long := movedDir("/base", "/"+strings.Repeat("n", 100))
	require.Len(t, filepath.Base(long), 40+1+12)
}

// TestClusterInUnreachableWorkTree is `git clone … ~/selvbetjening && make
// run` as root: the postgres user cannot enter the 0700 home directory, so
// the cluster lives under movedBase, linked from the directory asked for, and
// stop, start and destroy find it there, with or without the link.
func TestClusterInUnreachableWorkTree(t *testing.T) {
	t.Parallel()
	if os.Geteuid() != 0 {
		t.Skip("only as root does the server run as another user, who may be unable to enter the work tree")
	}
	if _, err := findPGBin(os.Getenv("PATH"), debianBinGlob); err != nil {
		t.Fatalf("PostgreSQL is needed (make test installs it): %v", err)
	}
	base := t.TempDir()
	// The test's temporary directories are private too; let the server's
	// user through them, so that home is what keeps it out.
	require.NoError(t, os.Chmod(filepath.Dir(base), 0o711))
	require.NoError(t, os.Chmod(base, 0o711))
	home := filepath.Join(base, "home")
	require.NoError(t, os.Mkdir(home, 0o700))
	dir := filepath.Join(home, "selvbetjening", ".data", "postgres")
	moved := movedDir(movedBase, dir)
	ctx := t.Context()

	pgdev := func(args ...string) (string, string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		err := run(ctx, args, os.Getenv, &stdout, &stderr)
		t.Logf("pgdev %s\n%s", strings.Join(args, " "), stderr.String())
		require.NoError(t, err, "pgdev %s", strings.Join(args, " "))
		return strings.TrimSpace(stdout.String()), stderr.String()
	}
	t.Cleanup(func() {
		var stderr bytes.Buffer
		_ = run(context.Background(), []string{"destroy", "-dir", dir}, os.Getenv, &stderr, &stderr)
	})

	url, stderr := pgdev("start", "-dir", dir, "-port", "0", "-fast")
	require.Contains(t, stderr, "cannot enter "+home+" ")
	require.Contains(t, stderr, "the cluster of "+dir+" lives in "+moved)
	require.FileExists(t, filepath.Join(moved, "PG_VERSION"))
	target, err := os.Readlink(dir)
	require.NoError(t, err, "the directory asked for is a link to the cluster")
	require.Equal(t, moved, target)
	fi, err := os.Stat(moved)
	require.NoError(t, err)
	require.Equal(t, fs.ModeDir|0o700, fi.Mode())

	conn, err := connect(ctx, url)
	require.NoError(t, err)
	var dataDir string
	require.NoError(t, conn.QueryRow(ctx, "SELECT current_setting('data_directory')").Scan(&dataDir))
	require.NoError(t, conn.Close(ctx))
	require.Equal(t, moved, dataDir)

	again, stderr := pgdev("start", "-dir", dir, "-port", "0")
	require.Equal(t, url, again, "the running cluster is found again")
	require.Contains(t, stderr, "lives in "+moved)

	require.NoError(t, os.Remove(dir))
	pgdev("stop", "-dir", dir)
	require.NoFileExists(t, filepath.Join(moved, "postmaster.pid"), "stop finds the cluster without the link")
	pgdev("start", "-dir", dir, "-port", "0", "-fast")
	target, err = os.Readlink(dir)
	require.NoError(t, err, "start links it again")
	require.Equal(t, moved, target)

	pgdev("destroy", "-dir", dir)
	require.NoDirExists(t, moved)
	_, err = os.Lstat(dir)
	require.ErrorIs(t, err, fs.ErrNotExist, "destroy removes the link")
}
