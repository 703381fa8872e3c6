#!/usr/bin/env bash
# Benchmark of `provkit compile --devices` (issue 6): the sample profile as template, ROWS
# devices with three device-specific parameters (Display_Name_1_, User_ID_1_, Password_1_) and
# a per-device key, --gzip plus openssl-format encryption. Baselines in the same run: the shell
# pipeline `sed | gzip | openssl enc -md md5` on SHELL_ROWS devices, and naive per-profile
# compression (--keep-order: every profile deflated whole) on NAIVE_ROWS devices. Checks first
# that a sample of the outputs decoded by `openssl enc -d | gunzip` has the same parameters in
# all three. Prints a Markdown table: wall time, profiles/s, CPU time, peak memory.
# Usage: bench/bench_bulk.sh [ROWS [SHELL_ROWS [NAIVE_ROWS]]]   (PROVKIT=... picks a binary;
# BENCH_DIR=... where the profiles go, default build/ of this tree, i.e. the same disk)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
PROVKIT=${PROVKIT:-$root/build/provkit}
rows=${1:-100000}
shell_rows=${2:-300}
naive_rows=${3:-10000}
sample=$root/examples/sample-profile.xml
mkdir -p "${BENCH_DIR:-$root/build}"
tmp=$(mktemp -d "${BENCH_DIR:-$root/build}/bench-bulk.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# GNU time reports the peak memory; install it if this machine lacks it (Debian package "time").
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq time >/dev/null; else sudo apt-get install -y -qq time >/dev/null; fi
fi

# The device table: MAC, three parameters, a key per device.
awk -v n="$rows" 'BEGIN {
  srand(6); print "mac,Display_Name_1_,User_ID_1_,Password_1_,key"
  for (i = 0; i < n; i++)
    printf "0011%08x,User %d,%d,pw%08x,key%08x%08x\n", i, i, 100000 + i, int(rand() * 2^31), int(rand() * 2^31), i
}' >"$tmp/devices.csv"
head -n $((shell_rows + 1)) "$tmp/devices.csv" >"$tmp/shell.csv"
head -n $((naive_rows + 1)) "$tmp/devices.csv" >"$tmp/naive.csv"

# timed NAME CMD...: runs CMD under GNU time; records "wall user sys maxrss_kb" in $tmp/NAME.time.
timed() {
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/$name.time" "$@" >/dev/null 2>"$tmp/$name.err" ||
    { cat "$tmp/$name.err" >&2; exit 1; }
}

# The shell pipeline an admin would write: one sed | gzip | openssl per device.
shell_pipeline() {
  mkdir -p "$tmp/shell"
  tail -n +2 "$tmp/shell.csv" | while IFS=, read -r mac name uid pw key; do
    sed -e "s|<Display_Name_1_ ua=\"na\"/>|<Display_Name_1_ ua=\"na\">$name</Display_Name_1_>|" \
      -e "s|<User_ID_1_ ua=\"na\"/>|<User_ID_1_ ua=\"na\">$uid</User_ID_1_>|" \
      -e "s|</flat-profile>|<Password_1_>$pw</Password_1_>\n</flat-profile>|" "$sample" |
      gzip -c | openssl enc -e -aes-256-cbc -md md5 -pass "pass:$key" -out "$tmp/shell/$mac.cfg" 2>/dev/null
  done
}

export -f shell_pipeline
export tmp sample
bulk=("$PROVKIT" compile "$sample" --gzip --pass-column key)

load_before=$(cut -d' ' -f1 /proc/loadavg)
timed fast2 "${bulk[@]}" --devices "$tmp/devices.csv" --out-dir "$tmp/fast2" --jobs 2
timed fast1 "${bulk[@]}" --devices "$tmp/devices.csv" --out-dir "$tmp/fast1" --jobs 1
timed naive "${bulk[@]}" --devices "$tmp/naive.csv" --out-dir "$tmp/naive" --jobs 2 --keep-order
timed shell bash -c shell_pipeline
load_after=$(cut -d' ' -f1 /proc/loadavg)

# Same result first: a benchmark of something broken measures nothing. Every 37th device of the
# shell subset (and the last), decoded by the real openssl and gunzip, has the same parameters
# from all three ways (canonicalised by provkit compile, sorted: order carries no meaning).
decode() { openssl enc -d -aes-256-cbc -md md5 -pass "pass:$2" -in "$1" 2>/dev/null | gunzip -c; }
canon() { "$PROVKIT" compile --from xml - 2>/dev/null | grep -v -e '^<?xml' -e 'flat-profile>$' | sort; }
checked=0
while IFS=, read -r mac _ _ _ key; do
  decode "$tmp/fast2/$mac.cfg" "$key" | canon >"$tmp/a" || { echo "fast output $mac does not decode" >&2; exit 1; }
  decode "$tmp/naive/$mac.cfg" "$key" | canon >"$tmp/b"
  decode "$tmp/shell/$mac.cfg" "$key" | canon >"$tmp/c"
  [ -s "$tmp/a" ] && cmp -s "$tmp/a" "$tmp/b" && cmp -s "$tmp/a" "$tmp/c" ||
    { echo "device $mac: the three ways differ" >&2; diff "$tmp/a" "$tmp/c" >&2; exit 1; }
  checked=$((checked + 1))
done < <(tail -n +2 "$tmp/shell.csv" | awk -v n="$shell_rows" 'NR % 37 == 1 || NR == n')
for run in fast2 fast1; do
  [ "$(find "$tmp/$run" -name '*.cfg' | wc -l)" -eq "$rows" ] || { echo "$run: not $rows files" >&2; exit 1; }
done

# row NAME LABEL ROWS: one table row; sets $rate (profiles/s) for the ratios.
row() {
  local wall user sys rss
  read -r wall user sys rss <"$tmp/$1.time"
  rate=$(awk -v n="$3" -v w="$wall" 'BEGIN { printf "%.0f", n / (w > 0 ? w : 0.001) }')
  local cpu_us size
  cpu_us=$(awk -v n="$3" -v u="$user" -v s="$sys" 'BEGIN { printf "%.0f", (u + s) * 1e6 / n }')
  size=$(find "$tmp/$1" -name '*.cfg' -printf '%s\n' 2>/dev/null | awk '{ t += $1 } END { printf "%.0f", t / NR }')
  echo "| $2 | $3 | $wall | $rate | $user + $sys | $cpu_us | $((rss / 1024)) | $size |"
}
echo "Workload: $(wc -c <"$sample")-byte sample profile as template, --gzip, openssl enc (md5) with a key"
echo "per device, 3 device-specific parameters; profiles on $(df --output=fstype "$tmp" | tail -1)."
echo "Load average (1 min) before/after: $load_before / $load_after on $(nproc) cores;"
echo "$checked devices decoded with openssl enc -d | gunzip: identical parameters in all three ways."
echo
echo "| way | profiles | wall s | profiles/s | CPU user + sys s | CPU us/profile | peak RSS MiB | bytes/file |"
echo "|---|---|---|---|---|---|---|---|"
row fast2 "provkit --jobs 2" "$rows"; r2=$rate
row fast1 "provkit --jobs 1" "$rows"; r1=$rate
row naive "provkit --keep-order (naive: whole profile deflated each time), --jobs 2" "$naive_rows"; rn=$rate
row shell "shell: sed \| gzip \| openssl enc -md md5, per device" "$shell_rows"; rs=$rate
echo
awk -v a="$r2" -v b="$r1" -v n="$rn" -v s="$rs" 'BEGIN {
  printf "provkit --jobs 2 vs the shell pipeline: %.0fx; vs naive compression: %.1fx; --jobs 2 vs --jobs 1: %.2fx\n",
         a / s, a / n, a / b }'
