# The two front-door commands; see README.md.
.PHONY: run test bench

## Build and start the app with demo data on http://127.0.0.1:3000
run:
	@scripts/run.sh

## Run every test: fmt, clippy, Rust tests, wasm builds, browser tests
test:
	@scripts/test.sh
