#!/usr/bin/env bash
# Builds the release site and starts the server on 127.0.0.1:3000 with the
# demo workspaces seeded into data/contacts.db (created on first start).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/versions.sh
scripts/build-site.sh
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
export LEPTOS_ENV="${LEPTOS_ENV:-PROD}"
# The site build puts content hashes in file names (target/release/hash.txt).
export LEPTOS_HASH_FILES="${LEPTOS_HASH_FILES:-true}"
export CONTACTS_DEMO="${CONTACTS_DEMO:-1}"
exec target/release/server
