#!/usr/bin/env bash
# First-load benchmark: starts the release server on a free port with a
# fresh demo database and measures the signed-in Contacts page in Chromium
# (scripts/bench-load.mjs): requests and bytes of the first download, what a
# repeat visit downloads again, and the time to an interactive page on
# loopback and throttled; then Lighthouse (fetched with npx on first use) on
# the same page with its default mobile throttling. Results also go to
# target/bench-load.txt.
#
# Usage: scripts/bench-load.sh [--no-build]
#   --no-build  use the release build that is there (target/release/server)
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
case "${1:-}" in
  --no-build) build=false ;;
  "") ;;
  *) echo "unknown argument: $1" >&2; exit 2 ;;
esac

source scripts/lib/server.sh
source scripts/lib/wrk.sh
release_site "$build"
work=$(mktemp -d)
port=$(free_port)
password="bench-$RANDOM-$RANDOM"
trap 'stop_servers; rm -rf "$work"' EXIT
start_server "$port" "sqlite://$work/contacts.db" "$password" "$work/server.log"
mkdir -p target
base="http://127.0.0.1:$port"
node scripts/bench-load.mjs "$base" "$password" | tee target/bench-load.txt

cookie=$(sign_in "$base" manager@demo.test "$password" "$work/jar")
npx --yes lighthouse@13.5.0 "$base/contacts" --quiet \
  --chrome-path="${CHROMIUM:-/usr/bin/chromium}" \
  --chrome-flags="--headless --no-sandbox --disable-gpu" \
  --extra-headers="{\"Cookie\":\"$cookie\"}" \
  --only-categories=performance,accessibility,best-practices \
  --output=json --output-path="$work/lighthouse.json"
node -e '
const report = require(process.argv[1]);
const score = (id) => Math.round(report.categories[id].score * 100);
const audit = (id) => report.audits[id].displayValue;
console.log(`Lighthouse on /contacts (mobile throttling): performance ${score("performance")}, ` +
  `accessibility ${score("accessibility")}, best practices ${score("best-practices")}; ` +
  `LCP ${audit("largest-contentful-paint")}, CLS ${audit("cumulative-layout-shift")}`);
' "$work/lighthouse.json" | tee -a target/bench-load.txt
