#!/usr/bin/env bash
# provkit compile --devices and the disk: every profile reaches the disk before its name appears
# (traced with strace: a file is linked or renamed in only after a syncfs that began after its
# data was written), and a run past 65,536 rows - where the table of file names moves from memory to an
# unnamed file in the output directory - still catches two rows writing the same file.
source "$(dirname "$0")/lib.sh"
command -v strace >/dev/null || fail "strace is needed (scripts/install-deps installs it)"

{
  echo "mac,Display_Name_1_,key"
  for i in $(seq 1 150); do printf '0011223344%02x,User %d,key-%d\n' "$i" "$i" "$i"; done
} >"$T/dev.csv"

# check_trace FILE: every name given to a profile (linkat from /proc/self/fd/N, or renameat of a
# temporary name) belongs to data a syncfs flushed first. Prints "links syncs".
check_trace() {
  python3 - "$1" <<'PY'
import re, sys
written, durable, durable_names = set(), set(), set()
pending_call, pending_sync = {}, {}  # per thread: a call strace split, a syncfs in progress
links = syncs = 0
for raw in open(sys.argv[1]):
    pid, line = raw.rstrip('\n').split(None, 1)  # strace pads short pids
    if line.endswith('<unfinished ...>'):
        pending_call[pid] = line[:-len('<unfinished ...>')]
        if line.startswith('syncfs('): pending_sync[pid] = set(written)  # flushes what came before
        continue
    m = re.match(r'<\.\.\. \w+ resumed>(.*)', line)
    if m: line = pending_call.pop(pid, '') + m.group(1)
    m = re.search(r'openat\(\d+, "\.", [^)]*O_TMPFILE[^)]*\)\s*=\s*(\d+)', line)
    if m: written.add(m.group(1)); durable.discard(m.group(1)); continue
    m = re.search(r'^close\((\d+)', line)
    if m: written.discard(m.group(1)); durable.discard(m.group(1)); continue
    if re.search(r'^syncfs\(.*= 0$', line):
        syncs += 1
        durable |= pending_sync.pop(pid, written) & written
        continue
    m = re.search(r'linkat\(AT_FDCWD, "/proc/self/fd/(\d+)", \d+, "([^"]+)".*= 0$', line)
    if m:
        fd, name = m.groups()
        if fd not in durable: sys.exit(f"{name} linked in before its data was flushed: {raw.strip()}")
        if name.startswith('.provkit-'): durable_names.add(name)
        else: links += 1
        continue
    m = re.search(r'renameat2?\(\d+, "([^"]+)", \d+, "([^"]+)".*= 0$', line)
    if m:
        if m.group(1) not in durable_names: sys.exit(f"{m.group(2)} renamed in before its data was flushed")
        links += 1
print(links, syncs)
PY
}

# A new directory: unnamed files linked in; the same run again: renamed over the old files.
# LeakSanitizer cannot run under ptrace: no leak check in the traced runs of a sanitizer build.
for round in new replace; do
  ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0" strace -f -qq -e trace=openat,close,syncfs,linkat,renameat,renameat2 -o "$T/trace" \
    "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv" --out-dir "$T/profiles" --gzip --pass-column key \
    --jobs 2 2>"$T/err" || fail "the $round run failed: $(cat "$T/err")"
  read -r links syncs < <(check_trace "$T/trace") || fail "$round run: $(check_trace "$T/trace" 2>&1)"
  [ "$links" -eq 150 ] || fail "$round run: expected 150 files named, the trace shows $links"
  [ "$syncs" -ge 1 ] || fail "$round run: no syncfs"
  ok
done
[ "$(ls -A "$T/profiles" | wc -l)" -eq 150 ] || fail "temporary files left: $(ls -A "$T/profiles" | grep -v cfg)"
ok

# 70,000 rows: row 69,990 repeats the MAC of row 6, long after the names moved to disk.
awk 'BEGIN { print "mac,Display_Name_1_"
  for (i = 0; i < 70000; i++) printf "0022%08x,User %d\n", (i == 69989 ? 5 : i), i }' >"$T/big.csv"
printf '<flat-profile>\n<Display_Name_1_/>\n</flat-profile>\n' >"$T/small.xml"
expect_status 1 "$PROVKIT" compile "$T/small.xml" --devices "$T/big.csv" --out-dir "$T/big" --keep-going --jobs 2
expect_stderr "row 69990.*the file 002200000005\.cfg is also the file of row 6"
expect_stderr "70000 rows into $T/big: 69999 written, 0 unchanged, 1 failed"
[ "$(ls -A "$T/big" | wc -l)" -eq 69999 ] || fail "expected 69,999 files and nothing else in $T/big"
ok
done_checks
