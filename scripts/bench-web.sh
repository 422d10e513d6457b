#!/usr/bin/env bash
# Load benchmark of the release server: starts it on a free port with a
# fresh demo database, signs in, runs wrk against the sign-in page, the
# signed-in Contacts page and two server functions, then a soak of signed-in
# page renders, and prints requests/s, p50/p99 latency, server CPU time per
# request and the server's memory. Then one client calls contacts_list
# alone, beside the same page's storage call without HTTP, session or JSON
# (the bench binary on the same database). Results also go to
# target/bench-web.txt.
#
# The soak fails (exit 1) when the server's memory ends more than
# --max-growth percent above where it settled after the first 1,000 renders.
#
# Usage: scripts/bench-web.sh [--no-build] [--soak N] [--max-growth P] [--database URL]
#   --no-build      use the release build that is there (target/release/server)
#   --database URL  an empty database to run on (default: a new SQLite file);
#                   `scripts/with-postgres.sh scripts/bench-web.sh --database postgres`
#                   creates one on that throwaway PostgreSQL
#   --soak N        signed-in page renders in the soak (default 200000)
#   --max-growth P  allowed memory growth over the soak in percent (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
soak=200000
max_growth=10
database=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=false ;;
    --soak) soak="$2"; shift ;;
    --max-growth) max_growth="$2"; shift ;;
    --database) database="$2"; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

source scripts/lib/wrk.sh
need_wrk
source scripts/lib/server.sh
release_site "$build"
cargo build --release --quiet -p server --bin bench
work=$(mktemp -d)
case "$database" in
  "") database="sqlite://$work/contacts.db" ;;
  postgres)
    database="${CONTACTS_TEST_POSTGRES%/*}/bench_web_$$"
    psql -q "$CONTACTS_TEST_POSTGRES" -c "CREATE DATABASE bench_web_$$" ;;
esac
port=$(free_port)
base="http://127.0.0.1:$port"
password="bench-$RANDOM-$RANDOM"
trap 'stop_servers; rm -rf "$work"' EXIT
start_server "$port" "$database" "$password" "$work/server.log"
pid=${server_pids[0]}

cookie=$(sign_in "$base" manager@demo.test "$password" "$work/jar")
contact=$(curl -fs -H "Cookie: $cookie" -H "Origin: $base" -H "Content-Type: application/json" \
  -d '{"request":{}}' "$base/api/contacts_list" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).rows[0].id))')

write_request_lua "$work/request.lua"

ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"; }
# The resident memory split into heap and stacks (anonymous) and mapped
# files (the database file, read through mmap, and the binary).
rss_split() { awk '/RssAnon/ { a = $2 } /RssFile/ { f = $2 } END { printf "%.0f anon + %.0f file", a / 1024, f / 1024 }' "/proc/$pid/status"; }
out=target/bench-web.txt
mkdir -p target
{
  echo "# bench-web $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, ${database%%:*}, wrk -t2 -c32 -d20s on loopback"
  printf '%-28s %10s %9s %9s %12s %8s\n' "what" "req/s" "p50" "p99" "CPU/request" "errors"
} | tee "$out"

# run NAME PATH [METHOD BODY COOKIE]
run() {
  local name=$1 path=$2 method=${3:-GET} body=${4:-} with_cookie=${5:-}
  local before after report requests
  before=$(cpu_ticks)
  report=$(METHOD=$method BODY=$body COOKIE=$with_cookie ORIGIN=$base \
    wrk -t2 -c32 -d20s --latency -s "$work/request.lua" "$base$path")
  after=$(cpu_ticks)
  requests=$(echo "$report" | awk '/requests in/ { print $1 }')
  printf '%-28s %10s %9s %9s %10.2f ms %8s\n' "$name" \
    "$(echo "$report" | awk '/Requests\/sec/ { printf "%.0f", $2 }')" \
    "$(echo "$report" | awk '$1 == "50%" { print $2 }')" \
    "$(echo "$report" | awk '$1 == "99%" { print $2 }')" \
    "$(awk -v t="$((after - before))" -v r="$requests" -v hz="$ticks" 'BEGIN { printf "%.2f", r ? t * 1000 / hz / r : 0 }')" \
    "$(wrk_errors "$report")" | tee -a "$out"
}

start_rss=$(rss_mb)
run "GET /login" /login
run "GET /contacts (signed in)" /contacts GET "" "$cookie"
run "POST contacts_list" /api/contacts_list POST '{"request":{}}' "$cookie"
run "POST details_get" /api/details_get POST "{\"request\":{\"contact_id\":$contact}}" "$cookie"
echo "server memory: ${start_rss} MB at start, $(rss_mb) MB after the runs above" | tee -a "$out"

# One client, one call after another: what the server function adds to the
# storage call it makes.
report=$(METHOD=POST BODY='{"request":{}}' COOKIE=$cookie ORIGIN=$base \
  wrk -t1 -c1 -d10s --latency -s "$work/request.lua" "$base/api/contacts_list")
echo "contacts_list, 1 client: p50 $(echo "$report" | awk '$1 == "50%" { print $2 }'), mean $(echo "$report" | awk '$1 == "Latency" { print $2; exit }')" | tee -a "$out"
target/release/bench --list-baseline --database "$database" | tee -a "$out"

# Soak: signed-in page renders in 5-second rounds; memory is read after the
# rounds that pass 1,000, 50,000 and the soak's total.
total=0
line="soak of GET /contacts, RSS:"
for checkpoint in 1000 50000 "$soak"; do
  while [ "$total" -lt "$checkpoint" ]; do
    report=$(COOKIE=$cookie ORIGIN=$base wrk -t2 -c32 -d5s -s "$work/request.lua" "$base/contacts")
    total=$((total + $(echo "$report" | awk '/requests in/ { print $1 }')))
  done
  rss=$(rss_mb)
  line="$line $rss MB ($(rss_split)) after $total;"
  if [ "$checkpoint" = 1000 ]; then settled=$rss; fi
done
echo "$line" | tee -a "$out"

# The guard: memory must stay within --max-growth percent of where it
# settled after the first 1,000 renders.
bound=$((settled + settled * max_growth / 100))
if [ "$rss" -gt "$bound" ]; then
  echo "FAIL: memory grew to $rss MB, over the bound of $bound MB ($settled MB + ${max_growth}%)" | tee -a "$out"
  exit 1
fi
echo "memory within bound: $rss MB <= $bound MB ($settled MB + ${max_growth}%)" | tee -a "$out"
