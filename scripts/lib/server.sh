# Helpers of the scripts that start the release server (sourced).

# Prints a free TCP port on the loopback interface.
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

server_pids=()

# release_site BUILD: installs what is missing and, when BUILD is true,
# builds the release site and compresses its files (--no-build skips it).
release_site() {
  scripts/setup.sh
  source scripts/versions.sh
  if "$1"; then
    scripts/build-site.sh
  fi
}

# start_server PORT DATABASE_URL PASSWORD LOG: starts the release server
# (target/release/server with target/site) in demo mode over the database,
# adds its pid to server_pids, and returns once it answers; exits with its
# log when it does not start.
start_server() {
  LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_ADDR="127.0.0.1:$1" LEPTOS_ENV=PROD LEPTOS_HASH_FILES=true \
    CONTACTS_DATABASE_URL="$2" CONTACTS_DEMO=1 CONTACTS_DEMO_PASSWORD="$3" \
    RUST_LOG=warn target/release/server >"$4" 2>&1 &
  server_pids+=($!)
  for _ in $(seq 1 120); do
    node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "http://127.0.0.1:$1/login" && return 0
    kill -0 "${server_pids[-1]}" 2>/dev/null || { cat "$4"; echo "error: the server did not start" >&2; exit 1; }
    sleep 0.5
  done
  echo "error: the server on port $1 did not answer" >&2
  exit 1
}

# Interrupts every started server and waits until each has stopped.
stop_servers() {
  for pid in "${server_pids[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
  for pid in "${server_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
