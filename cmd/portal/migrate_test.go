package main

import (
	"bytes"
	"context"
	"io/fs"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
	"github.com/digdir/selvbetjening/migrations"
)

// TestMigrateConcurrently starts several `portal migrate` processes at once
// on one empty database, as several portals behind one load balancer do when
// they are deployed together: every one must succeed, and the schema must be
// migrated once.
func TestMigrateConcurrently(t *testing.T) {
	t.Parallel()
	const processes, rounds = 6, 5
	bin := buildPortal(t)
	latest := latestMigration(t)
	queue, err := store.QueueMigrator(nil)
	require.NoError(t, err)
	queueVersions := len(queue.AllVersions())
	for round := range rounds {
		dbURL := storetest.EmptyURL(t)
		var wg sync.WaitGroup
		outputs := make([]bytes.Buffer, processes)
		errs := make([]error, processes)
		for i := range processes {
			cmd := exec.CommandContext(t.Context(), bin, "migrate")
			cmd.Env = []string{"DATABASE_URL=" + dbURL}
			cmd.Stdout, cmd.Stderr = &outputs[i], &outputs[i]
			require.NoError(t, cmd.Start())
			wg.Go(func() { errs[i] = cmd.Wait() })
		}
		wg.Wait()
		for i, err := range errs {
			require.NoError(t, err, "round %d, process %d:\n%s", round+1, i+1, outputs[i].String())
		}

		pool, err := store.Open(context.Background(), dbURL)
		require.NoError(t, err)
		var maxVersion, applied, distinct int64
		err = pool.QueryRow(context.Background(), `
			SELECT max(version_id), count(*), count(DISTINCT version_id)
			FROM goose_db_version WHERE version_id > 0 AND is_applied`).Scan(&maxVersion, &applied, &distinct)
		require.NoError(t, err)
		var queueApplied, queueDistinct int
		err = pool.QueryRow(context.Background(), `
			SELECT count(*), count(DISTINCT version) FROM river_migration WHERE line = 'main'`).Scan(&queueApplied, &queueDistinct)
		pool.Close()
		require.NoError(t, err)
		require.Equal(t, latest, maxVersion, "round %d: every migration is applied", round+1)
		require.Equal(t, distinct, applied, "round %d: each migration is applied once", round+1)
		require.Equal(t, queueVersions, queueApplied, "round %d: every job queue migration is applied", round+1)
		require.Equal(t, queueDistinct, queueApplied, "round %d: each job queue migration is applied once", round+1)
	}
}

// buildPortal builds this command into the test's temporary directory.
func buildPortal(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	require.NoError(t, err, "the go command builds the portal for process tests")
	bin := filepath.Join(t.TempDir(), "portal")
	out, err := exec.CommandContext(t.Context(), goBin, "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build:\n%s", out)
	return bin
}

// latestMigration is the highest version among the migration files.
func latestMigration(t *testing.T) int64 {
	t.Helper()
	names, err := fs.Glob(migrations.FS, "*.sql")
	require.NoError(t, err)
	var latest int64
	for _, name := range names {
		v, err := strconv.ParseInt(strings.SplitN(name, "_", 2)[0], 10, 64)
		require.NoError(t, err, name)
		latest = max(latest, v)
	}
	require.NotZero(t, latest)
	return latest
}
