#!/usr/bin/env bash
# Says what a test run that stopped moving was doing, so a hang in CI can be fixed from its
# log: the tests that started and never finished, the processes of the run, and the thread
# stacks of the test binary (gdb is installed for it if missing).
# Usage: scripts/test-hang-report.sh LOG SESSION   (LOG: swift test's output; SESSION: its sid)
set -uo pipefail
cd "$(dirname "$0")/.."
log=$1 session=$2

echo "=== hang report: tests started and not finished ==="
python3 - "$log" <<'PY'
import re, sys
started, ended = [], set()
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    if m := re.match(r'◇ Test (".*?"|\S+) started\.', line):
        started.append(m.group(1))
    elif m := re.match(r'[✔✘] Test (".*?"|\S+) ', line):
        ended.add(m.group(1))
for name in started:
    if name not in ended and name != "run":
        print("  still running:", name)
PY

echo "=== hang report: processes ==="
ps -eo pid,ppid,sid,etimes,stat,wchan:28,args --forest | awk -v sid="$session" 'NR == 1 || $3 == sid'

echo "=== hang report: thread stacks of the test binary ==="
binary=$(pgrep -s "$session" -f 'PackageTests\.xctest' | head -1)
if [ -n "$binary" ]; then
    scripts/install-deps.sh gdb >/dev/null 2>&1 || true
    timeout 120 gdb -p "$binary" -batch -ex 'thread apply all bt 16' 2>/dev/null \
        | grep -v '^\[New LWP' | sed -E 's/ \(.*\) at / at /' | cut -c1-200 | head -1500
fi
echo "=== end of hang report ==="
