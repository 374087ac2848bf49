#!/usr/bin/env bash
# Makes a throwaway certificate authority and certificates for the TLS tests, with the openssl
# command line, in DIR: ca.crt; server.crt/key (localhost, 127.0.0.1); renewed.crt/key (the
# same names, another serial, for rotation); wrong.crt/key (wrong.example only); client.crt/key
# (CN=certuser, for PostgreSQL client-certificate authentication). Keys are mode 0600.
# Usage: scripts/test-certificates.sh DIR
set -euo pipefail
dir=$1
mkdir -p "$dir"
cd "$dir"
quiet() { "$@" >/dev/null 2>&1 || { echo "test-certificates: $* failed" >&2; "$@"; exit 1; }; }

quiet openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 2 -subj "/CN=uas test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
issue() { # issue NAME CN SAN [EXTENDED-USAGE]
    quiet openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "/CN=$2"
    printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=%s\n%s\n' \
        "${4:-serverAuth}" "${3:+subjectAltName=$3}" > "$1.ext"
    quiet openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -set_serial "0x$(openssl rand -hex 8)" \
        -days 2 -out "$1.crt" -extfile "$1.ext"
    chmod 600 "$1.key"
    rm -f "$1.csr" "$1.ext"
}
issue server localhost "DNS:localhost,IP:127.0.0.1"
issue renewed localhost "DNS:localhost,IP:127.0.0.1"
issue wrong wrong.example "DNS:wrong.example"
issue client certuser "" clientAuth
