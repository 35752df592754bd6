package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// pidFile is the content of a running cluster's postmaster.pid. Its lines are:
// PID, data directory, start time, port, first socket directory, first listen
// address, shared memory key, status. The later lines appear while the server
// starts up.
type pidFile struct {
	PID        int
	DataDir    string
	Port       int // 0 until the server has written it
	SocketDir  string
	ListenAddr string
	Status     string // "starting", "ready", "stopping", "standby" or ""
}

func parsePIDFile(b []byte) (pidFile, error) {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	line := func(i int) string {
		if i < len(lines) {
			return strings.TrimSpace(lines[i])
		}
		return ""
	}
	var p pidFile
	var err error
	if p.PID, err = strconv.Atoi(line(0)); err != nil || p.PID <= 0 {
		return pidFile{}, fmt.Errorf("postmaster.pid: bad PID line %q", line(0))
	}
	p.DataDir = line(1)
	if s := line(3); s != "" {
		if p.Port, err = strconv.Atoi(s); err != nil || p.Port <= 0 || p.Port > 65535 {
			return pidFile{}, fmt.Errorf("postmaster.pid: bad port line %q", s)
		}
	}
	p.SocketDir = line(4)
	p.ListenAddr = line(5)
	p.Status = line(7)
	return p, nil
}

// parseOptsPort finds the port in postmaster.opts, the command line the
// server was started with: the binary followed by double-quoted arguments.
func parseOptsPort(b []byte) (int, error) {
	args, err := splitOpts(strings.TrimSpace(string(b)))
	if err != nil {
		return 0, err
	}
	port := ""
	for i := 1; i < len(args); i++ {
		a := args[i]
		switch {
		case (a == "-p" || a == "-c" || a == "--port") && i+1 < len(args):
			next := args[i+1]
			if a != "-c" {
				port = next
			} else if v, ok := strings.CutPrefix(next, "port="); ok {
				port = v
			}
			i++
		case strings.HasPrefix(a, "--port="):
			port = strings.TrimPrefix(a, "--port=")
		case strings.HasPrefix(a, "-cport="):
			port = strings.TrimPrefix(a, "-cport=")
		}
	}
	if port == "" {
		return 0, errors.New("postmaster.opts: no port given (server default)")
	}
	n, err := strconv.Atoi(port)
	if err != nil || n <= 0 || n > 65535 {
		return 0, fmt.Errorf("postmaster.opts: bad port %q", port)
	}
	return n, nil
}

// splitOpts splits a postmaster.opts line: words separated by spaces, where a
// double-quoted word may hold spaces and backslash-escaped quotes.
func splitOpts(s string) ([]string, error) {
	var args []string
	for i := 0; i < len(s); {
		switch {
		case s[i] == ' ' || s[i] == '\t' || s[i] == '\n':
			i++
		case s[i] == '"':
			var w strings.Builder
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				w.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, errors.New("postmaster.opts: unterminated quote")
			}
			i++
			args = append(args, w.String())
		default:
			j := i
			for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' {
				j++
			}
			args = append(args, s[i:j])
			i = j
		}
	}
	return args, nil
}
