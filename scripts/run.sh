#!/usr/bin/env bash
# Runs the service on http://127.0.0.1:8000 (SQLite ./test.db unless DATABASE_URL says
# otherwise): installs what is missing, creates .env with a fresh SECRET_KEY if there is
# none (an existing .env is never touched), builds, migrates, then serves.
# Extra arguments go to the server, e.g. scripts/run.sh --port 9000.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
if [ ! -e .env ]; then
    umask 077
    printf 'SECRET_KEY=%s\n' "$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')" > .env
    echo "run: created .env with a new SECRET_KEY" >&2
fi
swift build -c release --product migrator
swift build -c release --product user-auth-server
bin=$(swift build -c release --show-bin-path)
"$bin/migrator" up
exec "$bin/user-auth-server" "$@"
