#!/usr/bin/env bash
# Runs schemathesis (PyPI, pinned, in a virtual environment this script makes) with every
# check against the live service on SQLite, authenticated as a registered user, with a fixed
# set of cases (deterministic generation). Exits non-zero on any failure of any check.
# Usage: scripts/schemathesis.sh   (after `swift build`)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VERSION=4.32.5
VENV=${SCHEMATHESIS_VENV:-/tmp/uas-schemathesis-$VERSION}

scripts/install-deps.sh python3-venv curl
if [ ! -x "$VENV/bin/schemathesis" ]; then
    /usr/bin/python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "schemathesis==$VERSION"
fi
source scripts/postgres-cluster.sh # for free_port
BIN=$(swift build --show-bin-path)
PORT=$(free_port)
WORK=$(mktemp -d /tmp/uas-schemathesis.XXXXXX)
SECRET_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n') DATABASE_URL=sqlite:// AUTO_MIGRATE=true PORT=$PORT \
    RATE_LIMITS_ENABLED=false LOG_LEVEL=warning TEMPLATES_DIR="$ROOT/templates" MIGRATIONS_DIR="$ROOT/sql" \
    "$BIN/user-auth-server" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || { echo "schemathesis: the service did not start" >&2; cat "$WORK/server.log" >&2; exit 1; }
echo "schemathesis: $("$VENV/bin/schemathesis" --version) against 127.0.0.1:$PORT" >&2

curl -sf -o /dev/null -H 'Content-Type: application/json' \
    -d '{"username":"schemathesis","email":"schemathesis@example.com","password":"correct horse battery"}' \
    "http://127.0.0.1:$PORT/users/register"
TOKEN=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"schemathesis","password":"correct horse battery"}' \
    "http://127.0.0.1:$PORT/users/login" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')

"$VENV/bin/schemathesis" --config-file "$ROOT/Tests/schemathesis/schemathesis.toml" run "http://127.0.0.1:$PORT/openapi.json" \
    --checks all --generation-deterministic --max-examples "${SCHEMATHESIS_EXAMPLES:-25}" \
    -H "Authorization: Bearer $TOKEN" --no-color
