#!/usr/bin/env bash
# Runs the service on http://127.0.0.1:8000 with SQLite by default: installs what is missing,
# builds, migrates the database in DATABASE_URL, then serves.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build -c release --product migrator
swift build -c release --product user-auth-server
bin=$(swift build -c release --show-bin-path)
"$bin/migrator" up
exec "$bin/user-auth-server" "$@"
