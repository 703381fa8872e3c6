#!/usr/bin/env bash
# Peak memory of `provkit compile --devices` against the number of rows (issue 6: memory
# independent of the rows). A three-parameter template, one {{column}}, no encryption - so the
# run is about the table, the indexes and the files - at SMALL and LARGE rows (default 100,000
# and 1,000,000; the large run writes a million small files). Prints a Markdown table of wall
# time, CPU time and peak RSS. Usage: bench/bench_bulk_memory.sh [SMALL [LARGE]]
# (PROVKIT=... picks a binary; BENCH_DIR=... where the files go, default build/ of this tree)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
PROVKIT=${PROVKIT:-$root/build/provkit}
small=${1:-100000}
large=${2:-1000000}
mkdir -p "${BENCH_DIR:-$root/build}"
tmp=$(mktemp -d "${BENCH_DIR:-$root/build}/bench-bulk-memory.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
[ -x /usr/bin/time ] || { echo "bench_bulk_memory: needs GNU time (apt-get install time)" >&2; exit 1; }

printf '<flat-profile>\n<Station_Name>desk</Station_Name>\n<Display_Name_1_>{{name}}</Display_Name_1_>\n</flat-profile>\n' \
  >"$tmp/template.xml"
echo "| rows | wall s | CPU user + sys s | peak RSS MiB |"
echo "|---:|---:|---:|---:|"
for rows in "$small" "$large"; do
  awk -v n="$rows" 'BEGIN { print "mac,name"; for (i = 0; i < n; i++) printf "0011%08x,User %d\n", i, i }' >"$tmp/devices.csv"
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$PROVKIT" compile "$tmp/template.xml" \
    --devices "$tmp/devices.csv" --out-dir "$tmp/out" --jobs 2 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  [ "$(find "$tmp/out" -type f | wc -l)" -eq "$rows" ] || { echo "bench_bulk_memory: not $rows files" >&2; exit 1; }
  read -r wall user sys rss <"$tmp/time"
  awk -v r="$rows" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" \
    'BEGIN { printf "| %d | %s | %s + %s | %.1f |\n", r, w, u, s, m / 1024 }'
  rm -rf "$tmp/out"
done
