# Helpers of the load benchmarks (sourced): wrk, and the Lua script that
# gives its requests a method, a JSON body, the session cookie and the
# same-origin header the server asks for.

# Installs wrk when missing (as root with apt), or says how to.
need_wrk() {
  command -v wrk >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else
    echo "error: the benchmark needs wrk: sudo apt-get install -y wrk" >&2
    exit 1
  fi
}

# write_request_lua FILE: method, body, cookie and origin from the
# environment (METHOD, BODY, COOKIE, ORIGIN).
write_request_lua() {
  cat >"$1" <<'LUA'
wrk.method = os.getenv("METHOD") or "GET"
wrk.body = os.getenv("BODY")
wrk.headers["Cookie"] = os.getenv("COOKIE")
wrk.headers["Origin"] = os.getenv("ORIGIN")
if wrk.body then wrk.headers["Content-Type"] = "application/json" end
LUA
}

# sign_in BASE EMAIL PASSWORD JAR: prints the session cookie.
sign_in() {
  curl -fs -o /dev/null -c "$4" -H "Origin: $1" \
    --data-urlencode "credentials[email]=$2" \
    --data-urlencode "credentials[password]=$3" "$1/api/log_in"
  echo "contacts_session=$(awk '$6 == "contacts_session" { print $7 }' "$4")"
}

# wrk_errors REPORT: socket errors plus non-2xx answers.
wrk_errors() {
  local errors non2xx
  errors=$(echo "$1" | awk '/Socket errors/ { n = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i; print n }')
  non2xx=$(echo "$1" | awk '/Non-2xx/ { print $NF }')
  echo $(( ${errors:-0} + ${non2xx:-0} ))
}
