#!/usr/bin/env bash
# `make weight`: a short-lived release server on a scratch SQLite file with the demo data, and
# the results page's first-visit weight in every interface language (page-weight.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
server="${SERVER:?the release server binary}"
dir=$(mktemp -d); trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
addr="127.0.0.1:$port"
DATABASE_URL="sqlite://$dir/weight.sqlite?mode=rwc" LEPTOS_SITE_ADDR="$addr" RUST_LOG=warn,sqlx=error \
  "$server" serve & pid=$!
until curl -fs "http://$addr/readyz" >/dev/null; do
  kill -0 $pid 2>/dev/null || { echo "server exited"; exit 1; }
  sleep 0.2
done
LANGS="en ru kk ky tg tk uz" tests/bench/page-weight.sh "http://$addr" "/search?q=wheat"
