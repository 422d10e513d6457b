# The two front-door commands; see README.md.
.PHONY: run test bench bench-web bench-load bench-servers fuzz crash load

## Build and start the app with demo data on http://127.0.0.1:3000
run:
	@scripts/run.sh

## Run every test: fmt, clippy, Rust tests, wasm builds, browser tests
test:
	@scripts/test.sh

## Benchmark the Contacts module on 100,000 and 1,000,000 contacts (results in target/bench-*.txt)
bench:
	@cargo run --release -p server --bin bench -- --contacts 100000
	@cargo run --release -p server --bin bench -- --contacts 1000000

## Load-test the release server: pages/s, p50/p99, CPU per request, memory over a soak (target/bench-web.txt)
bench-web:
	@scripts/bench-web.sh

## First load of the signed-in Contacts page in Chromium: requests, bytes, main wasm, repeat visit, time to interactive (target/bench-load.txt)
bench-load:
	@scripts/bench-load.sh

## One and two servers over one throwaway PostgreSQL: list requests/s, p99, errors (target/bench-servers.txt)
bench-servers:
	@scripts/bench-servers.sh

## 200 signed-in clients with live-update streams for 60 s: req/s, p50/p99, errors per endpoint (target/load.txt)
load:
	@scripts/load.sh

## Fuzz longer than make test does: every server function, ingress and the CSV upload with a new seed, the shared parsers' property tests with 20,000 cases
fuzz:
	@CONTACTS_TEST_TIME_LIMIT=0 FUZZ_ROUNDS=$${FUZZ_ROUNDS:-400} FUZZ_SEED=$${FUZZ_SEED:-$$(date +%s)} cargo test -p server --features app/ssr --test api fuzz_inputs -- --nocapture
	@PROPTEST_CASES=$${PROPTEST_CASES:-20000} cargo test -p shared

## Kill the server with SIGKILL mid-work 100 times, on SQLite then PostgreSQL, checking the database after every kill (CRASH_ROUNDS, CRASH_SEED)
crash:
	@CONTACTS_TEST_TIME_LIMIT=0 CRASH_ROUNDS=$${CRASH_ROUNDS:-100} cargo test -p server --features app/ssr --test api crash_recovery -- --nocapture
	@CONTACTS_TEST_TIME_LIMIT=0 CRASH_ROUNDS=$${CRASH_ROUNDS:-100} scripts/with-postgres.sh cargo test -p server --features app/ssr --test api crash_recovery -- --nocapture
