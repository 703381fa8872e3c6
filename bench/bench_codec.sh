#!/usr/bin/env bash
# Benchmark: `provkit encrypt --gzip` against `gzip -c | openssl enc -md md5`, and
# `provkit decrypt` against `openssl enc -d | gunzip`, on the sample profile, side by side in
# one run. Prints a Markdown table of mean wall time per run and the ratios, and the floor: a
# minimal C program using the same libcrypto, against the same pipeline.
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

# The floor: the least a program can do that uses the same shared libcrypto - a C program that
# only derives the key (MD5) and AES-256-CBC-encrypts the file, no compression, no checks -
# timed against the pipeline the same way. Whatever provkit does, it cannot start faster.
cat >"$tmp/floor.c" <<'C'
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
    static unsigned char in[1 << 20], out[(1 << 20) + 32];
    unsigned char key[32], iv[16], salt[8] = "12345678";
    FILE *f = fopen(argv[1], "rb");
    size_t n = fread(in, 1, sizeof in, f);
    fclose(f);
    const char *pass = getenv("BENCH_KEY");
    int l1 = 0, l2 = 0;
    EVP_BytesToKey(EVP_aes_256_cbc(), EVP_md5(), salt, (const unsigned char *)pass, 12, 1, key, iv);
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    EVP_EncryptInit_ex(c, EVP_aes_256_cbc(), NULL, key, iv);
    EVP_EncryptUpdate(c, out, &l1, in, (int)n);
    EVP_EncryptFinal_ex(c, out + l1, &l2);
    fwrite(out, 1, (size_t)(l1 + l2), stdout);
    return argc < 2;
}
C
floor=""
if cc -O2 "$tmp/floor.c" -o "$tmp/floor" -lcrypto 2>/dev/null; then
  encrypt_floor() { "$tmp/floor" "$sample"; }
  read -r fp fq < <(mean_us encrypt_floor encrypt_pipeline)
  floor=1
fi
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "| task ($runs runs, $(wc -c <"$sample") byte profile) | provkit | pipeline | provkit / pipeline |"
echo "|---|---|---|---|"
echo "| compress + encrypt | ${ep} us | ${eq} us (gzip -c \| openssl enc -md md5) | $(ratio "$ep" "$eq") |"
echo "| decrypt + decompress | ${dp} us | ${dq} us (openssl enc -d \| gunzip) | $(ratio "$dp" "$dq") |"
[ -z "$floor" ] ||
  echo "| floor: a C program that only encrypts (no gzip) with the same libcrypto | ${fp} us | ${fq} us (gzip -c \| openssl enc -md md5) | $(ratio "$fp" "$fq") |"
