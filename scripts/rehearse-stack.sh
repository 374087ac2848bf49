#!/usr/bin/env bash
# Rehearses the docker-compose stack without Docker: a throwaway PostgreSQL plays `db`, the
# `migrate` command is read from docker-compose.yml and run as it is (twice at once), two
# App replicas serve the same database, and curl drives register -> login -> me -> update ->
# delete across them. Debian's aiosmtpd plays `mailpit`: the app's SMTP_URL is read from
# docker-compose.yml with only the host changed, and a password reset is done from the mail.
# SIGTERM under load must lose no acknowledged request. Then `migrator down --all`, and the
# same again on SQLite by changing only DATABASE_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

scripts/install-deps.sh postgresql curl python3 python3-yaml python3-aiosmtpd
swift build >/dev/null
BIN=$(swift build --show-bin-path)
export PATH="$BIN:$PATH"
source scripts/postgres-cluster.sh

WORK=$(mktemp -d /tmp/uas-rehearsal.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    postgres_cluster_stop
    rm -rf "$WORK"
}
trap cleanup EXIT
cp -r sql "$WORK/sql"
cp -r templates "$WORK/templates"
mkdir -p "$WORK/data"
cd "$WORK"

passed=0 failed=0
check() { # check NAME COMMAND...: runs COMMAND and counts the outcome
    local name=$1; shift
    if "$@"; then passed=$((passed + 1)); echo "ok    $name"; else failed=$((failed + 1)); echo "FAIL  $name"; fi
}
status_is() { [ "$1" = "$2" ]; }

# The migrate service's command, exactly as docker-compose.yml gives it.
mapfile -d '' MIGRATE_COMMAND < <(/usr/bin/python3 -c '
import sys, yaml
for part in yaml.safe_load(open(sys.argv[1]))["services"]["migrate"]["command"]:
    sys.stdout.write(part + "\0")' "$ROOT/docker-compose.yml")

# Mailpit's stand-in: an SMTP sink printing one JSON line per message.
/usr/bin/python3 "$ROOT/Tests/smtp/smtp_sink.py" >"$WORK/mail.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 40); do grep -q '"listening"' "$WORK/mail.log" && break; sleep 0.25; done
SINK_PORT=$(sed -n 's/.*"listening", "port": \([0-9]*\).*/\1/p' "$WORK/mail.log")
export SMTP_URL PUBLIC_URL=http://localhost:8000
SMTP_URL=$(/usr/bin/python3 -c '
import re, sys, yaml
value = yaml.safe_load(open(sys.argv[1]))["services"]["app"]["environment"]["SMTP_URL"]
print(re.sub(r"^\$\{SMTP_URL:-(.*)\}$", r"\1", value).replace("mailpit:1025", "127.0.0.1:" + sys.argv[2]))' "$ROOT/docker-compose.yml" "$SINK_PORT")

mail_to() { # mail_to ADDRESS SUBJECT: waits for that mail and prints its link's token
    local line
    for _ in $(seq 1 40); do
        line=$(grep '"event": "message"' "$WORK/mail.log" | grep "\"$1\"" | grep "\"subject\": \"$2\"" | tail -1 || true)
        [ -n "$line" ] && break
        sleep 0.25
    done
    echo "$line" | sed -n 's/.*?token=\([A-Za-z0-9_-]*\).*/\1/p' | head -1
}

export SECRET_KEY
SECRET_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')

http() { # http METHOD PORT PATH [TOKEN] [JSON] -> prints status, body in $WORK/body
    local args=(-s -o "$WORK/body" -w '%{http_code}' -X "$1" "http://127.0.0.1:$2$3")
    [ -n "${4:-}" ] && args+=(-H "Authorization: Bearer $4")
    [ -n "${5:-}" ] && args+=(-H 'Content-Type: application/json' -d "$5")
    curl "${args[@]}" || echo 000
}
token_from_body() { sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' "$WORK/body"; }

start_replica() { # start_replica -> port in REPLICA_PORT, pid in REPLICA_PID
    # A free port can be taken by someone else before the server binds it (another test run
    # on the machine, the other replica): then try another one.
    local attempt port
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        [ "$port" = "${REPLICA_PORT:-}" ] && continue
        PORT=$port HOST=127.0.0.1 user-auth-server >"$WORK/app-$port.log" 2>&1 &
        REPLICA_PID=$!
        for _ in $(seq 1 60); do
            # Our own server's word that it listens: a health check alone could be answered
            # by whoever else holds the port.
            if grep -q "Server started and listening" "$WORK/app-$port.log" && PORT=$port user-auth-server --check-health; then
                PIDS+=("$REPLICA_PID")
                REPLICA_PORT=$port
                return 0
            fi
            kill -0 "$REPLICA_PID" 2>/dev/null || break
            sleep 0.5
        done
        kill -0 "$REPLICA_PID" 2>/dev/null && { cat "$WORK/app-$port.log" >&2; kill -9 "$REPLICA_PID"; return 1; }
        grep -q "Address already in use" "$WORK/app-$port.log" || { cat "$WORK/app-$port.log" >&2; return 1; }
    done
    echo "rehearsal: no free port after 5 attempts" >&2
    return 1
}

rehearse() { # rehearse LABEL: runs the whole sequence against $DATABASE_URL
    local label=$1 a b pid_a pid_b token token_b status
    echo "--- $label"
    "${MIGRATE_COMMAND[@]}" >"$WORK/migrate1.log" 2>&1 & local m1=$!
    "${MIGRATE_COMMAND[@]}" >"$WORK/migrate2.log" 2>&1 & local m2=$!
    local r1=0 r2=0; wait $m1 || r1=$?; wait $m2 || r2=$?
    check "$label: two migrate runs at once both succeed" status_is "$r1$r2" "00"
    local versions applied
    versions=$(ls sql/postgres/*.up.sql | wc -l)
    applied=$(cat "$WORK/migrate1.log" "$WORK/migrate2.log" | grep -c '^applied ' || true)
    check "$label: each migration applied exactly once ($applied of $versions)" status_is "$applied" "$versions"
    check "$label: migrator status says current" migrator status --exit-code

    start_replica; a=$REPLICA_PORT; pid_a=$REPLICA_PID
    start_replica; b=$REPLICA_PORT; pid_b=$REPLICA_PID
    check "$label: both replicas pass the container health check" true

    # One replica, the whole flow.
    check "$label: register" status_is "$(http POST "$a" /users/register "" '{"username":"solo","email":"solo@example.com","password":"correct horse battery"}')" 201
    check "$label: login" status_is "$(http POST "$a" /users/login "" '{"username":"solo","password":"correct horse battery"}')" 200
    token=$(token_from_body)
    check "$label: me" status_is "$(http GET "$a" /users/me "$token")" 200
    check "$label: update" status_is "$(http PUT "$a" /users/me "$token" '{"email":"solo2@example.com"}')" 200
    check "$label: delete" status_is "$(http DELETE "$a" /users/me "$token")" 200
    check "$label: deleted user's token refused" status_is "$(http GET "$a" /users/me "$token")" 401

    # Mail through the stack's mail catcher: verification on register, then a password reset.
    http POST "$a" /users/register "" "{\"username\":\"mail-$label\",\"email\":\"mail-$label@example.com\",\"password\":\"correct horse battery\"}" >/dev/null
    local verify reset
    verify=$(mail_to "mail-$label@example.com" "Confirm your email address")
    check "$label: the verification mail reaches the catcher" test -n "$verify"
    check "$label: its link verifies the address" status_is "$(http POST "$b" /users/email/verify "" "{\"token\":\"$verify\"}")" 200
    check "$label: forgot password answers 202" status_is "$(http POST "$b" /users/password/forgot "" "{\"email\":\"mail-$label@example.com\"}")" 202
    reset=$(mail_to "mail-$label@example.com" "Reset your password")
    check "$label: the reset mail reaches the catcher" test -n "$reset"
    check "$label: its link sets a new password" status_is "$(http POST "$a" /users/password/reset "" "{\"token\":\"$reset\",\"new_password\":\"a brand new secret\"}")" 200
    check "$label: the new password logs in" status_is "$(http POST "$b" /users/login "" "{\"username\":\"mail-$label\",\"password\":\"a brand new secret\"}")" 200

    # Two replicas behave as one service.
    http POST "$a" /users/register "" '{"username":"duo","email":"duo@example.com","password":"correct horse battery"}' >/dev/null
    http POST "$b" /users/login "" '{"username":"duo","password":"correct horse battery"}' >/dev/null
    token=$(token_from_body)
    check "$label: token from replica B works on A" status_is "$(http GET "$a" /users/me "$token")" 200
    check "$label: password change on B" status_is "$(http PUT "$b" /users/me "$token" '{"password":"another fine secret"}')" 200
    check "$label: ...voids the old token on A at once" status_is "$(http GET "$a" /users/me "$token")" 401
    check "$label: new password logs in on A" status_is "$(http POST "$a" /users/login "" '{"username":"duo","password":"another fine secret"}')" 200
    token_b=$(token_from_body)
    check "$label: delete on B" status_is "$(http DELETE "$b" /users/me "$token_b")" 200
    check "$label: ...and A refuses the token at once" status_is "$(http GET "$a" /users/me "$token_b")" 401
    http GET "$a" /metrics >/dev/null
    check "$label: /metrics counts requests and logins" grep -q 'login_attempts_total{result="success"}' "$WORK/body"
    check "$label: /metrics shows the outbox" grep -q '^mail_outbox_depth ' "$WORK/body"

    if [ "$label" = postgres ]; then
        # The database goes away and comes back: 503 with Retry-After meanwhile, then by itself fine again.
        http POST "$a" /users/register "" '{"username":"outage","email":"outage@example.com","password":"correct horse battery"}' >/dev/null
        http POST "$a" /users/login "" '{"username":"outage","password":"correct horse battery"}' >/dev/null
        token=$(token_from_body)
        postgres_server stop
        local started=$SECONDS
        check "$label: database down: /users/me answers 503" status_is "$(http GET "$a" /users/me "$token")" 503
        check "$label: database down: /ready answers 503" status_is "$(http GET "$b" /ready)" 503
        check "$label: database down: answers come fast" test $((SECONDS - started)) -lt 8
        postgres_server start
        local ready=000
        for _ in $(seq 1 30); do ready=$(http GET "$a" /ready); [ "$ready" = 200 ] && break; sleep 0.5; done
        check "$label: database back: ready again without a restart" status_is "$ready" 200
        check "$label: database back: /users/me works on both replicas" status_is "$(http GET "$a" /users/me "$token")$(http GET "$b" /users/me "$token")" 200200
    fi

    # SIGTERM under load: every acknowledged registration must be there afterwards.
    : >"$WORK/load"
    seq 1 60 | xargs -P 6 -I{} sh -c "code=\$(curl -s -o /dev/null -w '%{http_code}' -X POST http://127.0.0.1:$a/users/register -H 'Content-Type: application/json' -d '{\"username\":\"load{}\",\"email\":\"load{}@example.com\",\"password\":\"correct horse battery\"}' || true); echo \"{} \$code\" >>'$WORK/load'" &
    local load=$!
    sleep 0.5
    kill -TERM "$pid_a"
    status=0; wait "$pid_a" || status=$?
    wait "$load" || true
    check "$label: replica A exits 0 after SIGTERM" status_is "$status" 0
    local acknowledged lost=0
    acknowledged=$(awk '$2 == 201 {print $1}' "$WORK/load")
    for n in $acknowledged; do
        [ "$(http POST "$b" /users/login "" "{\"username\":\"load$n\",\"password\":\"correct horse battery\"}")" = 200 ] || lost=$((lost + 1))
    done
    echo "      $(echo "$acknowledged" | grep -c . || true) registrations acknowledged before shutdown"
    check "$label: no acknowledged registration lost" status_is "$lost" 0
    kill -TERM "$pid_b"; wait "$pid_b" || true

    check "$label: migrator down --all" migrator down --all
    local pending=0; migrator status --exit-code >/dev/null || pending=$?
    check "$label: everything pending again" status_is "$pending" 2
}

postgres_cluster_start
export DATABASE_URL="$POSTGRES_URL"
rehearse postgres
export DATABASE_URL="sqlite:///$WORK/data/users.db"
rehearse sqlite

echo "rehearsal: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
