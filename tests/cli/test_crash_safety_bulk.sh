#!/usr/bin/env bash
# Crash safety of compile --devices: a bulk run over a directory that holds the previous run's
# profiles (for every other device; the rest are new) is killed (SIGKILL) at several moments;
# afterwards every profile must be byte for byte the old one or the complete new one, and one
# that did not exist must be absent or the complete new one (a fixed --salt makes both
# reproducible), never partial. Temporary names (.provkit-*) a kill leaves are counted, and a
# re-run must finish the job and remove them.
source "$(dirname "$0")/lib.sh"
rows=4000

table() {  # table VERSION: the devices, with a display name that differs between versions
  awk -v n="$rows" -v v="$1" 'BEGIN { print "mac,Display_Name_1_,key"
    for (i = 0; i < n; i++) printf "0033%08x,%s user %d,key-%d\n", i, v, i, i }'
}
table old >"$T/old.csv"
table new >"$T/new.csv"
run() {  # run TABLE DIR: one bulk run, gzip + openssl format with a fixed salt
  "$PROVKIT" compile "$SAMPLE" --devices "$1" --out-dir "$2" --gzip --pass-column key \
    --salt 0011223344556677 --jobs 2
}
run "$T/old.csv" "$T/old.ref" 2>/dev/null || fail "the reference run (old) failed"
run "$T/new.csv" "$T/new.ref" 2>/dev/null || fail "the reference run (new) failed"
[ "$(ls "$T/old.ref" | wc -l)" -eq "$rows" ] || fail "the old reference run did not make $rows files"
cmp -s "$T/old.ref/003300000000.cfg" "$T/new.ref/003300000000.cfg" && fail "old and new profiles are the same"
ok

# sums DIR: "name checksum" of every profile in DIR, sorted by name.
sums() { (cd "$1" && find . -maxdepth 1 -name '*.cfg' -exec cksum {} + | awk '{ print substr($3, 3), $1 "-" $2 }' | sort); }
sums "$T/old.ref" >"$T/old.sums"
sums "$T/new.ref" >"$T/new.sums"
join "$T/old.sums" "$T/new.sums" >"$T/both.sums"  # name old-sum new-sum
# The directory each killed run starts from: the old profiles of the even devices only.
mkdir "$T/start"
awk 'NR % 2 == 1 { print $1 }' "$T/both.sums" | (cd "$T/old.ref" && xargs cp -p -t "$T/start")
awk 'NR % 2 == 0 { print $1 }' "$T/both.sums" >"$T/absent.names"
# How long a whole run from there takes on this machine (kill times are fractions of it).
cp -a "$T/start" "$T/d"
started=${EPOCHREALTIME//[!0-9]/}
run "$T/new.csv" "$T/d" 2>/dev/null || fail "a run over the old profiles failed"
run_us=$((${EPOCHREALTIME//[!0-9]/} - started))

old_files=0 new_files=0 absent_files=0 temps=0
check_dir() {  # check_dir WHEN: every profile in $T/d is the old or the new one, or absent if new
  sums "$T/d" >"$T/d.sums"
  local counts
  counts=$(join -a 1 "$T/both.sums" "$T/d.sums" | awk -v rows="$rows" '
    FILENAME != "-" { absent[$1] = 1; next }
    $4 == "" && ($1 in absent) { gone++; next }
    $4 == $2 && !($1 in absent) { old++; next } $4 == $3 { new++; next }
    { print "BAD " $1 " " ($4 == "" ? "missing" : "neither old nor new"); exit }
    END { print old + 0, new + 0, gone + 0 }' "$T/absent.names" -)
  case $counts in BAD*) fail "after a SIGKILL at $1: ${counts#BAD }" ;; esac
  read -r o n a <<<"$counts"
  [ $((o + n + a)) -eq "$rows" ] || fail "after a SIGKILL at $1: $((o + n + a)) of $rows profiles checked"
  old_files=$((old_files + o)) new_files=$((new_files + n)) absent_files=$((absent_files + a))
  local others
  others=$(ls -A "$T/d" | grep -v '\.cfg$' || true)
  if [ -n "$others" ]; then
    echo "$others" | grep -qv '^\.provkit-' && fail "after a SIGKILL at $1: unexpected files: $others"
    temps=$((temps + $(echo "$others" | wc -l)))
  fi
  ok
}

# kill_runs LABEL PERCENT...: for each PERCENT, a run from $T/start (prefixed by the command
# words in the array run_prefix) killed after that share of a whole run's time, then checked.
# Kill times are fractions of a whole run, so that they fall inside it on a fast machine and
# under a sanitizer alike.
run_prefix=()
start_killable() {  # a run from $T/start in the background; sets pid
  rm -rf "$T/d" && cp -a "$T/start" "$T/d"
  "${run_prefix[@]}" "$PROVKIT" compile "$SAMPLE" --devices "$T/new.csv" --out-dir "$T/d" --gzip \
    --pass-column key --salt 0011223344556677 --jobs 2 2>/dev/null &
  pid=$!
}
kill_runs() {
  local label=$1 percent when pid
  shift
  for percent in "$@"; do
    when=$(awk -v us="$run_us" -v p="$percent" 'BEGIN { printf "%.3f", us * p / 100 / 1e6 }')
    start_killable
    sleep "$when"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    check_dir "$when s$label"
  done
}
# kill_when LABEL CONDITION: a run killed as soon as the shell command CONDITION holds (polled
# every 10 ms, up to 60 s), then checked. On a loaded machine a run can take several times as
# long as the measured one (or a fraction of it), so fixed fractions can all miss a moment the
# checks below want to see; the moments not yet seen are then sought this way.
kill_when() {
  local label=$1 pid i
  start_killable
  for ((i = 0; i < 6000; i++)); do
    eval "$2" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  check_dir "$label"
}
kill_runs "" 2 5 10 15 20 30 50 70
first_new=$(head -n 1 "$T/absent.names")
for _ in 1 2 3; do  # a kill right at the start: nothing replaced or made yet
  [ "$old_files" -gt 0 ] && [ "$absent_files" -gt 0 ] && break
  kill_when "the start" true
done
for _ in 1 2 3; do  # a kill once a new profile exists
  [ "$new_files" -gt 0 ] && break
  kill_when "the first new profile" '[ -e "$T/d/$first_new" ]'
done
echo "whole run $((run_us / 1000)) ms; after SIGKILL: $old_files old profiles, $new_files new, $absent_files not yet made, $temps temporary names left"
# Some kills must land in the middle: all kinds seen (else the timing saw nothing).
[ "$new_files" -gt 0 ] || fail "no kill came after a profile was written: the test saw nothing"
[ "$old_files" -gt 0 ] || fail "no kill came before an old profile was replaced: the test saw nothing"
[ "$absent_files" -gt 0 ] || fail "no kill came before a new profile was made: the test saw nothing"
ok

# The same on a file system without unnamed files (O_TMPFILE refused by an LD_PRELOAD shim): the
# profiles are written to named temporary files and renamed. Kills now leave temporary names.
if [ -n "${PROVKIT_NO_TMPFILE:-}" ]; then
  run_prefix=(env "LD_PRELOAD=$PROVKIT_NO_TMPFILE")
  # An ASan binary wants its runtime first among the libraries; the shim only forwards to libc.
  links_asan "$PROVKIT" && run_prefix+=("ASAN_OPTIONS=${ASAN_OPTIONS:-}:verify_asan_link_order=0")
  temps=0 old_files=0 new_files=0 absent_files=0
  kill_runs ", named temporary files" 30 45 60 75
  for _ in 1 2 3 4 5; do  # kills as soon as a temporary name exists
    [ "$temps" -gt 0 ] && break
    kill_when "a temporary name, named temporary files" 'compgen -G "$T/d/.provkit-*" >/dev/null'
  done
  echo "named temporary files: $old_files old profiles, $new_files new, $absent_files not yet made, $temps temporary names left"
  [ "$temps" -gt 0 ] || fail "no kill left a temporary name: the named-file path was not taken"
  ok
else
  echo "PROVKIT_NO_TMPFILE not set: the named-temporary-file path is not tested" >&2
fi

# A run to the end over what the last kill left: every profile new, nothing temporary left -
# the temporary files of processes that are gone are removed (one planted here for sure), those
# of a live process (this shell's) are not.
true &
dead=$!
wait "$dead"
echo stale >"$T/d/.provkit-$dead-0-7.tmp"
echo live >"$T/d/.provkit-$$-0-7.tmp"
expect_status 0 run "$T/new.csv" "$T/d"
[ -f "$T/d/.provkit-$$-0-7.tmp" ] || fail "a live process's temporary file was removed"
rm "$T/d/.provkit-$$-0-7.tmp"
sums "$T/d" | cmp -s - "$T/new.sums" || fail "a run to the end did not leave every profile new"
[ -z "$(ls -A "$T/d" | grep -v '\.cfg$' || true)" ] || fail "the re-run left $(ls -A "$T/d" | grep -v '\.cfg$')"
ok
done_checks
