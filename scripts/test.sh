#!/usr/bin/env bash
# The whole test suite: formatting, lints, every Rust test, the wasm32
# builds, then the real server on a free port with a fresh database and the
# Playwright suite against it in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
source scripts/versions.sh

step() { printf '\n==> %s\n' "$*"; }

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

step "building the site (release)"
scripts/build-site.sh

step "browser tests (SQLite)"
scripts/e2e.sh
step "browser tests on a throwaway PostgreSQL"
scripts/with-postgres.sh scripts/e2e.sh
