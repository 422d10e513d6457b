#!/usr/bin/env bash
# The whole test suite: formatting, lints, every Rust test, the wasm32
# builds, then the real server on a free port with a fresh database and the
# Playwright suite against it in headless Chromium.
#
# The release site, the longest step, is built in the background from the
# start: the lints and the Rust tests build in the debug profile, so they
# neither wait for it nor it for them, and the two share the machine's cores
# (its link-time optimisation runs on one). The browser tests wait for it.
# At the end, or when a step fails, the time each step took is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
source scripts/versions.sh

run_started=$SECONDS
step_name=""
step_started=0
step_times=()

# record_time SECONDS NAME: a line of the table printed at the end.
record_time() {
  step_times+=("$(printf '%6ds  %s' "$1" "$2")")
}
end_step() {
  if [ -n "$step_name" ]; then
    record_time $((SECONDS - step_started)) "$step_name"
    step_name=""
  fi
}
step() {
  end_step
  step_name="$*"
  step_started=$SECONDS
  printf '\n==> %s\n' "$*"
}

site_log=$(mktemp)
site_seconds=$(mktemp)
site_pid=""
finish() {
  local status=$?
  end_step
  if [ -n "$site_pid" ]; then
    kill -- -"$site_pid" 2>/dev/null || true
    echo "--- release site build (stopped; last 30 lines) ---"
    tail -n 30 "$site_log"
  fi
  rm -f "$site_log" "$site_seconds"
  printf '\n==> time per step\n'
  printf '%s\n' "${step_times[@]}"
  printf '%6ds  in all\n' $((SECONDS - run_started))
  exit $status
}
trap finish EXIT

printf '\n==> building the release site in the background (its last lines follow the Rust tests)\n'
# In a session of its own (setsid), so that a failing step can stop the
# build with everything it started; it writes down how long it took.
setsid bash -c 'started=$SECONDS; scripts/build-site.sh; status=$?
  echo $((SECONDS - started)) >"$1"; exit $status' build-site "$site_seconds" >"$site_log" 2>&1 &
site_pid=$!

step "cargo fmt --check"
cargo fmt --all -- --check

step "links in the docs"
scripts/check-links.sh

step "stylelint"
end2end/node_modules/.bin/stylelint "style/**/*.css"

step "clippy (server build)"
cargo clippy --workspace --all-targets --features app/ssr -- -D warnings
step "clippy (browser build)"
cargo clippy -p app --lib --target wasm32-unknown-unknown --features hydrate -- -D warnings

# Several servers sharing one PostgreSQL database, and upgrading a
# PostgreSQL database in place: those tests run in the PostgreSQL pass only.
step "Rust tests (SQLite)"
cargo test --workspace --features app/ssr -- --skip several_servers --skip postgres_upgrade

step "server tests on a throwaway PostgreSQL"
scripts/with-postgres.sh cargo test -p server --features app/ssr

step "shared builds for wasm32"
cargo build -p shared --target wasm32-unknown-unknown

step "waiting for the release site build"
pid=$site_pid
site_pid=""
if ! wait "$pid"; then
  cat "$site_log"
  echo "error: the release site build failed (above)" >&2
  exit 1
fi
tail -n 5 "$site_log"
record_time "$(cat "$site_seconds")" "release site build (in the background)"

step "browser tests (SQLite)"
scripts/e2e.sh
step "browser tests on a throwaway PostgreSQL"
scripts/with-postgres.sh scripts/e2e.sh
