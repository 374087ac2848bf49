#!/usr/bin/env bash
# The test command: installs what is missing, starts a throwaway PostgreSQL, runs every
# test against SQLite and PostgreSQL, and stops the cluster even when tests fail; then checks
# docker-compose.yml against the Compose schema, rehearses the stack natively, and runs
# schemathesis against the live service.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh postgresql pgbouncer curl openssl iproute2 python3 python3-yaml python3-jsonschema python3-aiosmtpd
source scripts/postgres-cluster.sh
trap postgres_cluster_stop EXIT
postgres_cluster_start || { echo "test: could not start PostgreSQL; failing instead of skipping" >&2; exit 1; }

export TEST_POSTGRES_URL="$POSTGRES_URL"
export TEST_BACKEND_LOG
TEST_BACKEND_LOG=$(mktemp /tmp/uas-backends.XXXXXX)

# Tests run with a watchdog: a run still going after TEST_HANG_SECONDS (480; the whole run takes
# about one) has hung. It is reported (unfinished tests, processes, thread stacks) and stopped,
# so a hang fails in minutes instead of holding CI until its own limit.
run_tests() {
    local log pid watchdog status=0
    log=$(mktemp /tmp/uas-test-output.XXXXXX)
    # Line-buffered: a pipe would otherwise hold the last few kilobytes of a hung run back.
    setsid stdbuf -oL -eL swift test --skip-build "$@" > >(tee "$log") 2>&1 &
    pid=$!
    # SIGKILL to the whole session: the test binary runs in a process group of its own, and
    # ignores SIGTERM while a service group in it traps the signal.
    setsid bash -c 'sleep "$1"; scripts/test-hang-report.sh "$2" "$3"; pkill -KILL -s "$3"' \
        watchdog "${TEST_HANG_SECONDS:-480}" "$log" "$pid" 2>&1 &
    watchdog=$!
    wait "$pid" || status=$?
    kill -- "-$watchdog" 2>/dev/null || true
    rm -f "$log"
    return "$status"
}

status=0
swift build --build-tests || exit 1
run_tests "$@" || status=$?

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
# Each takes a minute or two; ten is a hang, and fails instead of holding CI.
timeout -k 30 600 scripts/rehearse-stack.sh || { echo "test: the stack rehearsal failed or hung ($?)" >&2; status=1; }
timeout -k 30 600 scripts/schemathesis.sh || { echo "test: schemathesis failed or hung ($?)" >&2; status=1; }
exit $status
