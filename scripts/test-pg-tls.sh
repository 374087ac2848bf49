#!/usr/bin/env bash
# A throwaway PostgreSQL with ssl=on for the TLS tests, listening on 127.0.0.1 and 127.0.0.2
# with the certificates of scripts/test-certificates.sh. Only TLS connections are accepted:
# user postgres without a password, user certuser by client certificate (`hostssl ... cert`).
# Usage: scripts/test-pg-tls.sh up DIR CERTS   (prints the port)   |   down DIR
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres-cluster.sh
action=$1 dir=$2

case "$action" in
up)
    certs=$3 bin=$(postgres_bin)
    mkdir -p "$dir"
    cp "$certs/server.crt" "$certs/server.key" "$certs/ca.crt" "$dir/"
    chmod 600 "$dir/server.key"
    [ "$(id -u)" -eq 0 ] && chown -R postgres: "$dir"
    as_cluster_owner "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=reject -E UTF8 \
        --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    cat >"$dir/data/pg_hba.conf" <<HBA
local     all all                  trust
hostssl   all certuser 127.0.0.0/8 cert
hostssl   all postgres 127.0.0.0/8 trust
hostnossl all all      0.0.0.0/0   reject
HBA
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        if as_cluster_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 -o "-p $port -k $dir \
            -c listen_addresses=127.0.0.1,127.0.0.2 -c fsync=off -c ssl=on -c ssl_cert_file=$dir/server.crt \
            -c ssl_key_file=$dir/server.key -c ssl_ca_file=$dir/ca.crt" start >/dev/null; then
            # PostgreSQL starts even when it could bind only one of its addresses: check both.
            if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || ! (exec 3<>"/dev/tcp/127.0.0.2/$port") 2>/dev/null; then
                as_cluster_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
                continue
            fi
            as_cluster_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -qc "CREATE ROLE certuser LOGIN" postgres
            echo "$port"
            exit 0
        fi
    done
    cat "$dir/server.log" >&2
    exit 1
    ;;
down)
    bin=$(postgres_bin)
    [ -d "$dir/data" ] && as_cluster_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*) echo "usage: $0 up DIR CERTS | down DIR" >&2; exit 2 ;;
esac
