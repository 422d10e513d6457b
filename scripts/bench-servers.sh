#!/usr/bin/env bash
# One and two release servers over one PostgreSQL database (a throwaway one,
# see scripts/with-postgres.sh): wrk calls the Contacts list server function
# with 32 connections for 20 s, first all on server A, then 16 on A and 16 on
# B at the same time. Prints requests/s, p99 and errors of each; results
# also go to target/bench-servers.txt.
# Usage: scripts/bench-servers.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${CONTACTS_TEST_POSTGRES:-}" ]; then
  exec scripts/with-postgres.sh "$0" "$@"
fi

source scripts/lib/wrk.sh
need_wrk
source scripts/lib/server.sh
build=true
if [ "${1:-}" = "--no-build" ]; then build=false; fi
release_site "$build"
work=$(mktemp -d)
password="bench-$RANDOM-$RANDOM"
trap 'stop_servers; rm -rf "$work"' EXIT
a=$(free_port)
start_server "$a" "$CONTACTS_TEST_POSTGRES" "$password" "$work/server-a.log"
b=$(free_port)
start_server "$b" "$CONTACTS_TEST_POSTGRES" "$password" "$work/server-b.log"
# Sessions live in the database: one sign-in serves both servers.
cookie=$(sign_in "http://127.0.0.1:$a" manager@demo.test "$password" "$work/jar")
write_request_lua "$work/request.lua"

# load PORT CONNECTIONS: wrk's report of the list server function.
load() {
  METHOD=POST BODY='{"request":{}}' COOKIE=$cookie ORIGIN="http://127.0.0.1:$1" \
    wrk -t1 -c"$2" -d20s --latency -s "$work/request.lua" "http://127.0.0.1:$1/api/contacts_list"
}
field() { echo "$1" | awk "$2"; }
rps='/Requests\/sec/ { printf "%.0f", $2 }'
p99='$1 == "99%" { print $2 }'

out=target/bench-servers.txt
mkdir -p target
{
  echo "# bench-servers $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, PostgreSQL $(psql --version | awk '{ print $3 }'), POST contacts_list, 32 connections, 20 s"
  one=$(load "$a" 32)
  printf 'one server:  %6s req/s, p99 %s, %s errors\n' "$(field "$one" "$rps")" "$(field "$one" "$p99")" "$(wrk_errors "$one")"
  load "$a" 16 >"$work/a.txt" &
  first=$!
  load "$b" 16 >"$work/b.txt"
  wait "$first"
  ra=$(cat "$work/a.txt")
  rb=$(cat "$work/b.txt")
  printf 'two servers: %6s req/s (A %s + B %s), p99 A %s, B %s, %s errors\n' \
    "$(( $(field "$ra" "$rps") + $(field "$rb" "$rps") ))" "$(field "$ra" "$rps")" "$(field "$rb" "$rps")" \
    "$(field "$ra" "$p99")" "$(field "$rb" "$p99")" "$(( $(wrk_errors "$ra") + $(wrk_errors "$rb") ))"
} | tee "$out"
