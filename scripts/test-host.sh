#!/usr/bin/env bash
# Test hosts for the network tests (root, iproute2): a network namespace joined to this host
# by a veth pair on the 198.18.0.0/15 benchmarking range, PostgreSQL inside it, and a silent
# partition: a blackhole route inside the namespace for the way back, so packets vanish and
# nothing answers.
# Usage: scripts/test-host.sh up|partition|heal|down NAME INDEX
#   NAME   the namespace (at most 11 characters; the veth ends are NAMEh and NAMEn)
#   INDEX  1-250: this side is 198.18.INDEX.1, the namespace 198.18.INDEX.2 (PostgreSQL on 5432,
#          user postgres, trust authentication from 198.18.0.0/15)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres-cluster.sh
action=$1 name=$2 index=$3
here=198.18.$index.1 there=198.18.$index.2 dir=/tmp/uas-host-$name
in_ns() { ip netns exec "$name" "$@"; }

case "$action" in
up)
    [ "$(id -u)" -eq 0 ] || { echo "test-host: needs root (network namespaces)" >&2; exit 1; }
    command -v ip >/dev/null || { echo "test-host: needs ip from iproute2" >&2; exit 1; }
    bin=$(postgres_bin)
    ip netns add "$name"
    ip link add "${name}h" type veth peer name "${name}n"
    ip link set "${name}n" netns "$name"
    ip addr add "$here/30" dev "${name}h"
    ip link set "${name}h" up
    in_ns ip addr add "$there/30" dev "${name}n"
    in_ns ip link set "${name}n" up
    in_ns ip link set lo up
    mkdir -p "$dir" && chown postgres: "$dir"
    runuser -u postgres -- "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=reject \
        -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    echo "host all all 198.18.0.0/15 trust" >>"$dir/data/pg_hba.conf"
    in_ns runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-p 5432 -k $dir -c listen_addresses=$there -c fsync=off" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    ;;
partition) in_ns ip route add blackhole "$here/32" ;;
heal) in_ns ip route del blackhole "$here/32" ;;
down)
    if [ -d "$dir/data" ]; then
        bin=$(postgres_bin)
        in_ns runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    ip netns del "$name" 2>/dev/null || true
    ip link del "${name}h" 2>/dev/null || true
    rm -rf "$dir"
    ;;
*) echo "usage: $0 up|partition|heal|down NAME INDEX" >&2; exit 2 ;;
esac
