#!/usr/bin/env bash
# Bytes a first visit downloads — the page and every /pkg/ file it names (stylesheet; script and
# WASM only on pages with islands) — as the server sends them with gzip and with brotli, in each
# interface language of LANGS (default: en). Fails when a page's brotli total passes BUDGET_KB
# (default 100: issue 11's low-bandwidth target).
# Usage: LANGS="en ru" page-weight.sh http://127.0.0.1:3000 / /search?q=wheat
set -euo pipefail
base="$1"; shift
pages=("${@:-/}")
read -r -a langs <<< "${LANGS:-en}"
budget=$(( ${BUDGET_KB:-100} * 1024 ))

size() { curl -fsS -H "Accept-Encoding: $2" -H "Cookie: lang=$3" -o /dev/null -w '%{size_download}' "$base$1"; }

printf '%-20s %4s %10s %10s %10s  %s\n' page lang raw gzip brotli files
over=0
for page in "${pages[@]}"; do
  for lang in "${langs[@]}"; do
    mapfile -t assets < <(curl -fsS -H "Cookie: lang=$lang" "$base$page" \
      | grep -oE '/pkg/[^"'"'"' )>]+' | sort -u)
    raw=0; gz=0; br=0
    for url in "$page" "${assets[@]}"; do
      raw=$((raw + $(size "$url" identity "$lang")))
      gz=$((gz + $(size "$url" gzip "$lang")))
      br=$((br + $(size "$url" br "$lang")))
    done
    mark=""; if (( br > budget )); then mark="  over ${BUDGET_KB:-100}K"; over=1; fi
    files=$(printf '%s ' "${assets[@]##*/}")
    printf '%-20s %4s %9.1fK %9.1fK %9.1fK  %s%s\n' "$page" "$lang" "$(echo "$raw/1024" | bc -l)" \
      "$(echo "$gz/1024" | bc -l)" "$(echo "$br/1024" | bc -l)" "$files" "$mark"
  done
done
exit "$over"
