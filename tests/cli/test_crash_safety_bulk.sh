#!/usr/bin/env bash
# Crash safety of a bulk run: `compile --devices` (6000 rows, --gzip, a key, a fixed --salt so
# that output is reproducible) over an out dir holding the files of an earlier run with other
# content (4000 of the names), SIGKILLed at several moments of the run. Afterwards every file
# is absent, the complete old file or the complete new one (byte for byte against reference
# runs), and the only leftovers are hidden temporary files `.provkit-PID-WORKER-N.tmp`, which a
# later run ignores; that later run makes the directory equal to the reference.
source "$(dirname "$0")/lib.sh"
# On tmpfs when there is one: a SIGKILL leaves the page cache as it is, so the file system does
# not change what is tested, and on a busy disk creating and removing 20,000 files per run
# would take minutes.
W=$(mktemp -d /dev/shm/provkit-crash.XXXXXX 2>/dev/null) || W=$(mktemp -d "$T/w.XXXXXX")
trap 'rm -rf "$T" "$W"' EXIT
cd "$W"
enc=(--gzip -k crash-key --salt 0123456789abcdef --jobs 2)
# A small template, so that the test spends its time in the run, not in copying and comparing.
cat >t.xml <<'EOF'
<flat-profile>
  <Station_Name>Phone $MA</Station_Name>
  <Display_Name_1_/>
  <User_ID_1_/>
  <Resync_Periodic>3600</Resync_Periodic>
</flat-profile>
EOF
python3 -c '
print("mac,Display_Name_1_,User_ID_1_")
for i in range(6000): print("0011aa%06x,New user %d,%d" % (i, i, 100000 + i))' >new.csv
python3 -c '
print("mac,Display_Name_1_,User_ID_1_")
for i in range(4000): print("0011aa%06x,Old user %d,%d" % (i, i, 900000 + i))' >old.csv
expect_status 0 "$PROVKIT" compile t.xml --devices old.csv --out-dir old.ref "${enc[@]}"
expect_status 0 "$PROVKIT" compile t.xml --devices new.csv --out-dir new.ref "${enc[@]}"
[ "$(ls old.ref | wc -l)" -eq 4000 ] && [ "$(ls new.ref | wc -l)" -eq 6000 ] || fail "reference runs"
ok
# The reference files are what a phone reads: the real openssl and gunzip open them.
openssl enc -d -aes-256-cbc -md md5 -pass pass:crash-key -in new.ref/0011aa000007.cfg 2>/dev/null | gunzip -c |
  grep -q '<Display_Name_1_>New user 7</Display_Name_1_>' || fail "new.ref is not the new profile"
ok
cmp -s old.ref/0011aa000007.cfg new.ref/0011aa000007.cfg && fail "old and new files must differ"
ok

# check_dir DIR WHEN: every file old, new or absent; temporary files counted (and kept).
cat >check_dir.py <<'EOF'
import os, re, sys
d = sys.argv[1]
old, new = "old.ref", "new.ref"
names = set(os.listdir(new)) | set(os.listdir(old))
n_old = n_new = n_absent = n_temp = 0
def read(p):
    try:
        with open(p, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None
for name in os.listdir(d):
    if re.fullmatch(r"\.provkit-[0-9]+-[0-9]+-[0-9]+\.tmp", name):
        n_temp += 1
    elif name not in names:
        print("unexpected file %s" % name); sys.exit(1)
for name in sorted(names):
    got = read(os.path.join(d, name))
    if got is None:
        n_absent += 1
    elif got == read(os.path.join(new, name)):
        n_new += 1
    elif got == read(os.path.join(old, name)):
        n_old += 1
    else:
        print("%s is neither the old nor the new file (%d bytes)" % (name, len(got))); sys.exit(1)
print(n_old, n_new, n_absent, n_temp)
EOF
totals_old=0 totals_new=0 totals_absent=0 totals_temp=0
check_dir() {
  local counts
  counts=$(python3 check_dir.py "$1") || fail "after SIGKILL ($2): $counts"
  read -r o n a t <<<"$counts"  # global: the caller reports them
  last_new=$n
  # Names only the new table has are absent or new; the old ones are never absent (not removed).
  [ $((o + n + a)) -eq 6000 ] && [ "$a" -le 2000 ] || fail "after SIGKILL ($2): counts $counts"
  totals_old=$((totals_old + o)) totals_new=$((totals_new + n))
  totals_absent=$((totals_absent + a)) totals_temp=$((totals_temp + t))
  ok
}

# How long an uninterrupted run over the old files takes here: the kills are spread over it.
rm -rf dir && cp -a old.ref dir
start=$(date +%s%N)
expect_status 0 "$PROVKIT" compile t.xml --devices new.csv --out-dir dir "${enc[@]}"
run_ms=$((($(date +%s%N) - start) / 1000000))
check_dir dir "no kill"
[ -z "$(ls -A dir | grep '^\.')" ] || fail "an uninterrupted run left $(ls -A dir | grep '^\.' | head -3)"
ok

kills=0 partial_runs=0
for round in 1 2; do
  for pct in 0 5 15 30 50 70 90; do
    rm -rf dir && cp -a old.ref dir
    "$PROVKIT" compile t.xml --devices new.csv --out-dir dir "${enc[@]}" 2>/dev/null &
    pid=$!
    delay_ms=$((run_ms * pct / 100 + round * 7))
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -KILL "$pid" 2>/dev/null && kills=$((kills + 1))
    wait "$pid" 2>/dev/null || true
    check_dir dir "round $round at $pct% of ${run_ms} ms"
    echo "kill at ${delay_ms} ms: $o old, $n new, $a absent, $t temporary"
    [ "$last_new" -lt 6000 ] && partial_runs=$((partial_runs + 1))
  done
done
echo "SIGKILL x$kills (run ${run_ms} ms; $partial_runs runs cut short): files after the kills:" \
  "$totals_old old, $totals_new new, $totals_absent absent, $totals_temp temporary files left"
[ "$partial_runs" -ge 3 ] || fail "only $partial_runs runs were killed mid-way: the test did not test"
ok

# A later run over a directory a kill left behind, with the temporary files of the killed run
# (kills at 10-50% of the run until one is left, bounded), ignores them and finishes the job.
for try in $(seq 1 12); do
  rm -rf dir && cp -a old.ref dir
  "$PROVKIT" compile t.xml --devices new.csv --out-dir dir "${enc[@]}" 2>/dev/null &
  pid=$!
  delay_ms=$((run_ms * (10 + try * 37 % 40) / 100))
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  stale=$(ls -A dir | grep -c '^\.provkit-' || true)
  [ "$stale" -eq 0 ] || break
done
if [ "$stale" -eq 0 ]; then  # no kill hit a rename window: stand in for one
  printf 'not a profile\n' >"dir/.provkit-1-0-0.tmp"
  stale=1
fi
expect_status 0 "$PROVKIT" compile t.xml --devices new.csv --out-dir dir "${enc[@]}"
expect_stderr "^provkit: 6000 rows into dir: 6000 written, 0 unchanged, 0 failed"
check_dir dir "re-run"
[ "$last_new" -eq 6000 ] || fail "after the re-run only $last_new of 6000 files are the new ones"
ok
left=$(ls -A dir | grep -c '^\.provkit-' || true)
[ "$left" -le "$stale" ] || fail "the re-run left temporary files of its own"
ok
echo "after a complete re-run: $left of the $stale temporary files of the killed run remain (hidden, ignored)"
done_checks
