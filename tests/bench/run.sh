#!/usr/bin/env bash
# `make bench`: seeds 100,000 producers / ~1,000,000 listings into a fresh SQLite file (and
# PostgreSQL when BENCH_DATABASE_URL is set), starts the release server on loopback and prints:
# seed time, first-visit page weight, the API under load (a fixed mix of 200+ queries at 1 and
# 64 connections: p50/p95/p99, req/s, errors, and the same mix straight against the engine for
# the HTTP/bare ratio), SSR time of the results page, CSV import time and the server's peak RSS.
set -euo pipefail
cd "$(dirname "$0")/../.."
server="${SERVER:-target/release/server}"
producers="${BENCH_PRODUCERS:-100000}"
db="${BENCH_DB:-/tmp/registry-bench.sqlite}"
addr="127.0.0.1:${BENCH_PORT:-3190}"

requests="${BENCH_REQUESTS:-3000}"

if [ "${BENCH_REUSE_DB:-0}" = 1 ] && [ -f "$db" ]; then
  echo "== reusing $db"
else
  rm -f "$db" "$db-wal" "$db-shm"
  echo "== seeding $producers producers into $db"
  DATABASE_URL="sqlite://$db?mode=rwc" "$server" seed --producers "$producers" --seed 42
fi

DATABASE_URL="sqlite://$db?mode=rwc" DEMO_PRODUCERS=0 LEPTOS_SITE_ADDR="$addr" RUST_LOG=warn \
  "$server" serve & pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -fs "http://$addr/readyz" >/dev/null; do
  kill -0 $pid 2>/dev/null || { echo "server exited"; exit 1; }
  sleep 0.2
done

echo; echo "== first visit (HTML + CSS + JS + WASM)"
tests/bench/page-weight.sh "http://$addr" / "/search?q=wheat"

echo; echo "== /api/v1/listings under load (SQLite)"
DATABASE_URL="sqlite://$db?mode=rwc" RUST_LOG=warn "$server" loadtest --target "$addr" \
  --connections 1,64 --requests "$requests" --bare

echo; echo "== SSR of the results page (/search?q=wheat&country=KZ), 50 requests"
for i in $(seq 50); do
  curl -fs -o /dev/null -w '%{time_total}\n' "http://$addr/search?q=wheat&country=KZ&page=$(( i % 5 + 1 ))"
done | sort -n | awk '{a[NR]=$1} END {printf "p50 %.1f ms, p95 %.1f ms\n", a[int(NR*0.5)]*1000, a[int(NR*0.95)]*1000}'

echo; echo "== CSV import: 10,000 listings of one company (server import producers)"
csv=$(mktemp --suffix=.csv)
{
  echo "tax_id,country,legal_name,region,city,product_name,hs_code,description,capacity,capacity_unit,export_markets,certifications"
  for i in $(seq 0 9999); do
    codes=(1101 100199 110311 2302.30 5201 520511 0402.10 0803.90 1512.11 0810.90)
    echo "940140000385,KZ,ТОО «Бенчмарк»,KZ-39,Костанай,Товар номер $i,${codes[$((i % 10))]},\"Описание товара $i, мешки 50 кг\",$((1000 + i)),t,AF UZ,halal"
  done
} > "$csv"
import_db=$(mktemp --suffix=.sqlite)
DATABASE_URL="sqlite://$import_db?mode=rwc" RUST_LOG=warn "$server" import producers "$csv"
if [ -n "${BENCH_DATABASE_URL:-}" ]; then
  DATABASE_URL="$BENCH_DATABASE_URL" RUST_LOG=warn "$server" import producers "$csv" || true
fi
rm -f "$csv" "$import_db"*

echo; echo "== server peak RSS: $(awk '/VmHWM/ {print $2/1024 " MiB"}' /proc/$pid/status)"

if [ -n "${BENCH_DATABASE_URL:-}" ]; then
  kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
  echo; echo "== PostgreSQL: seeding $producers producers"
  DATABASE_URL="$BENCH_DATABASE_URL" "$server" seed --producers "$producers" --seed 42 --if-empty
  DATABASE_URL="$BENCH_DATABASE_URL" DEMO_PRODUCERS=0 LEPTOS_SITE_ADDR="$addr" RUST_LOG=warn \
    "$server" serve & pid=$!
  until curl -fs "http://$addr/readyz" >/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "server exited"; exit 1; }
    sleep 0.5
  done
  DATABASE_URL="$BENCH_DATABASE_URL" RUST_LOG=warn "$server" loadtest --target "$addr" \
    --connections 1,64 --requests "$requests" --bare
  echo "== server peak RSS (PostgreSQL): $(awk '/VmHWM/ {print $2/1024 " MiB"}' /proc/$pid/status)"
fi
