#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a free loopback port in a temporary directory.
# Source it: `source scripts/postgres-cluster.sh; postgres_cluster_start` sets POSTGRES_URL
# (a URL with a password that needs percent-encoding) and `postgres_cluster_stop` removes it all.
# As root the server runs as the `postgres` user, because initdb refuses to run as root.

postgres_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] || { echo "postgres-cluster: PostgreSQL server binaries not found" >&2; return 1; }
    echo "$dir"
}

free_port() {
    local port low
    # Below the kernel's ephemeral range: a port that some outgoing connection holds as its
    # local port looks free to the check below, yet a server then cannot bind it.
    low=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
    while true; do
        port=$((10000 + RANDOM % (low - 10000)))
        # A refused connection means nothing listens there.
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

percent_encode() {
    local text=$1 out="" char i
    for ((i = 0; i < ${#text}; i++)); do
        char=${text:i:1}
        case "$char" in
            [A-Za-z0-9._~-]) out+="$char" ;;
            *) out+=$(printf '%%%02X' "'$char") ;;
        esac
    done
    echo "$out"
}

as_cluster_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_cluster_start() {
    local bin port password encoded
    bin=$(postgres_bin) || return 1
    PG_CLUSTER_DIR=$(mktemp -d /tmp/uas-postgres.XXXXXX)
    [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_CLUSTER_DIR"
    password="p@ss:w/rd%$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    printf '%s\n' "$password" > "$PG_CLUSTER_DIR/pwfile"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_CLUSTER_DIR/pwfile"
    as_cluster_owner "$bin/initdb" -D "$PG_CLUSTER_DIR/data" -U postgres --pwfile="$PG_CLUSTER_DIR/pwfile" \
        --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PG_CLUSTER_DIR/initdb.log" 2>&1 \
        || { cat "$PG_CLUSTER_DIR/initdb.log" >&2; return 1; }
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        PG_CLUSTER_OPTIONS="-p $port -k $PG_CLUSTER_DIR -c listen_addresses=127.0.0.1 -c max_connections=500 -c fsync=off"
        if postgres_server start; then
            encoded=$(percent_encode "$password")
            PG_CLUSTER_PORT=$port
            POSTGRES_URL="postgresql://postgres:${encoded}@127.0.0.1:${port}/postgres"
            export PG_CLUSTER_DIR PG_CLUSTER_PORT POSTGRES_URL
            echo "postgres-cluster: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
            return 0
        fi
    done
    cat "$PG_CLUSTER_DIR/server.log" >&2
    return 1
}

# postgres_server start|stop: the server alone, keeping the cluster (to rehearse an outage).
postgres_server() {
    local bin
    bin=$(postgres_bin) || return 1
    case "$1" in
        start) as_cluster_owner "$bin/pg_ctl" -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/server.log" -w -t 30 \
            -o "$PG_CLUSTER_OPTIONS" start >/dev/null ;;
        stop) as_cluster_owner "$bin/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m fast -w stop >/dev/null ;;
    esac
}

postgres_cluster_stop() {
    [ -n "${PG_CLUSTER_DIR:-}" ] || return 0
    local bin
    bin=$(postgres_bin) && as_cluster_owner "$bin/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$PG_CLUSTER_DIR"
    unset PG_CLUSTER_DIR
}
