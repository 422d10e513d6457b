#!/usr/bin/env bash
# Starts the built server (target/release/server, target/site) on a free
# port with a fresh demo database, runs the Playwright suite against it in
# headless Chromium, and stops the server whatever happens.
# The database is a new SQLite file, or, run under scripts/with-postgres.sh,
# the throwaway PostgreSQL server's empty `postgres` database.
# Extra arguments go to Playwright (e.g. a spec file or --grep).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/versions.sh
step() { printf '\n==> %s\n' "$*"; }

work=$(mktemp -d)
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
password="e2e-$(date +%s)-$RANDOM"
database_url="${CONTACTS_TEST_POSTGRES:-sqlite://$work/contacts.db}"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# start_server PORT LOG: the release server over the test database.
start_server() {
  LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_ADDR="127.0.0.1:$1" LEPTOS_ENV=PROD LEPTOS_HASH_FILES=true \
    CONTACTS_DATABASE_URL="$database_url" CONTACTS_DEMO=1 CONTACTS_DEMO_PASSWORD="$password" \
    RUST_LOG=warn target/release/server >"$2" 2>&1 &
  pids+=($!)
}

# wait_for_server PORT LOG
wait_for_server() {
  local pid=${pids[-1]}
  for _ in $(seq 1 120); do
    node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "http://127.0.0.1:$1/login" && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$2"; echo "error: the server did not start" >&2; exit 1; }
    sleep 0.5
  done
  echo "error: the server on port $1 did not answer" >&2
  exit 1
}

port=$(free_port)
start_server "$port" "$work/server.log"
wait_for_server "$port" "$work/server.log"
# On PostgreSQL a second server runs over the same database for the tests
# of several servers; SQLite is one server's database, so they are left out.
extra=()
if [ -n "${CONTACTS_TEST_POSTGRES:-}" ]; then
  second_port=$(free_port)
  start_server "$second_port" "$work/second.log"
  wait_for_server "$second_port" "$work/second.log"
  export SECOND_URL="http://127.0.0.1:$second_port"
else
  echo "(SQLite: the @several-servers tests run in the PostgreSQL pass)"
  extra=(--grep-invert @several-servers)
fi

report="$work/report.json"
set +e
(cd end2end && BASE_URL="http://127.0.0.1:$port" DEMO_PASSWORD="$password" CHROMIUM="$CHROMIUM" \
  PLAYWRIGHT_JSON_OUTPUT_NAME="$report" npx playwright test --reporter=list,json "${extra[@]}" "$@")
status=$?
set -e
if [ $status -ne 0 ]; then
  echo "--- server log (last 50 lines) ---"; tail -n 50 "$work/server.log"
  exit $status
fi
ran=$(node -e 'const s=require(process.argv[1]).stats;console.log(s.expected+s.unexpected+s.flaky)' "$report")
if [ "$ran" -eq 0 ]; then
  echo "error: no browser test ran" >&2
  exit 1
fi
step "all tests passed ($ran browser tests on ${database_url%%:*})"
