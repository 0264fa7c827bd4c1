#!/usr/bin/env bash
# `make bench`: seeds 100,000 producers / ~1,000,000 listings into a fresh SQLite file (and
# PostgreSQL when BENCH_DATABASE_URL is set) and measures, in this order so that nothing warms
# what is measured next:
#   seed time; first-visit page weight (one short-lived server); `server loadtest`, which serves
#   the registry in its own process and sends three workloads (new / realistic / hot queries,
#   1 and 64 connections, plus the same streams through the engine without HTTP, plus the
#   results page on new queries), failing on any error; `server relevance` (recall@10, MRR and
#   precision@10 of tests/bench/relevance.csv); the CSV import as a whole command.
# The report goes to stdout and, between markers, into docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
server="${SERVER:-target/release/server}"
producers="${BENCH_PRODUCERS:-100000}"
db="${BENCH_DB:-/tmp/registry-bench.sqlite}"
addr="127.0.0.1:${BENCH_PORT:-3190}"
requests="${BENCH_REQUESTS:-3000}"
report="${BENCH_REPORT:-target/bench-report.md}"
mkdir -p "$(dirname "$report")"

elapsed() { python3 -c "import sys,time; print(f'{time.time()-float(sys.argv[1]):.1f}')" "$1"; }

main() {
  echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(rustc --version | cut -d' ' -f1-2), \`make bench\` with BENCH_PRODUCERS=$producers, BENCH_REQUESTS=$requests."
  echo
  if [ "${BENCH_REUSE_DB:-0}" = 1 ] && [ -f "$db" ]; then
    echo "### SQLite: reusing $db (not reseeded)"
  else
    rm -f "$db" "$db-wal" "$db-shm"
    echo "### SQLite: seed"
    echo
    t=$(date +%s.%N)
    DATABASE_URL="sqlite://$db?mode=rwc" RUST_LOG=warn,sqlx=error "$server" seed --producers "$producers" --seed 42
    echo "(whole command: $(elapsed "$t") s)"
  fi

  echo; echo "### First visit (the page and the /pkg/ files it names: CSS; JS + WASM where it has islands)"; echo; echo '```'
  DATABASE_URL="sqlite://$db?mode=rwc" DEMO_PRODUCERS=0 LEPTOS_SITE_ADDR="$addr" RUST_LOG=warn,sqlx=error \
    "$server" serve & pid=$!
  until curl -fs "http://$addr/readyz" >/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "server exited"; exit 1; }
    sleep 0.2
  done
  BUDGET_KB=150 tests/bench/page-weight.sh "http://$addr" /
  LANGS="en ru kk ky tg tk uz" tests/bench/page-weight.sh "http://$addr" "/search?q=wheat"
  kill $pid; wait $pid 2>/dev/null || true
  echo '```'

  echo; echo "### SQLite: search under load"; echo
  DATABASE_URL="sqlite://$db?mode=rwc" RUST_LOG=warn,sqlx=error "$server" loadtest --requests "$requests"

  echo; echo "### SQLite: relevance (tests/bench/relevance.csv)"; echo
  DATABASE_URL="sqlite://$db?mode=rwc" RUST_LOG=warn,sqlx=error "$server" relevance --set tests/bench/relevance.csv

  echo; echo "### SQLite: CSV import of 10,000 listings of one company"; echo
  csv=$(mktemp --suffix=.csv)
  import_csv "$csv"
  import_db=$(mktemp --suffix=.sqlite)
  t=$(date +%s.%N)
  DATABASE_URL="sqlite://$import_db?mode=rwc" RUST_LOG=warn,sqlx=error "$server" import producers "$csv"
  echo "(whole command, reading and checking included: $(elapsed "$t") s)"
  rm -f "$import_db"*

  if [ -n "${BENCH_DATABASE_URL:-}" ]; then
    echo; echo "### PostgreSQL: seed"; echo
    t=$(date +%s.%N)
    DATABASE_URL="$BENCH_DATABASE_URL" RUST_LOG=warn,sqlx=error "$server" seed --producers "$producers" --seed 42 --if-empty
    echo "(whole command: $(elapsed "$t") s)"
    echo; echo "### PostgreSQL: search under load"; echo
    DATABASE_URL="$BENCH_DATABASE_URL" RUST_LOG=warn,sqlx=error "$server" loadtest --requests "$requests"
    echo; echo "### PostgreSQL: relevance"; echo
    DATABASE_URL="$BENCH_DATABASE_URL" RUST_LOG=warn,sqlx=error "$server" relevance --set tests/bench/relevance.csv
    echo; echo "### PostgreSQL: CSV import of 10,000 listings (into a scratch database)"; echo
    scratch="registry_bench_import_$$"
    psql "$BENCH_DATABASE_URL" -qc "CREATE DATABASE $scratch"
    t=$(date +%s.%N)
    DATABASE_URL="${BENCH_DATABASE_URL%/*}/$scratch" RUST_LOG=warn,sqlx=error "$server" import producers "$csv"
    echo "(whole command: $(elapsed "$t") s)"
    psql "$BENCH_DATABASE_URL" -qc "DROP DATABASE $scratch"
  fi
  rm -f "$csv"
}

import_csv() {
  {
    echo "tax_id,country,legal_name,region,city,product_name,hs_code,description,capacity,capacity_unit,export_markets,certifications"
    codes=(1101 100199 110311 2302.30 5201 520511 0402.10 0803.90 1512.11 0810.90)
    for i in $(seq 0 9999); do
      echo "940140000385,KZ,ТОО «Бенчмарк»,KZ-39,Костанай,Товар номер $i,${codes[$((i % 10))]},\"Описание товара $i, мешки 50 кг\",$((1000 + i)),t,AF UZ,halal"
    done
  } > "$1"
}

main 2>&1 | tee "$report"
status=${PIPESTATUS[0]}
if [ "$status" != 0 ]; then
  echo "make bench failed (exit $status): docs/benchmarks.md left as it was" >&2
  exit "$status"
fi
# The latest run replaces the block between the markers in docs/benchmarks.md.
python3 - "$report" docs/benchmarks.md <<'PY'
import sys
report, doc = open(sys.argv[1]).read(), open(sys.argv[2]).read()
begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
head, rest = doc.split(begin, 1)
_, tail = rest.split(end, 1)
open(sys.argv[2], "w").write(f"{head}{begin}\n{report}\n{end}{tail}")
PY
echo "docs/benchmarks.md updated from this run"
