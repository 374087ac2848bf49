#!/usr/bin/env bash
# Measures the release build on this machine with wrk over loopback (wrk shares the cores
# with the server: compare runs made on one machine, in one run, not across machines) and
# prints a table of req/s, p50, p99 and non-2xx per scenario, the goals of issue 15 as ratios
# with "holds" or "falls short", the measured hash time and hashing limit, and RSS:
#   health            GET /health, the HTTP stack alone (64 connections)
#   me                GET /users/me, token check + one indexed read (64 connections)
#   login             POST /users/login (64 connections): successful logins/s vs the limit
#   me-32             GET /users/me with 32 connections: the idle figure for the flood ratios
#   me-during-flood   GET /users/me (32) while 32 connections flood login
#   the-flood         those 32 connections' logins
#   burst-login       64 simultaneous logins of one user: every answer counted
#   burst-register    30 simultaneous registrations of one username
# Throttling is off (RATE_LIMITS_ENABLED=false), as for any load test from one address.
# Usage: scripts/bench.sh [--postgres] [--json FILE]   (DURATION=10s by default)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${DURATION:-10s}
POSTGRES=false JSON=""
while [ $# -gt 0 ]; do
    case "$1" in
        --postgres) POSTGRES=true ;;
        --json) JSON=$(realpath -m "$2"); shift ;;
        *) echo "usage: $0 [--postgres] [--json FILE]" >&2; exit 2 ;;
    esac
    shift
done

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
if $POSTGRES; then
    postgres_cluster_start
    export DATABASE_URL=$POSTGRES_URL
fi
export DATABASE_URL=${DATABASE_URL:-sqlite:///$WORK/bench.db} LOG_LEVEL=${LOG_LEVEL:-warning} PORT RATE_LIMITS_ENABLED=false
PORT=$(free_port)
"$BIN/migrator" up >/dev/null
"$BIN/user-auth-server" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; $POSTGRES && postgres_cluster_stop; rm -rf "$WORK"' EXIT
until PORT=$PORT "$BIN/user-auth-server" --check-health 2>/dev/null; do sleep 0.2; done
rss() { echo $(($(ps -o rss= -p $SERVER) / 1024)); }
RSS_IDLE=$(rss)

URL="http://127.0.0.1:$PORT"
curl -s -o /dev/null -X POST "$URL/users/register" -H 'Content-Type: application/json' \
    -d '{"username":"bench","email":"bench@example.com","password":"benchmark password"}'
TOKEN=$(curl -s -X POST "$URL/users/login" -H 'Content-Type: application/json' \
    -d '{"username":"bench","password":"benchmark password"}' | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
cat >login.lua <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"username":"bench","password":"benchmark password"}'
LUA

# wrk's figures as "req/s p50_ms p99_ms non2xx requests"
measure() {
    wrk --latency "$@" | awk '
        /Requests\/sec/ {rps=$2}
        /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
        /Non-2xx/ {bad=$NF}
        /requests in/ {n=$1}
        function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
        END {printf "%.0f %.2f %.2f %d %d\n", rps, ms(p50), ms(p99), bad+0, n}'
}
declare -A R
row() { R[$1]=$2; read -r rps p50 p99 bad n <<<"$2"; printf "%-18s %10s %10s %10s %8s\n" "$1" "$rps" "$p50" "$p99" "$bad"; }
printf "%-18s %10s %10s %10s %8s\n" scenario "req/s" "p50 ms" "p99 ms" "non-2xx"
row health "$(measure -t2 -c64 -d"$DURATION" "$URL/health")"
row me "$(measure -t2 -c64 -d"$DURATION" -H "Authorization: Bearer $TOKEN" "$URL/users/me")"
# The idle figure the flood is compared with: the same wrk shape as during the flood, so the
# ratio shows what the flood costs, not what halving the connections costs; and before any
# login, so that no hash still queued from the login scenario runs beside it.
row me-32 "$(measure -t1 -c32 -d"$DURATION" -H "Authorization: Bearer $TOKEN" "$URL/users/me")"
row login "$(measure -t2 -c64 -d"$DURATION" -s login.lua "$URL/users/login")"
measure -t1 -c32 -d"$DURATION" -s login.lua "$URL/users/login" >flood.out &
FLOOD=$!
row me-during-flood "$(measure -t1 -c32 -d"$DURATION" -H "Authorization: Bearer $TOKEN" "$URL/users/me")"
wait $FLOOD
row the-flood "$(cat flood.out)"

# The hash time as the server measures it (password_hash_duration_seconds), over ten logins
# one at a time; the hashing limit is threads / hash time.
hash_totals() { curl -s "$URL/metrics" | awk '/^password_hash_duration_seconds_sum/ {s=$2} /^password_hash_duration_seconds_count/ {c=$2} END {print s, c}'; }
read -r SUM0 COUNT0 <<<"$(hash_totals)"
for _ in $(seq 1 10); do
    curl -s -o /dev/null -X POST "$URL/users/login" -H 'Content-Type: application/json' -d '{"username":"bench","password":"benchmark password"}'
done
read -r SUM1 COUNT1 <<<"$(hash_totals)"
HASH_MS=$(awk -v s0="$SUM0" -v s1="$SUM1" -v c0="$COUNT0" -v c1="$COUNT1" 'BEGIN {printf "%.1f", 1000 * (s1 - s0) / (c1 - c0)}')
THREADS=${PASSWORD_HASH_THREADS:-$(nproc)}
LIMIT=$(awk -v t="$THREADS" -v h="$HASH_MS" 'BEGIN {printf "%.1f", t*1000/h}')

burst() { # burst N PATH BODY-FUNCTION: N requests at once; prints the status counts
    for i in $(seq 1 "$1"); do
        curl -s -o /dev/null -w '%{http_code}\n' -X POST "$URL$2" -H 'Content-Type: application/json' -d "$($3 "$i")" &
    done | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}'
    wait
}
login_body() { echo '{"username":"bench","password":"benchmark password"}'; }
register_body() { echo "{\"username\":\"burst\",\"email\":\"burst$1@example.com\",\"password\":\"benchmark password\"}"; }
BURST_LOGIN=$(burst 64 /users/login login_body)
BURST_REGISTER=$(burst 30 /users/register register_body)
RSS_AFTER=$(rss)
echo "burst of 64 logins:        $BURST_LOGIN"
echo "burst of 30 registrations: $BURST_REGISTER"
echo "hash time ${HASH_MS} ms, ${THREADS} threads: hashing limit ${LIMIT} logins/s; RSS ${RSS_IDLE} MiB idle, ${RSS_AFTER} MiB after"

field() { echo "${R[$1]}" | awk -v i="$2" '{print $i}'; }
verdict() { awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN {ok = (op == ">=") ? a >= b : a <= b; print ok ? "holds" : "falls short"}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
GOAL_ME=$($POSTGRES && echo 0.35 || echo 0.50)
LOGINS_OK=$(awk -v r="$(field login 1)" -v bad="$(field login 4)" -v n="$(field login 5)" 'BEGIN {printf "%.1f", (n > 0) ? r * (n - bad) / n : 0}')
checks=(
    "me / health req/s|$(ratio "$(field me 1)" "$(field health 1)")|>=|$GOAL_ME"
    "me p99 / health p99|$(ratio "$(field me 3)" "$(field health 3)")|<=|2"
    "me during flood / idle req/s|$(ratio "$(field me-during-flood 1)" "$(field me-32 1)")|>=|0.70"
    "me during flood / idle p99|$(ratio "$(field me-during-flood 3)" "$(field me-32 3)")|<=|2"
    "successful logins / limit|$(ratio "$LOGINS_OK" "$LIMIT")|>=|0.85"
    "RSS idle MiB|$RSS_IDLE|<=|64"
    "RSS after MiB|$RSS_AFTER|<=|200"
)
printf "\n%-30s %8s %8s  %s\n" ratio value goal verdict
for check in "${checks[@]}"; do
    IFS='|' read -r name value op goal <<<"$check"
    printf "%-30s %8s %2s%6s  %s\n" "$name" "$value" "$op" "$goal" "$(verdict "$value" "$op" "$goal")"
done
for outcome in "$BURST_LOGIN" "$BURST_REGISTER"; do
    case "$outcome" in *503*) echo "burst: a 503 for an ordinary burst: falls short" ;; *) echo "burst: no 503: holds" ;; esac
done

if [ -n "$JSON" ]; then
    {
        printf '{"backend":"%s","date":"%s","cores":%s,"duration":"%s","scenarios":{' "$($POSTGRES && echo postgres || echo sqlite)" "$(date -u +%FT%TZ)" "$THREADS" "$DURATION"
        first=true
        for name in health me login me-32 me-during-flood the-flood; do
            read -r rps p50 p99 bad n <<<"${R[$name]}"
            $first || printf ','; first=false
            printf '"%s":{"rps":%s,"p50_ms":%s,"p99_ms":%s,"non_2xx":%s}' "$name" "$rps" "$p50" "$p99" "$bad"
        done
        printf '},"bursts":{"login64":"%s","register30":"%s"},"hash_ms":%s,"hash_limit_per_s":%s,"rss_idle_mib":%s,"rss_after_mib":%s,"ratios":[' \
            "$BURST_LOGIN" "$BURST_REGISTER" "$HASH_MS" "$LIMIT" "$RSS_IDLE" "$RSS_AFTER"
        first=true
        for check in "${checks[@]}"; do
            IFS='|' read -r name value op goal <<<"$check"
            $first || printf ','; first=false
            printf '{"name":"%s","value":%s,"goal":"%s %s","verdict":"%s"}' "$name" "$value" "$op" "$goal" "$(verdict "$value" "$op" "$goal")"
        done
        printf ']}\n'
    } >"$JSON"
    echo "wrote $JSON"
fi
