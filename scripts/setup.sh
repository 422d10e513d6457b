#!/usr/bin/env bash
# Installs what building and testing need, and only what is missing:
# the wasm32 target, the pinned cargo-leptos and wasm-bindgen CLI, npm
# packages (Playwright, axe, binaryen's wasm-opt) and, for tests, Chromium.
# Usage: scripts/setup.sh [--browser]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/versions.sh

need_browser=false
[ "${1:-}" = "--browser" ] && need_browser=true

say() { printf '==> %s\n' "$*"; }

for tool in cargo rustup node npm; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required (install Rust with rustup, and Node.js 20+)" >&2; exit 1; }
done

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes about ten minutes once)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (must match the wasm-bindgen crate)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# npm packages, including binaryen's wasm-opt (Debian's is too old and
# silently breaks release builds). Reinstalled only when the lock changes.
if [ ! -f end2end/node_modules/.package-lock.json ] \
   || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "installing npm packages in end2end/"
  (cd end2end && npm ci --no-audit --no-fund)
fi

if $need_browser && [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Debian's chromium for the browser tests"
    apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }
  else
    echo "error: the browser tests need Chromium at $CHROMIUM." >&2
    echo "       Install it with: sudo apt-get install -y chromium" >&2
    echo "       (or set CHROMIUM=/path/to/chromium)" >&2
    exit 1
  fi
fi
