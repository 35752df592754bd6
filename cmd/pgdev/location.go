package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// movedBase holds the clusters whose -dir the server's user cannot reach:
// as root, a clone in /root (mode 0700) is out of reach of the postgres user.
// It lies in that user's home on Debian, which every ancestor lets it enter.
const movedBase = "/var/lib/postgresql/pgdev"

// movedDir is where the cluster asked for in dir lives when it cannot live
// there: a name derived from dir's path, so that start finds the same cluster
// again and stop and destroy find it too, link or no link.
func movedDir(base, dir string) string {
	sum := sha256.Sum256([]byte(filepath.Clean(dir)))
	parts := strings.Split(strings.Trim(filepath.Clean(dir), "/"), "/")
	if len(parts) > 3 {
		parts = parts[len(parts)-3:]
	}
	for i, p := range parts {
		parts[i] = strings.Map(func(r rune) rune {
			switch {
			case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
				return r
			}
			return -1
		}, p)
	}
	label := strings.Trim(strings.Join(parts, "-"), "-")
	if len(label) > 40 {
		label = label[len(label)-40:]
	}
	return filepath.Join(base, label+"-"+hex.EncodeToString(sum[:6]))
}

// locate sets c.dir, the data directory to use: the one asked for (through
// any symlink), or its moved directory if a cluster lives there. Only start
// (as root) picks the moved directory for a new cluster, when the server's
// user could not enter the one asked for; it then links the one asked for to
// it, so that `ls -l` shows where the data is and make clean finds it.
func (c *cluster) locate(ctx context.Context, starting bool) error {
	here := c.asked
	if r, err := filepath.EvalSymlinks(c.asked); err == nil {
		here = r
	}
	moved := movedDir(c.movedBase, c.asked)
	c.dir = here
	for _, d := range []string{here, moved} {
		state, err := inspectDir(d)
		if err != nil {
			return err
		}
		if state == dirCluster {
			c.dir = d
			return c.sayMoved(moved, starting)
		}
	}
	if !c.root || !starting {
		return nil
	}
	u, err := c.ensureServerUser(ctx)
	if err != nil {
		return err
	}
	acct, err := newAccount(u, "")
	if err != nil {
		return err
	}
	if err := checkReachable(here, *acct, statOrSearchable); err != nil {
		c.logf("%s", firstLine(err))
		c.dir = moved
		if err := mkdirOwned(c.movedBase, *acct); err != nil {
			return err
		}
	}
	return c.sayMoved(moved, starting)
}

// sayMoved tells where the cluster lives when that is not where it was
// asked for, and links the one asked for to it when starting.
func (c *cluster) sayMoved(moved string, starting bool) error {
	if c.dir != moved {
		return nil
	}
	c.logf("the cluster of %s lives in %s", c.asked, moved)
	if starting {
		return c.link(moved)
	}
	return nil
}

// link makes c.asked a symlink to moved, unless it is one already. An empty
// directory there is replaced; anything else is left alone.
func (c *cluster) link(moved string) error {
	fi, err := os.Lstat(c.asked)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	case fi.Mode()&fs.ModeSymlink != 0:
		if target, _ := os.Readlink(c.asked); target == moved {
			return nil
		}
		c.logf("%s is a symlink elsewhere; leaving it", c.asked)
		return nil
	case fi.IsDir():
		if state, err := inspectDir(c.asked); err != nil || state != dirEmpty {
			c.logf("%s is not empty; not linking it to %s", c.asked, moved)
			return nil
		}
		if err := os.RemoveAll(c.asked); err != nil {
			return err
		}
	default:
		c.logf("%s is a file; not linking it to %s", c.asked, moved)
		return nil
	}
	if err := mkdirAllSearchable(filepath.Dir(c.asked)); err != nil {
		return err
	}
	if err := os.Symlink(moved, c.asked); err != nil {
		return fmt.Errorf("link %s to %s: %w", c.asked, moved, err)
	}
	return nil
}

// unlink removes c.asked if it is the symlink link made (destroy calls it).
func (c *cluster) unlink() error {
	fi, err := os.Lstat(c.asked)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return nil
	}
	if target, _ := os.Readlink(c.asked); target != movedDir(c.movedBase, c.asked) {
		return nil
	}
	return os.Remove(c.asked)
}

// mkdirOwned makes dir, and gives it to acct if it made it.
func mkdirOwned(dir string, acct account) error {
	if err := mkdirAllSearchable(filepath.Dir(dir)); err != nil {
		return err
	}
	err := os.Mkdir(dir, 0o755)
	switch {
	case errors.Is(err, fs.ErrExist):
		return nil
	case err != nil:
		return err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	return os.Chown(dir, acct.uid, acct.gid)
}

// statOrSearchable is statOwner, but a directory that does not exist yet
// counts as one anybody may enter: pgdev makes it with mode 0755.
func statOrSearchable(path string) (ownerMode, error) {
	om, err := statOwner(path)
	if errors.Is(err, fs.ErrNotExist) {
		return ownerMode{mode: fs.ModeDir | 0o755}, nil
	}
	return om, err
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return strings.TrimSuffix(s, ".")
}
