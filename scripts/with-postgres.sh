#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL server of its own: a new
# cluster (initdb) in a temporary folder, listening on a free loopback port,
# stopped and deleted when the command ends, whatever happens. The command
# finds the server's URL in CONTACTS_TEST_POSTGRES (a superuser on the
# `postgres` database; tests create a fresh database each) and the server's
# log in CONTACTS_TEST_POSTGRES_LOG.
# Usage: scripts/with-postgres.sh <command> [arguments…]
set -euo pipefail
cd "$(dirname "$0")/.."

bin=""
for dir in /usr/lib/postgresql/*/bin; do
  [ -x "$dir/initdb" ] && bin="$dir"
done
if [ -z "$bin" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> installing Debian's postgresql for the tests" >&2
    apt-get install -y postgresql >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y postgresql >/dev/null; }
    for dir in /usr/lib/postgresql/*/bin; do bin="$dir"; done
  else
    echo "error: the tests need PostgreSQL's server programs (initdb, pg_ctl)." >&2
    echo "       Install them with: sudo apt-get install -y postgresql" >&2
    exit 1
  fi
fi

work=$(mktemp -d)
# PostgreSQL refuses to run as root: as root, the cluster belongs to the
# `postgres` user the Debian package creates.
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$work"
  as_owner=(runuser -u postgres --)
fi
source scripts/lib/server.sh
port=$(free_port)

stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT

"${as_owner[@]}" "$bin/initdb" -D "$work/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; exit 1; }
# Durability off: the cluster lives as long as the tests.
"${as_owner[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
  start >/dev/null || { cat "$work/server.log" >&2; exit 1; }

export CONTACTS_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres"
export CONTACTS_TEST_POSTGRES_LOG="$work/server.log"
set +e
"$@"
status=$?
set -e
if [ $status -ne 0 ] && [ -n "${SHOW_POSTGRES_LOG:-}" ]; then
  tail -n 50 "$work/server.log" >&2
fi
exit $status
