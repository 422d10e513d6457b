#!/usr/bin/env bash
# Load of many signed-in clients on the release server: starts it on a free
# port with a fresh demo database (or over a PostgreSQL database), signs in
# every client with a session of its own, and for the given time keeps one
# Inbox event stream open per client while each loops through the Contacts
# table, a contact's drawer, the conversation list and a conversation, and
# incoming messages arrive on the demo channels. Prints requests, req/s,
# p50, p99 and errors per endpoint and overall, and the event streams that
# stayed open with the events they received; the same goes to
# target/load.txt. Exits non-zero when any request or event stream failed.
#
# Usage: scripts/load.sh [--no-build] [--database URL] [--clients N]
#                        [--seconds S] [--pause-ms MS] [--ingress-per-second R]
#   --no-build            use the release build that is there (target/release/server)
#   --database URL        an empty PostgreSQL database to seed the demo into
#                         (default: a new SQLite file)
#   --clients N           signed-in clients (default 200)
#   --seconds S           how long the load runs (default 60)
#   --pause-ms MS         mean pause of a client between two calls, 0 for none
#                         (default 1000; each pause is 0.5 to 1.5 times it)
#   --ingress-per-second R  incoming messages posted per second (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
database=""
clients=200
seconds=60
pause_ms=1000
ingress=2
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=false ;;
    --database) database="$2"; shift ;;
    --clients) clients="$2"; shift ;;
    --seconds) seconds="$2"; shift ;;
    --pause-ms) pause_ms="$2"; shift ;;
    --ingress-per-second) ingress="$2"; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

source scripts/lib/server.sh
release_site "$build"
work=$(mktemp -d)
port=$(free_port)
base="http://127.0.0.1:$port"
password="load-$RANDOM-$RANDOM"
trap 'stop_servers; rm -rf "$work"' EXIT
# Every client holds a connection for its event stream and one for its calls.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
start_server "$port" "${database:-sqlite://$work/contacts.db}" "$password" "$work/server.log"

mkdir -p target
status=0
node scripts/load.mjs --base "$base" --password "$password" --clients "$clients" \
  --seconds "$seconds" --pause-ms "$pause_ms" --ingress-per-second "$ingress" \
  --server-pid "${server_pids[0]}" --out target/load.txt || status=$?
if [ "$status" -ne 0 ] && grep -qiE 'error|panic' "$work/server.log"; then
  echo "server log (errors):" >&2
  grep -iE 'error|panic' "$work/server.log" | tail -n 20 >&2
fi
exit "$status"
