#!/usr/bin/env bash
# A throwaway PgBouncer (Debian's pgbouncer) in transaction pooling mode in front of the test
# PostgreSQL, with a fresh database of its own (PgBouncer passes no search_path, so the
# tests' per-schema isolation cannot reach through it). Clients need no password; PgBouncer
# logs in to PostgreSQL with the URL's user and password.
# Usage: scripts/test-pgbouncer.sh up DIR POSTGRES_URL DBNAME   (prints PgBouncer's port)
#        scripts/test-pgbouncer.sh down DIR POSTGRES_URL DBNAME
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres-cluster.sh
action=$1 dir=$2 url=$3 dbname=$4
bin=$(postgres_bin)

# host, port, user and password of the URL, decoded.
read -r host port user password < <(python3 -c '
import sys, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1])
print(u.hostname, u.port or 5432, urllib.parse.unquote(u.username or "postgres"), urllib.parse.unquote(u.password or ""))
' "$url")

case "$action" in
up)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    "$bin/psql" "$url" -qc "CREATE DATABASE $dbname" >/dev/null
    for attempt in 1 2 3 4 5; do
        listen=$(free_port)
        cat >"$dir/pgbouncer.ini" <<INI
[databases]
$dbname = host=$host port=$port user=$user password=$password dbname=$dbname
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $listen
unix_socket_dir =
auth_type = any
pool_mode = transaction
default_pool_size = 4
ignore_startup_parameters = extra_float_digits
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
        chmod 600 "$dir/pgbouncer.ini"
        [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/pgbouncer.ini"
        # PgBouncer refuses to run as root; -d forks once it listens.
        if as_cluster_owner /usr/sbin/pgbouncer -d "$dir/pgbouncer.ini" 2>>"$dir/start.log"; then
            for _ in $(seq 1 50); do
                (exec 3<>"/dev/tcp/127.0.0.1/$listen") 2>/dev/null && { echo "$listen"; exit 0; }
                sleep 0.1
            done
        fi
        [ -f "$dir/pgbouncer.pid" ] && kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true
    done
    cat "$dir/start.log" "$dir/pgbouncer.log" >&2 2>/dev/null || true
    exit 1
    ;;
down)
    [ -f "$dir/pgbouncer.pid" ] && kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true
    "$bin/psql" "$url" -qc "DROP DATABASE IF EXISTS $dbname WITH (FORCE)" >/dev/null || true
    rm -rf "$dir"
    ;;
*) echo "usage: $0 up|down DIR POSTGRES_URL DBNAME" >&2; exit 2 ;;
esac
