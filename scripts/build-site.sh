#!/usr/bin/env bash
# Builds the release site into target/site: the server and the page code
# (cargo leptos, split into a download per group of pages) once per
# interface language, each with only its own language's texts (English in
# pkg/, German in pkg/de/), the phone-check module the browser loads on first
# use (under content-hashed names, listed in pkg/phone-check.json), then
# compresses every file once (brotli, gzip).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/versions.sh

cargo leptos build --release --split --lib-features hydrate --lib-features texts-only-en

# A build empties its site's whole pkg/ folder, so the German page code is
# built beside the site and moved in; its hash file goes beside the server.
german_site=target/site-de
rm -rf "$german_site"
LEPTOS_SITE_ROOT="$german_site" LEPTOS_SITE_PKG_DIR=pkg/de LEPTOS_HASH_FILE_NAME=hash-de.txt \
  cargo leptos build --release --split --frontend-only --lib-features hydrate --lib-features texts-only-de
rm -rf target/site/pkg/de
mv "$german_site/pkg/de" target/site/pkg/de
rm -rf "$german_site"

pkg=target/site/pkg
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build -p phone-check --lib --target wasm32-unknown-unknown --profile wasm-release
wasm-bindgen --target web --no-typescript --out-dir "$work" \
  target/wasm32-unknown-unknown/wasm-release/phone_check.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  "$work/phone_check_bg.wasm" -o "$work/phone_check_bg.wasm"
hash=$(cat "$work/phone_check.js" "$work/phone_check_bg.wasm" | md5sum | cut -c1-16)
rm -f "$pkg"/phone_check.* "$pkg"/phone_check_bg.*
cp "$work/phone_check.js" "$pkg/phone_check.$hash.js"
cp "$work/phone_check_bg.wasm" "$pkg/phone_check_bg.$hash.wasm"
printf '{"js":"/pkg/phone_check.%s.js","wasm":"/pkg/phone_check_bg.%s.wasm"}\n' "$hash" "$hash" \
  > "$pkg/phone-check.json"

node scripts/precompress.js target/site
