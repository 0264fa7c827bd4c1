#!/usr/bin/env bash
# Bytes a first visit downloads (HTML + CSS + JS + WASM), as the server sends them with gzip and
# with brotli. Usage: page-weight.sh http://127.0.0.1:3000 / /search?q=wheat
set -euo pipefail
base="$1"; shift
pages=("${@:-/}")
assets=(/pkg/registry.css /pkg/registry.js /pkg/registry.wasm)

size() { curl -fsS -H "Accept-Encoding: $2" -o /dev/null -w '%{size_download}' "$base$1"; }

printf '%-28s %10s %10s %10s\n' page raw gzip brotli
for page in "${pages[@]}"; do
  raw=0; gz=0; br=0
  for url in "$page" "${assets[@]}"; do
    raw=$((raw + $(size "$url" identity)))
    gz=$((gz + $(size "$url" gzip)))
    br=$((br + $(size "$url" br)))
  done
  printf '%-28s %9.1fK %9.1fK %9.1fK\n' "$page" "$(echo "$raw/1024" | bc -l)" "$(echo "$gz/1024" | bc -l)" "$(echo "$br/1024" | bc -l)"
done
