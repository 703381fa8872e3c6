#!/usr/bin/env bash
# Benchmark: `provkit lint` over 10,000 copies of the sample profile (generated into a temporary
# directory), against `xmllint --noout` on the same files, which only checks well-formedness.
# Prints a Markdown table: best wall time of RUNS runs, MB/s of profile text, and the ratio.
# Usage: bench/bench_lint.sh [COPIES] [RUNS]   (PROVKIT=path/to/provkit to pick a binary)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
PROVKIT=${PROVKIT:-$root/build/provkit}
copies=${1:-10000}
runs=${2:-3}
sample=$root/examples/sample-profile.xml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! command -v xmllint >/dev/null; then
  echo "installing libxml2-utils for xmllint" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq libxml2-utils >/dev/null
  else sudo apt-get install -y -qq libxml2-utils >/dev/null; fi
fi

mkdir "$tmp/profiles"
for ((i = 0; i < copies; i++)); do cp "$sample" "$tmp/profiles/phone-$i.xml"; done
bytes=$((copies * $(wc -c <"$sample")))

# Same verdict first: a benchmark of something broken measures nothing. Both accept the copies,
# and provkit rejects a broken one (so it is not skipping the work).
"$PROVKIT" lint --werror "$tmp/profiles" >"$tmp/out" || { echo "provkit lint rejected the sample" >&2; exit 1; }
[ ! -s "$tmp/out" ] || { echo "provkit lint reported findings on the sample" >&2; exit 1; }
sed 's/<Resync_Periodic ua="na">7200/<Resync_Periodic ua="na">7200+x/' "$sample" >"$tmp/broken.xml"
if "$PROVKIT" lint "$tmp/broken.xml" >/dev/null; then echo "provkit lint accepted a broken profile" >&2; exit 1; fi
find "$tmp/profiles" -name '*.xml' -print0 | xargs -0 xmllint --noout

# best COMMAND...: "WALL CPU", the least wall time and the least CPU time (user + system,
# children included) of $runs runs. CPU time is what one core spends; wall time suffers most
# from other jobs on a shared machine.
best() {
  local best_cpu="" best_wall="" r wall user sys cpu
  for ((r = 0; r < runs; r++)); do
    { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null; } 2>"$tmp/time"
    read -r wall user sys <"$tmp/time"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
    if [ -z "$best_cpu" ] || awk -v a="$cpu" -v b="$best_cpu" 'BEGIN { exit !(a < b) }'; then best_cpu=$cpu; fi
    if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then best_wall=$wall; fi
  done
  echo "$best_wall $best_cpu"
}
xmllint_all() { find "$tmp/profiles" -name '*.xml' -print0 | xargs -0 xmllint --noout; }

read -r pw pc < <(best "$PROVKIT" lint "$tmp/profiles")
read -r xw xc < <(best xmllint_all)
mbs() { awk -v b="$bytes" -v s="$1" 'BEGIN { printf "%.0f", b / 1e6 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "| $copies copies of the sample ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB), best of $runs | wall s | CPU s | MB/s (CPU) | MB/s (wall) |"
echo "|---|---:|---:|---:|---:|"
echo "| provkit lint DIR | $pw | $pc | $(mbs "$pc") | $(mbs "$pw") |"
echo "| xmllint --noout (well-formedness only, via xargs) | $xw | $xc | $(mbs "$xc") | $(mbs "$xw") |"
echo "| provkit lint / xmllint (time ratio) | $(ratio "$pw" "$xw") | $(ratio "$pc" "$xc") | | |"
