#!/usr/bin/env bash
# The test command: installs what is missing, starts a throwaway PostgreSQL, runs every
# test against SQLite and PostgreSQL, and stops the cluster even when tests fail; then checks
# docker-compose.yml against the Compose schema, rehearses the stack natively, and runs
# schemathesis against the live service.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh postgresql curl openssl iproute2 python3 python3-yaml python3-jsonschema python3-aiosmtpd
source scripts/postgres-cluster.sh
trap postgres_cluster_stop EXIT
postgres_cluster_start || { echo "test: could not start PostgreSQL; failing instead of skipping" >&2; exit 1; }

export TEST_POSTGRES_URL="$POSTGRES_URL"
export TEST_BACKEND_LOG
TEST_BACKEND_LOG=$(mktemp /tmp/uas-backends.XXXXXX)

status=0
swift test "$@" || status=$?

echo "Tests run per backend:"
sort "$TEST_BACKEND_LOG" | uniq -c | awk '{printf "  %-14s %s\n", $2, $1}'
if ! grep -qx postgres "$TEST_BACKEND_LOG"; then
    echo "test: no test ran against PostgreSQL" >&2
    status=1
fi
rm -f "$TEST_BACKEND_LOG"
postgres_cluster_stop

# Debian's python3, where python3-yaml and python3-jsonschema were installed.
/usr/bin/python3 Tests/compose/check_compose.py || status=1
scripts/rehearse-stack.sh || status=1
scripts/schemathesis.sh || status=1
exit $status
