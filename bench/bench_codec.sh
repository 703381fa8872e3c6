#!/usr/bin/env bash
# Benchmark: `provkit encrypt --gzip` against `gzip -c | openssl enc -md md5`, and
# `provkit decrypt` against `openssl enc -d | gunzip`, on the sample profile, side by side in
# one run. Prints a Markdown table of mean wall time per run and the ratios.
# Usage: bench/bench_codec.sh [RUNS]   (PROVKIT=path/to/provkit to pick a binary)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
PROVKIT=${PROVKIT:-$root/build/provkit}
runs=${1:-300}
sample=$root/examples/sample-profile.xml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export BENCH_KEY=bench-secret

# mean_us A B: mean wall time of one call of A and of one call of B, in microseconds, over $runs
# calls each. The calls alternate (A B A B ...) so that load from other processes on a shared
# machine falls on both sides alike; $EPOCHREALTIME is read without forking (digits only: its
# radix follows the locale). Each side is a shell function run in this shell, as an admin's
# script runs it: no extra bash per run.
mean_us() {
  local a=0 b=0 t0 t1 t2
  for ((i = 0; i < runs; i++)); do
    t0=${EPOCHREALTIME//[!0-9]/}; "$1" >/dev/null 2>&1
    t1=${EPOCHREALTIME//[!0-9]/}; "$2" >/dev/null 2>&1
    t2=${EPOCHREALTIME//[!0-9]/}
    a=$((a + t1 - t0)) b=$((b + t2 - t1))
  done
  echo "$((a / runs)) $((b / runs))"
}

gzip -c "$sample" | openssl enc -e -aes-256-cbc -md md5 -pass env:BENCH_KEY >"$tmp/sample.cfg"
encrypt_provkit() { "$PROVKIT" encrypt --gzip --pass env:BENCH_KEY -f "$sample"; }
encrypt_pipeline() { gzip -c "$sample" | openssl enc -e -aes-256-cbc -md md5 -pass env:BENCH_KEY; }
decrypt_provkit() { "$PROVKIT" decrypt --pass env:BENCH_KEY "$tmp/sample.cfg"; }
decrypt_pipeline() { openssl enc -d -aes-256-cbc -md md5 -pass env:BENCH_KEY -in "$tmp/sample.cfg" | gunzip -c; }

# Same result first: a benchmark of something broken measures nothing.
decrypt_provkit | cmp -s - "$sample" || { echo "provkit decrypt output differs" >&2; exit 1; }
encrypt_provkit | openssl enc -d -aes-256-cbc -md md5 -pass env:BENCH_KEY | gunzip -c |
  cmp -s - "$sample" || { echo "provkit encrypt output does not decode" >&2; exit 1; }

read -r ep eq < <(mean_us encrypt_provkit encrypt_pipeline)
read -r dp dq < <(mean_us decrypt_provkit decrypt_pipeline)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "| task ($runs runs, $(wc -c <"$sample") byte profile) | provkit | pipeline | provkit / pipeline |"
echo "|---|---|---|---|"
echo "| compress + encrypt | ${ep} us | ${eq} us (gzip -c \| openssl enc -md md5) | $(ratio "$ep" "$eq") |"
echo "| decrypt + decompress | ${dp} us | ${dq} us (openssl enc -d \| gunzip) | $(ratio "$dp" "$dq") |"
