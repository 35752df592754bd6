#!/bin/sh
# bearer.sh, linked as wrk and as curl in a directory put first on PATH, lets
# ../shared/perf/ceiling.sh --also measure the REST API: ceiling.sh can only
# send a Cookie header, and the API takes a Bearer token (RFC 6750), never a
# cookie. A command with an argument that starts with $BEARER_URL gets
# -H "Authorization: Bearer <the token in $BEARER_TOKEN_FILE>" in front of
# its arguments; every other command runs unchanged. It reads the file at
# each command, and benchserver writes a fresh token there every minute, so
# a 10 s run never sends an expired one. Then it execs the real tool: the
# measured requests are exactly what a script sends.
tool=$(basename "$0")
here=$(cd "$(dirname "$0")" && pwd)
PATH=$(printf '%s\n' "$PATH" | tr ':' '\n' | grep -vxF "$here" | paste -sd: -)
if [ -n "${BEARER_URL:-}" ]; then
	for arg in "$@"; do
		case $arg in
		"$BEARER_URL"*) exec "$tool" -H "Authorization: Bearer $(cat "$BEARER_TOKEN_FILE")" "$@" ;;
		esac
	done
fi
exec "$tool" "$@"
