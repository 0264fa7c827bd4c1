#!/usr/bin/env bash
# Bytes a first visit downloads (HTML + CSS + JS + WASM), as the server sends them with gzip and
# with brotli, in each interface language of LANGS (default: en). Fails when a page's brotli total
# passes BUDGET_KB (default 100: issue 11's low-bandwidth target).
# Usage: LANGS="en ru" page-weight.sh http://127.0.0.1:3000 / /search?q=wheat
set -euo pipefail
base="$1"; shift
pages=("${@:-/}")
assets=(/pkg/registry.css /pkg/registry.js /pkg/registry.wasm)
read -r -a langs <<< "${LANGS:-en}"
budget=$(( ${BUDGET_KB:-100} * 1024 ))

size() { curl -fsS -H "Accept-Encoding: $2" -H "Cookie: lang=$3" -o /dev/null -w '%{size_download}' "$base$1"; }

printf '%-28s %4s %10s %10s %10s\n' page lang raw gzip brotli
over=0
for page in "${pages[@]}"; do
  for lang in "${langs[@]}"; do
    raw=0; gz=0; br=0
    for url in "$page" "${assets[@]}"; do
      raw=$((raw + $(size "$url" identity "$lang")))
      gz=$((gz + $(size "$url" gzip "$lang")))
      br=$((br + $(size "$url" br "$lang")))
    done
    mark=""; if (( br > budget )); then mark="  over ${BUDGET_KB:-100}K"; over=1; fi
    printf '%-28s %4s %9.1fK %9.1fK %9.1fK%s\n' "$page" "$lang" "$(echo "$raw/1024" | bc -l)" \
      "$(echo "$gz/1024" | bc -l)" "$(echo "$br/1024" | bc -l)" "$mark"
  done
done
exit "$over"
