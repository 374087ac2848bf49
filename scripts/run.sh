#!/usr/bin/env bash
# Runs the service on http://127.0.0.1:8000 (SQLite ./test.db unless DATABASE_URL says
# otherwise): installs what is missing, adds a fresh SECRET_KEY to .env (creating it) when
# neither the environment nor .env has one (an existing key is never replaced), builds,
# migrates, then serves.
# Extra arguments go to the server, e.g. scripts/run.sh --port 9000.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
if [ -z "${SECRET_KEY:-}" ] && ! grep -qE '^[[:space:]]*(export[[:space:]]+)?SECRET_KEY[[:space:]]*=' .env 2>/dev/null; then
    [ -e .env ] || (umask 077 && : > .env)
    printf 'SECRET_KEY=%s\n' "$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')" >> .env
    echo "run: added a new SECRET_KEY to .env" >&2
fi
swift build -c release --product migrator
swift build -c release --product user-auth-server
bin=$(swift build -c release --show-bin-path)
"$bin/migrator" up
exec "$bin/user-auth-server" "$@"
