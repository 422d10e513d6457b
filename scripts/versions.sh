# Pinned tool versions and paths shared by the scripts (sourced, not run).
CARGO_LEPTOS_VERSION=0.3.10
# Must equal the wasm-bindgen crate pinned in Cargo.toml.
WASM_BINDGEN_VERSION=0.2.130
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
