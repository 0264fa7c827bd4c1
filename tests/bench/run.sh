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
