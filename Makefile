# The two commands: `make run` and `make test`. Both install what is missing first.
SHELL := /bin/bash
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export LEPTOS_SITE_ROOT ?= $(CURDIR)/target/site
export DATABASE_URL ?= sqlite://data/registry.sqlite?mode=rwc
CARGO_TARGET_DIR ?= $(CURDIR)/target
SERVER_RELEASE := $(CARGO_TARGET_DIR)/release/server
# What cargo-leptos sets for its dev build of the server: tests use the same, so the two share
# compiled artifacts instead of rebuilding each other's (and the pages name the right .wasm).
LEPTOS_DEV_ENV := LEPTOS_OUTPUT_NAME=registry RUSTFLAGS="--cfg erase_components"

.PHONY: setup build run test check-wasm-deps lint bench weight drills clean

setup:
	@.ci/setup

## Release build of the server and the size-optimised WASM front end.
build: setup
	cargo leptos build --release --precompress

## Build, migrate, load demo data into an empty database, serve on http://127.0.0.1:3000.
run: build
	$(SERVER_RELEASE) serve

## The whole suite: unit tests, integration tests (SQLite; PostgreSQL too when
## TEST_DATABASE_URL is set) and browser tests against the built front end.
test: setup check-wasm-deps
	cargo leptos build
	$(LEPTOS_DEV_ENV) cargo test --workspace --exclude frontend --no-fail-fast

## The browser bundle must never link server-only crates.
check-wasm-deps:
	@deps=$$(cargo tree -p frontend --target wasm32-unknown-unknown -e normal --prefix none \
	  | grep -E '^(sea-orm|sea-query|sqlx[a-z-]*|tokio|argon2|axum|leptos_axum) ' || true); \
	if [ -n "$$deps" ]; then echo "server-only crates in the WASM bundle:"; echo "$$deps"; exit 1; \
	else echo "WASM bundle dependencies: no server-only crates"; fi

## Seed 100,000 producers into a scratch SQLite file and measure (see docs/benchmarks.md).
bench: build
	SERVER=$(SERVER_RELEASE) tests/bench/run.sh

## The first visit's weight (HTML + CSS + JS + WASM, brotli) of the results page in all seven
## languages, on the release build and the demo data; fails over 100 KB.
weight: build
	SERVER=$(SERVER_RELEASE) tests/bench/weight.sh

## Drills (docs/operations.md): SIGKILL during saves, hostile input, concurrent writers, load,
## API contract; SQLite and PostgreSQL. After `make test` (needs its front-end build).
drills:
	$(LEPTOS_DEV_ENV) tests/drills/run.sh

lint:
	cargo fmt --all -- --check
	.ci/check-layers
	$(LEPTOS_DEV_ENV) cargo clippy --workspace --exclude frontend --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

clean:
	cargo clean
