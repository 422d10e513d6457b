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

source scripts/lib/server.sh
work=$(mktemp -d)
password="e2e-$(date +%s)-$RANDOM"
database_url="${CONTACTS_TEST_POSTGRES:-sqlite://$work/contacts.db}"
trap 'stop_servers; rm -rf "$work"' EXIT

port=$(free_port)
start_server "$port" "$database_url" "$password" "$work/server.log"
# On PostgreSQL a second server runs over the same database for the tests
# of several servers; SQLite is one server's database, so they are left out.
extra=()
if [ -n "${CONTACTS_TEST_POSTGRES:-}" ]; then
  second_port=$(free_port)
  start_server "$second_port" "$database_url" "$password" "$work/second.log"
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
