#!/usr/bin/env bash
# Measures the release build on this machine with wrk over loopback, 10 s each:
#   GET /users/me      token check + one indexed read, the hot path
#   GET /health        the HTTP stack alone
#   POST /users/login  argon2id verification (bounded by the hasher: 429/503 only past its wait budget)
#   mixed              /users/me while logins flood, to show token checks do not wait on hashing
#   fair hasher        one address (127.0.0.1) floods login while another (127.0.0.2) logs in:
#                      the other's success rate and latency
# and the server's resident memory afterwards. Throttling is off (RATE_LIMITS_ENABLED=false),
# as for any load test: every request here comes from one or two addresses. SQLite by default; set DATABASE_URL (and have
# its schema migrated) for PostgreSQL. wrk shares the cores with the server: compare runs made
# on the same machine, not with other machines.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${DURATION:-10s}

scripts/install-deps.sh wrk curl
swift build -c release --product migrator >/dev/null
swift build -c release --product user-auth-server >/dev/null
BIN=$(swift build -c release --show-bin-path)
source scripts/postgres-cluster.sh

WORK=$(mktemp -d /tmp/uas-bench.XXXXXX)
cp -r sql "$WORK/sql"
cp -r templates "$WORK/templates"
cd "$WORK"
export SECRET_KEY
SECRET_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
export DATABASE_URL=${DATABASE_URL:-sqlite:///$WORK/bench.db} LOG_LEVEL=${LOG_LEVEL:-warning} PORT RATE_LIMITS_ENABLED=false
PORT=$(free_port)
"$BIN/migrator" up >/dev/null
"$BIN/user-auth-server" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
until PORT=$PORT "$BIN/user-auth-server" --check-health; do sleep 0.2; done

URL="http://127.0.0.1:$PORT"
BODY='{"username":"bench","email":"bench@example.com","password":"benchmark password"}'
curl -s -o /dev/null -X POST "$URL/users/register" -H 'Content-Type: application/json' -d "$BODY"
TOKEN=$(curl -s -X POST "$URL/users/login" -H 'Content-Type: application/json' \
    -d '{"username":"bench","password":"benchmark password"}' | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
cat >login.lua <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"username":"bench","password":"benchmark password"}'
LUA

summary() { grep -E "Requests/sec|Latency|Non-2xx|requests in"; }
echo "== GET /users/me (32 connections)";   wrk -t2 -c32 -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$URL/users/me" | summary
echo "== GET /health (32 connections)";     wrk -t2 -c32 -d"$DURATION" "$URL/health" | summary
echo "== POST /users/login (8 connections)"; wrk -t2 -c8 -d"$DURATION" -s login.lua "$URL/users/login" | summary
echo "== GET /users/me during a login flood (16 + 32 connections)"
wrk -t1 -c32 -d"$DURATION" -s login.lua "$URL/users/login" >/dev/null &
FLOOD=$!
wrk -t1 -c16 -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$URL/users/me" | summary
wait $FLOOD
echo "== fair hasher: 127.0.0.2 logs in 20 times while 127.0.0.1 floods login (32 connections)"
wrk -t1 -c32 -d"$DURATION" -s login.lua "$URL/users/login" >/dev/null &
FLOOD=$!
sleep 1
ok=0; times=()
for _ in $(seq 1 20); do
    out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --interface 127.0.0.2 -X POST "$URL/users/login" \
        -H 'Content-Type: application/json' -d '{"username":"bench","password":"benchmark password"}')
    [ "${out%% *}" = 200 ] && ok=$((ok + 1))
    times+=("${out##* }")
done
wait $FLOOD
printf '%s\n' "${times[@]}" | sort -n | awk -v ok="$ok" '{t[NR]=$1; s+=$1} END {printf "    other client: %d/20 logged in, latency avg %.0f ms, p50 %.0f ms, max %.0f ms\n", ok, 1000*s/NR, 1000*t[int((NR+1)/2)], 1000*t[NR]}'
echo "== server resident memory: $(($(ps -o rss= -p $SERVER) / 1024)) MiB"
