#!/usr/bin/env bash
# `make drills`: what an operator tries before trusting the registry (issue 9), on SQLite and
# PostgreSQL (TEST_DATABASE_URL), each printing one `DRILL …` line of figures:
#   - the Rust drills (tests/integration/drills.rs): SIGKILL during saves, hostile input,
#     16 concurrent writers, 256 concurrent connections (DRILL_SECONDS each, 60 by default);
#   - the API contract: schemathesis (all checks) against /api/v1/openapi.json.
# Any failure fails the run. Expects `cargo leptos build` to have run (`make test` does).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  echo "drills: TEST_DATABASE_URL is not set: the PostgreSQL drills cannot run" >&2
  exit 1
fi

cargo test -p registry-tests --test integration -- --ignored --nocapture --test-threads 1 drills:: \
  2>&1 | tee /tmp/registry-drills.log | grep -E '^(test |DRILL|test result)|panicked' || true
if ! grep -q '^test result: ok' /tmp/registry-drills.log; then
  echo "drills: a drill failed (full output in /tmp/registry-drills.log)" >&2
  exit 1
fi

tests/drills/schemathesis.sh
