#!/usr/bin/env bash
# --max-size reads the same in every command that has it (gzip, decrypt, simulate): bytes or a
# number with K, M or G in binary multiples (k, KB, KiB alike); anything else is a usage error
# with the same message; 0 is refused.
source "$(dirname "$0")/lib.sh"
gzip -c "$SAMPLE" >"$T/s.gz"  # 26,677 bytes inflated
for cmd in "gzip -dc" "decrypt"; do
  read -r -a argv <<<"$cmd"
  for size in 1M 27K 27k 27KiB 27kb 26677 1g; do
    expect_status 0 "$PROVKIT" "${argv[@]}" --max-size "$size" "$T/s.gz"
  done
  for size in 26K 26KiB 26676; do
    expect_status 1 "$PROVKIT" "${argv[@]}" --max-size "$size" "$T/s.gz"
    expect_stderr "decompressed output exceeds the"
  done
done
for cmd in "gzip -dc $T/s.gz" "decrypt $T/s.gz" "simulate --profile $PROVKIT_SOURCE_DIR/examples/phone-1001.xml"; do
  read -r -a argv <<<"$cmd"
  for size in 1X 1.5M -5 '' 99999999999999999999 64MB2; do
    expect_status 2 "$PROVKIT" "${argv[@]}" --max-size "$size"
    expect_stderr "^provkit: error: --max-size: '.*' is not a size; give bytes or a number with K, M or G \(e\.g\. 64M\)"
  done
  expect_status 2 "$PROVKIT" "${argv[@]}" --max-size 0
  expect_stderr "^provkit: error: --max-size must be at least 1 byte"
done
done_checks
