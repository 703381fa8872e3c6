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

# mean_us FUNCTION: mean wall time of one call over $runs calls, in microseconds. Each side is
# a shell function run in this shell, as an admin's script runs it: no extra bash per run.
mean_us() {
  local start end
  start=$(date +%s%N)
  for ((i = 0; i < runs; i++)); do "$1" >/dev/null 2>&1; done
  end=$(date +%s%N)
  echo $(((end - start) / runs / 1000))
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

ep=$(mean_us encrypt_provkit); eq=$(mean_us encrypt_pipeline)
dp=$(mean_us decrypt_provkit); dq=$(mean_us decrypt_pipeline)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "| task ($runs runs, $(wc -c <"$sample") byte profile) | provkit | pipeline | provkit / pipeline |"
echo "|---|---|---|---|"
echo "| compress + encrypt | ${ep} us | ${eq} us (gzip -c \| openssl enc -md md5) | $(ratio "$ep" "$eq") |"
echo "| decrypt + decompress | ${dp} us | ${dq} us (openssl enc -d \| gunzip) | $(ratio "$dp" "$dq") |"
