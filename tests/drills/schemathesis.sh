#!/usr/bin/env bash
# The API contract drill: schemathesis (pinned, in .tools/venv) generates requests from
# /api/v1/openapi.json and checks every answer against the document. A local server on a
# scratch SQLite file with 200 demo producers; the API limit raised so the run is not throttled.
set -euo pipefail
cd "$(dirname "$0")/../.."

venv=.tools/venv
if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet schemathesis==4.32.5
fi

target="${CARGO_TARGET_DIR:-target}"
server="$target/debug/server"
[ -x "$server" ] || { echo "no $server: run cargo leptos build first" >&2; exit 1; }
scratch=$(mktemp -d)
port=3917
DATABASE_URL="sqlite://$scratch/contract.sqlite?mode=rwc" LEPTOS_SITE_ADDR="127.0.0.1:$port" \
  LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}" DEMO_PRODUCERS=200 API_RATE_LIMIT=1000000 \
  MAIL_DIR="$scratch/mail" RUST_LOG=error "$server" serve >"$scratch/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$scratch"' EXIT
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.5
done
started=$(date +%s)
# A fixed seed by default, so that a run can be repeated; SCHEMATHESIS_SEED=random explores.
seed=(--seed "${SCHEMATHESIS_SEED:-20261204}")
[ "${SCHEMATHESIS_SEED:-}" = random ] && seed=()
"$venv/bin/schemathesis" run "http://127.0.0.1:$port/api/v1/openapi.json" --checks all \
  --url "http://127.0.0.1:$port" --no-color "${seed[@]}" | tee "$scratch/schemathesis.log" | tail -n 25
status=${PIPESTATUS[0]}
echo "DRILL contract: schemathesis $("$venv/bin/schemathesis" --version | awk '{print $NF}'), \
$(grep -Eo '[0-9,]+ generated' "$scratch/schemathesis.log" | tail -n1 || echo '?') cases, \
exit $status, $(( $(date +%s) - started )) s"
exit "$status"
