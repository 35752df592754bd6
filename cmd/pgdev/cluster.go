package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const (
	logName       = "postgres.log"
	serverUser    = "postgres" // system user the server runs as when pgdev runs as root
	serverHome    = "/var/lib/postgresql"
	startTimeout  = 120 * time.Second
	stopTimeout   = 60 * time.Second
	portAttempts  = 3 // for -port 0, when another process grabs the picked port first
	readyTimeout  = 60 * time.Second
	pollInterval  = 100 * time.Millisecond
	commandGrace  = 5 * time.Second
	dialTimeout   = 2 * time.Second
	adminURLStart = "postgres://postgres@127.0.0.1:"
)

// adminURL is what start prints: the superuser's URL of the cluster.
func adminURL(port int) string {
	return adminURLStart + strconv.Itoa(port) + "/postgres?sslmode=disable"
}

// cluster is a PostgreSQL data directory managed by pgdev.
type cluster struct {
	asked     string // -dir, absolute
	dir       string // the data directory in use: asked, or where locate moved it
	movedBase string // see movedBase
	bin       pgBin
	binErr    error // set when no installation was found
	root      bool  // pgdev runs as root, so the server runs as another user
	stderr    io.Writer
}

func newCluster(dir string, getenv func(string) string, stderr io.Writer) (*cluster, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	bin, binErr := findPGBin(getenv("PATH"), debianBinGlob)
	return &cluster{asked: abs, dir: abs, movedBase: movedBase, bin: bin, binErr: binErr, root: os.Geteuid() == 0, stderr: stderr}, nil
}

func (c *cluster) logf(format string, args ...any) {
	fmt.Fprintf(c.stderr, "pgdev: "+format+"\n", args...)
}

func (c *cluster) logPath() string { return filepath.Join(c.dir, logName) }

// dirState says what a data directory holds.
type dirState int

const (
	dirMissing dirState = iota
	dirEmpty            // nothing, or only a log left by pgdev
	dirCluster          // an initialised cluster (PG_VERSION exists)
	dirForeign          // something else: pgdev will not touch it
)

func inspectDir(dir string) (dirState, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return dirMissing, nil
	case err != nil:
		return 0, err
	}
	if _, err := os.Stat(filepath.Join(dir, "PG_VERSION")); err == nil {
		return dirCluster, nil
	}
	for _, e := range entries {
		if e.Name() != logName {
			return dirForeign, nil
		}
	}
	return dirEmpty, nil
}

// start makes sure the cluster exists and runs, and returns its port.
func (c *cluster) start(ctx context.Context, port int, fast bool) (int, error) {
	if c.binErr != nil {
		return 0, c.binErr
	}
	if err := c.locate(ctx, true); err != nil {
		return 0, err
	}
	state, err := inspectDir(c.dir)
	if err != nil {
		return 0, err
	}
	if state == dirForeign {
		return 0, fmt.Errorf("%s exists but holds no PostgreSQL cluster; choose another -dir or empty it", c.dir)
	}
	acct, err := c.account(ctx, state)
	if err != nil {
		return 0, err
	}
	if state != dirCluster {
		if err := c.initDB(ctx, acct, fast); err != nil {
			return 0, err
		}
	} else if acct != nil {
		if err := checkReachable(c.dir, *acct, statOwner); err != nil {
			return 0, err
		}
	}

	if p, ok, err := c.runningPort(ctx); err != nil {
		return 0, err
	} else if ok {
		if port != 0 && port != p {
			c.logf("the cluster in %s already runs on port %d (not %d); reusing it", c.dir, p, port)
		} else {
			c.logf("reusing the cluster already running in %s on port %d", c.dir, p)
		}
		return p, nil
	}
	return c.startServer(ctx, acct, port, fast)
}

func (c *cluster) initDB(ctx context.Context, acct *account, fast bool) error {
	if err := mkdirAllSearchable(filepath.Dir(c.dir)); err != nil {
		return err
	}
	if err := os.Remove(c.logPath()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if acct != nil {
		if err := checkReachable(c.dir, *acct, statOwner); err != nil {
			return err
		}
	}
	if err := os.Mkdir(c.dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	if acct != nil {
		if err := os.Chown(c.dir, acct.uid, acct.gid); err != nil {
			return fmt.Errorf("giving %s to user %s: %w", c.dir, acct.name, err)
		}
	}
	c.logf("initialising a new cluster in %s (%s)", c.dir, c.bin.InitDB)
	out, err := c.command(ctx, acct, c.bin.InitDB, initdbArgs(c.dir, fast)...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("initdb failed: %w\n%s", err, indent(out))
	}
	return nil
}

func (c *cluster) startServer(ctx context.Context, acct *account, port int, fast bool) (int, error) {
	for attempt := 1; ; attempt++ {
		p := port
		if port == 0 {
			var err error
			if p, err = freePort(); err != nil {
				return 0, err
			}
		} else if err := checkPortFree(p); err != nil {
			return 0, err
		}
		logOffset := fileSize(c.logPath())
		c.logf("starting PostgreSQL on 127.0.0.1:%d (log: %s)", p, c.logPath())
		out, err := c.command(ctx, acct, c.bin.PgCtl, pgCtlStartArgs(c.dir, p, fast)...).CombinedOutput()
		if err == nil {
			return p, nil
		}
		logTail := readFrom(c.logPath(), logOffset)
		if port == 0 && attempt < portAttempts && bindFailed(logTail) {
			c.logf("port %d was taken meanwhile; trying another", p)
			continue
		}
		return 0, fmt.Errorf("pg_ctl start failed: %w\n%s\nlast lines of %s:\n%s",
			err, indent(out), c.logPath(), indent(lastLines(logTail, 20)))
	}
}

// runningPort reports the port of the server running in c.dir, if one is.
// A server that is still starting up is waited for.
func (c *cluster) runningPort(ctx context.Context) (int, bool, error) {
	deadline := time.Now().Add(readyTimeout)
	for {
		pf, alive, err := c.readPID()
		if err != nil || !alive {
			return 0, false, err
		}
		if pf.Status == "ready" || (pf.Status == "" && pf.Port != 0) {
			port := pf.Port
			if port == 0 {
				b, err := os.ReadFile(filepath.Join(c.dir, "postmaster.opts"))
				if err != nil {
					return 0, false, err
				}
				if port, err = parseOptsPort(b); err != nil {
					return 0, false, err
				}
			}
			if pf.ListenAddr == "" {
				return 0, false, fmt.Errorf("the cluster in %s runs without TCP (listen_addresses is empty); stop it with: pgdev stop -dir %s", c.dir, c.dir)
			}
			conn, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), dialTimeout)
			if err != nil {
				return 0, false, fmt.Errorf("postmaster.pid in %s names PID %d on port %d, but 127.0.0.1:%d does not answer (%v); stop it with: pgdev stop -dir %s",
					c.dir, pf.PID, port, port, err, c.dir)
			}
			conn.Close()
			return port, true, nil
		}
		if time.Now().After(deadline) {
			return 0, false, fmt.Errorf("the cluster in %s is %q, not ready, after %s", c.dir, pf.Status, readyTimeout)
		}
		select {
		case <-ctx.Done():
			return 0, false, ctx.Err()
		case <-time.After(pollInterval):
		}
	}
}

// readPID reads postmaster.pid; alive says whether its process exists.
func (c *cluster) readPID() (pf pidFile, alive bool, err error) {
	b, err := os.ReadFile(filepath.Join(c.dir, "postmaster.pid"))
	if errors.Is(err, fs.ErrNotExist) {
		return pidFile{}, false, nil
	} else if err != nil {
		return pidFile{}, false, err
	}
	if pf, err = parsePIDFile(b); err != nil {
		// The server writes the file in steps; a half-written one belongs to
		// a server that is starting or stopping right now.
		return pidFile{}, false, err
	}
	return pf, processAlive(pf.PID), nil
}

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// stop shuts the server down: fast (rolling back open transactions), and
// immediate if that does not finish in time. A stopped cluster is fine.
func (c *cluster) stop(ctx context.Context) error {
	if err := c.locate(ctx, false); err != nil {
		return err
	}
	return c.stopLocated(ctx)
}

func (c *cluster) stopLocated(ctx context.Context) error {
	state, err := inspectDir(c.dir)
	if err != nil {
		return err
	}
	if state != dirCluster {
		c.logf("no cluster in %s; nothing to stop", c.dir)
		return nil
	}
	if _, alive, _ := c.readPID(); !alive {
		c.logf("the cluster in %s is not running", c.dir)
		return nil
	}
	if c.binErr != nil {
		return c.binErr
	}
	acct, err := c.account(ctx, state)
	if err != nil {
		return err
	}
	c.logf("stopping the cluster in %s", c.dir)
	var out []byte
	for _, mode := range []string{"fast", "immediate"} {
		out, err = c.command(ctx, acct, c.bin.PgCtl, pgCtlStopArgs(c.dir, mode)...).CombinedOutput()
		if _, alive, _ := c.readPID(); err == nil || !alive {
			return nil
		}
		c.logf("%s shutdown failed (%v); trying the next mode", mode, err)
	}
	return fmt.Errorf("pg_ctl stop failed: %w\n%s", err, indent(out))
}

// destroy stops the cluster and removes its directory, and the link to it.
func (c *cluster) destroy(ctx context.Context) error {
	if err := c.locate(ctx, false); err != nil {
		return err
	}
	state, err := inspectDir(c.dir)
	if err != nil {
		return err
	}
	switch state {
	case dirMissing:
		c.logf("%s does not exist; nothing to destroy", c.dir)
		return c.unlink()
	case dirForeign:
		return fmt.Errorf("refusing to remove %s: it holds no PostgreSQL cluster", c.dir)
	case dirCluster:
		if err := c.stopLocated(ctx); err != nil {
			return err
		}
	}
	c.logf("removing %s", c.dir)
	if err := os.RemoveAll(c.dir); err != nil {
		return err
	}
	return c.unlink()
}

// initdbArgs are the arguments of initdb for a new cluster in dir.
func initdbArgs(dir string, fast bool) []string {
	args := []string{"-D", dir, "--auth=trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"}
	if fast {
		args = append(args, "--no-sync")
	}
	return args
}

// serverOptions are the settings given to postgres through pg_ctl -o, which
// passes them through /bin/sh: TCP on loopback only and no unix socket (its
// path could pass the 107-byte limit in a deep work tree).
func serverOptions(port int, fast bool) string {
	opts := []string{
		"-c listen_addresses=127.0.0.1",
		"-c port=" + strconv.Itoa(port),
		"-c unix_socket_directories=''",
	}
	if fast {
		opts = append(opts, "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off")
	}
	return strings.Join(opts, " ")
}

func pgCtlStartArgs(dir string, port int, fast bool) []string {
	return []string{
		"-D", dir, "-l", filepath.Join(dir, logName),
		"-w", "-t", strconv.Itoa(int(startTimeout / time.Second)),
		"-o", serverOptions(port, fast),
		"start",
	}
}

func pgCtlStopArgs(dir, mode string) []string {
	return []string{"-D", dir, "-m", mode, "-w", "-t", strconv.Itoa(int(stopTimeout / time.Second)), "stop"}
}

// command runs a program directly, or as acct through runuser.
func (c *cluster) command(ctx context.Context, acct *account, name string, args ...string) *exec.Cmd {
	argv := append([]string{name}, args...)
	if acct != nil {
		argv = asUser(acct.runuser, acct.name, argv)
	}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = "/" // the server's user may not be able to enter the current directory
	cmd.WaitDelay = commandGrace
	return cmd
}

// asUser wraps argv so that it runs as user through runuser.
func asUser(runuser, user string, argv []string) []string {
	return append([]string{runuser, "-u", user, "--"}, argv...)
}

// account is the unprivileged user the server runs as when pgdev is root.
type account struct {
	name     string
	uid, gid int
	gids     []int
	runuser  string
}

// account returns nil when pgdev is not root. As root it returns the owner of
// an existing cluster, or the "postgres" system user, created if missing.
func (c *cluster) account(ctx context.Context, state dirState) (*account, error) {
	if !c.root {
		return nil, nil
	}
	runuser, err := lookPath("runuser", "/usr/sbin/runuser", "/sbin/runuser")
	if err != nil {
		return nil, errors.New("runuser (Debian package util-linux) is needed to run PostgreSQL as root, and was not found")
	}
	var u *user.User
	if state == dirCluster {
		om, err := statOwner(c.dir)
		if err != nil {
			return nil, err
		}
		if om.uid == 0 {
			return nil, fmt.Errorf("the cluster in %s belongs to root, which PostgreSQL refuses to run as", c.dir)
		}
		if u, err = user.LookupId(strconv.Itoa(om.uid)); err != nil {
			return nil, fmt.Errorf("owner of %s: %w", c.dir, err)
		}
	} else if u, err = c.ensureServerUser(ctx); err != nil {
		return nil, err
	}
	return newAccount(u, runuser)
}

func newAccount(u *user.User, runuser string) (*account, error) {
	uid, err1 := strconv.Atoi(u.Uid)
	gid, err2 := strconv.Atoi(u.Gid)
	if err := errors.Join(err1, err2); err != nil {
		return nil, fmt.Errorf("user %s: %w", u.Username, err)
	}
	a := &account{name: u.Username, uid: uid, gid: gid, gids: []int{gid}, runuser: runuser}
	if ids, err := u.GroupIds(); err == nil {
		for _, s := range ids {
			if n, err := strconv.Atoi(s); err == nil {
				a.gids = append(a.gids, n)
			}
		}
	}
	return a, nil
}

func (c *cluster) ensureServerUser(ctx context.Context) (*user.User, error) {
	u, err := user.Lookup(serverUser)
	if err == nil {
		return u, nil
	}
	if !errors.As(err, new(user.UnknownUserError)) {
		return nil, err
	}
	useradd, err := lookPath("useradd", "/usr/sbin/useradd", "/sbin/useradd")
	if err != nil {
		return nil, fmt.Errorf("user %s does not exist and useradd was not found to create it", serverUser)
	}
	args := []string{"--system", "--home-dir", serverHome, "--no-create-home", "--shell", "/bin/bash"}
	if _, err := user.LookupGroup(serverUser); err == nil {
		args = append(args, "--gid", serverUser)
	} else {
		args = append(args, "--user-group")
	}
	c.logf("creating the system user %s (initdb and postgres refuse to run as root)", serverUser)
	out, addErr := exec.CommandContext(ctx, useradd, append(args, serverUser)...).CombinedOutput()
	if u, err := user.Lookup(serverUser); err == nil {
		return u, nil // made now, or by a concurrent pgdev
	}
	return nil, fmt.Errorf("creating user %s: %v\n%s", serverUser, addErr, indent(out))
}

// ownerMode is what checkReachable needs to know about a directory.
type ownerMode struct {
	mode     fs.FileMode
	uid, gid int
}

func statOwner(path string) (ownerMode, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return ownerMode{}, err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return ownerMode{}, fmt.Errorf("%s: no owner information", path)
	}
	return ownerMode{mode: fi.Mode(), uid: int(st.Uid), gid: int(st.Gid)}, nil
}

// checkReachable makes sure acct can enter every directory above dir, which
// the server needs to reach its data directory.
func checkReachable(dir string, acct account, stat func(string) (ownerMode, error)) error {
	for _, d := range ancestors(dir) {
		om, err := stat(d)
		if err != nil {
			return err
		}
		if !canSearch(om, acct) {
			return fmt.Errorf("PostgreSQL runs as user %s, which cannot enter %s (mode %s, owner uid %d), "+
				"so it cannot reach %s.\n  Put the cluster elsewhere (e.g. -dir /tmp/NAME, or set DATABASE_URL) "+
				"or let others traverse it: chmod o+x %s", acct.name, d, om.mode, om.uid, dir, d)
		}
	}
	return nil
}

// mkdirAllSearchable is os.MkdirAll with mode 0755 whatever the umask, so
// that the server's user can pass through the directories pgdev makes.
func mkdirAllSearchable(dir string) error {
	for _, d := range append(ancestors(dir), dir) {
		err := os.Mkdir(d, 0o755)
		switch {
		case errors.Is(err, fs.ErrExist):
			continue
		case err != nil:
			return err
		}
		if err := os.Chmod(d, 0o755); err != nil {
			return err
		}
	}
	return nil
}

// ancestors lists the directories above the absolute path p, root first.
func ancestors(p string) []string {
	var out []string
	for d := filepath.Dir(filepath.Clean(p)); ; d = filepath.Dir(d) {
		out = append([]string{d}, out...)
		if d == filepath.Dir(d) {
			return out
		}
	}
}

func canSearch(om ownerMode, acct account) bool {
	switch {
	case acct.uid == 0:
		return true
	case om.uid == acct.uid:
		return om.mode&0o100 != 0
	}
	for _, g := range acct.gids {
		if g == om.gid {
			return om.mode&0o010 != 0
		}
	}
	return om.mode&0o001 != 0
}

func lookPath(name string, fallbacks ...string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	for _, p := range fallbacks {
		if isExecutable(p) {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s not found", name)
}

// freePort asks the kernel for a free loopback port. Another process may take
// it before the server binds it; startServer then tries again.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func checkPortFree(port int) error {
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return fmt.Errorf("127.0.0.1:%d is in use by another program (another cluster? stop it, or pass another -port, or -port 0): %w", port, err)
	}
	return l.Close()
}

func bindFailed(log string) bool {
	return strings.Contains(log, "could not bind") || strings.Contains(log, "Address already in use")
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// readFrom returns what path holds past offset, or "" if it cannot be read.
func readFrom(path string, offset int64) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return ""
	}
	b, _ := io.ReadAll(io.LimitReader(f, 1<<20))
	return string(b)
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func indent[T string | []byte](text T) string {
	s := strings.TrimRight(string(text), "\n")
	if s == "" {
		return "  (no output)"
	}
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}
