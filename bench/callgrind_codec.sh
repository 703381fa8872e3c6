#!/usr/bin/env bash
# Instruction counts (valgrind callgrind: independent of load) of one run of each command that
# bench_codec.sh times, split into the dynamic loader's share and the rest. Prints a Markdown table.
# Usage: bench/callgrind_codec.sh   (PROVKIT=path/to/provkit to pick a binary)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
PROVKIT=${PROVKIT:-$root/build/provkit}
sample=$root/examples/sample-profile.xml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export BENCH_KEY=bench-secret
gzip -c "$sample" >"$tmp/sample.gz"
openssl enc -e -aes-256-cbc -md md5 -pass env:BENCH_KEY -in "$tmp/sample.gz" -out "$tmp/sample.cfg" 2>/dev/null

# count LABEL CMD...: total instructions of CMD (and of any child it starts), and those under
# ld.so's _dl_start (loading and relocating the shared libraries).
count() {
  local label=$1; shift
  valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$tmp/cg.%p" "$@" >/dev/null 2>&1
  local total=0 loader=0 f t l
  for f in "$tmp"/cg.*; do
    t=$(callgrind_annotate "$f" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
    l=$(callgrind_annotate --inclusive=yes "$f" 2>/dev/null | awk '/rtld.c:_dl_start / && !n++ { gsub(",", "", $1); print $1 }')
    total=$((total + t)) loader=$((loader + ${l:-0}))
    rm -f "$f"
  done
  awk -v n="$label" -v t="$total" -v l="$loader" \
    'BEGIN { printf "| %s | %.2fM | %.2fM | %.2fM |\n", n, t / 1e6, l / 1e6, (t - l) / 1e6 }'
}

echo "| one run | instructions | of which loading libraries | the rest |"
echo "|---|---:|---:|---:|"
count "provkit encrypt --gzip" "$PROVKIT" encrypt --gzip --pass env:BENCH_KEY -f "$sample"
count "gzip -c" gzip -c "$sample"
count "openssl enc -e -md md5" openssl enc -e -aes-256-cbc -md md5 -pass env:BENCH_KEY -in "$tmp/sample.gz"
count "provkit decrypt" "$PROVKIT" decrypt --pass env:BENCH_KEY "$tmp/sample.cfg"
count "openssl enc -d -md md5" openssl enc -d -aes-256-cbc -md md5 -pass env:BENCH_KEY -in "$tmp/sample.cfg"
count "gzip -d -c (gunzip runs it after a /bin/sh start)" gzip -d -c "$tmp/sample.gz"
