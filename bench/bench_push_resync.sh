#!/usr/bin/env bash
# Benchmark: `provkit push-resync --phones LIST --parallel 64` against a shell loop of `curl`,
# both resyncing the same 1,000 fake phones (tests/cli/fake_phone.py, 250 on each of
# 127.0.0.2-127.0.0.5, query credentials checked). Prints phones/s of each and the ratio as a
# Markdown table, after checking that every phone answered 200 and was asked once per run.
# Usage: bench/bench_push_resync.sh [PHONES] [RUNS]   (PROVKIT=path/to/provkit to pick a binary)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
PROVKIT=${PROVKIT:-$root/build/provkit}
phones=${1:-1000}
runs=${2:-3}
tmp=$(mktemp -d)
export BENCH_PW='bench-Pw&1'
pw_in_url='bench-Pw%261'
python3 "$root/tests/cli/fake_phone.py" --ready "$tmp/ready" --log "$tmp/log" --password "$BENCH_PW" \
  "query*$((phones / 4))@127.0.0.2" "query*$((phones / 4))@127.0.0.3" "query*$((phones / 4))@127.0.0.4" \
  "query*$((phones - 3 * (phones / 4)))@127.0.0.5" 2>"$tmp/phone.err" &
phone_pid=$!
trap 'kill $phone_pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 600); do [ -s "$tmp/ready" ] && break; sleep 0.05; done
[ -s "$tmp/ready" ] || { echo "bench: the fake phones did not start: $(cat "$tmp/phone.err")" >&2; exit 1; }
cut -d' ' -f1 "$tmp/ready" >"$tmp/phones.txt"
rule='https://prov.example.com/cisco/$MA.xml'

now_ns() { date +%s%N; }

# check_run: every phone answered 200 to exactly one request since the log was emptied.
check_run() {
  python3 - "$tmp/log" "$phones" <<'EOF'
import collections, json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
asked = collections.Counter(e["phone"] for e in log)
bad = [e for e in log if e["auth"] != "ok"]
if len(asked) != int(sys.argv[2]) or set(asked.values()) != {1} or bad:
    sys.exit(f"bench: {len(asked)} phones asked, counts {set(asked.values())}, {len(bad)} refused")
EOF
}

provkit_best=0
for ((r = 0; r < runs; r++)); do
  : >"$tmp/log"
  start=$(now_ns)
  "$PROVKIT" push-resync --phones "$tmp/phones.txt" --password env:BENCH_PW --parallel 64 --format json \
    "$rule" >"$tmp/report.json" 2>"$tmp/report.err"
  end=$(now_ns)
  check_run
  [ "$(grep -c '"ok":true' "$tmp/report.json")" = "$phones" ] || { echo "bench: not every phone ok" >&2; exit 1; }
  rate=$((phones * 1000000000 / (end - start)))
  [ "$rate" -gt "$provkit_best" ] && provkit_best=$rate
done

: >"$tmp/log"
start=$(now_ns)
while read -r p; do
  curl -s -o /dev/null --max-time 15 "http://$p/admin/resync?$rule&xuser=admin&xpassword=$pw_in_url"
done <"$tmp/phones.txt"
end=$(now_ns)
check_run
curl_rate=$((phones * 1000000000 / (end - start)))

echo "| $phones fake phones on 127.0.0.2-5 | phones/s |"
echo "|---|---:|"
echo "| provkit push-resync --parallel 64 (best of $runs) | $provkit_best |"
echo "| shell loop of curl (one run) | $curl_rate |"
echo "| ratio | $(awk -v a="$provkit_best" -v b="$curl_rate" 'BEGIN { printf "%.1fx", a / b }') |"
