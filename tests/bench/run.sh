#!/usr/bin/env bash
# `make bench`: seeds a large catalogue into a fresh SQLite file, starts the release server on
# loopback and prints seed time, first-visit page weight, search latency (cold = first request
# of a filter set, warm = repeated) and the server's peak RSS.
# Preliminary: the full load test of issue 5 (query mix at 1 and 64 connections, HTTP/bare
# ratio) is not written yet.
set -euo pipefail
cd "$(dirname "$0")/../.."
server="${SERVER:-target/release/server}"
producers="${BENCH_PRODUCERS:-100000}"
db="${BENCH_DB:-/tmp/registry-bench.sqlite}"
addr="127.0.0.1:${BENCH_PORT:-3190}"

rm -f "$db" "$db-wal" "$db-shm"
echo "== seeding $producers producers into $db"
DATABASE_URL="sqlite://$db?mode=rwc" "$server" seed --producers "$producers" --seed 42

DATABASE_URL="sqlite://$db?mode=rwc" DEMO_PRODUCERS=0 LEPTOS_SITE_ADDR="$addr" RUST_LOG=warn \
  "$server" serve & pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -fs "http://$addr/readyz" >/dev/null; do
  kill -0 $pid 2>/dev/null || { echo "server exited"; exit 1; }
  sleep 0.2
done

echo; echo "== first visit (HTML + CSS + JS + WASM)"
tests/bench/page-weight.sh "http://$addr" / "/search?q=wheat"

echo; echo "== /api/v1/listings latency (seconds)"
printf '%-48s %8s %8s %8s\n' query cold warm page2
for q in "q=wheat" "q=%D0%BC%D1%83%D0%BA%D0%B0" "q=shymkent" "q=toshkent" "q=1101" "q=10.01" \
         "country=KZ" "country=UZ&region=UZ-FA" "hs=5201" "cert=halal" "verified=1" \
         "q=wheat&country=KZ&cert=halal" "q=cotton&country=UZ&verified=1" ""; do
  t() { curl -fs -o /dev/null -w '%{time_total}' "http://$addr/api/v1/listings?$1"; }
  printf '%-48s %8s %8s %8s\n' "${q:-(all)}" "$(t "$q")" "$(t "$q")" "$(t "$q&page=2")"
done

echo; echo "== server peak RSS: $(awk '/VmHWM/ {print $2/1024 " MiB"}' /proc/$pid/status)"
