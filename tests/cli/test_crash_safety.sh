#!/usr/bin/env bash
# Crash safety of a single output: provkit is SIGKILLed while it decompresses a large file over
# an existing -o target, at several moments (fixed delays, and as soon as its temporary file
# appears, i.e. mid-write). Afterwards the target is always the old file or the complete new
# one. The only leftovers allowed are the hidden temporary files `.NAME.provkit-XXXXXXXX` next
# to the target (README "Hardening"). The bulk-run part (compile --devices) comes with the
# `bulk` branch: see the note at the end.
source "$(dirname "$0")/lib.sh"
cd "$T"
# 96 MiB of varied text (not all zeros, so inflating and writing take a while).
python3 -c '
import sys
line = b"".join(b"<P%06d>value %06d</P%06d>\n" % (i, i * 7919 % 999983, i) for i in range(4096))
sys.stdout.buffer.write(line * (96 * 1048576 // len(line) + 1))' | head -c 100663296 >new.ref
gzip -1nc new.ref >big.gz
printf 'the old file\n' >old.ref
outcomes_old=0 outcomes_new=0 temps=0
check_target() {
  if cmp -s target old.ref; then outcomes_old=$((outcomes_old + 1))
  elif cmp -s target new.ref; then outcomes_new=$((outcomes_new + 1))
  else fail "after SIGKILL ($1) the target is neither the old nor the new file ($(stat -c %s target) bytes)"; fi
  ok
  local f
  for f in * .[!.]*; do
    [ -e "$f" ] || continue
    case $f in
      target | old.ref | new.ref | big.gz) ;;
      .target.provkit-????????) temps=$((temps + 1)); rm -f -- "$f" ;;
      *) fail "after SIGKILL ($1) unexpected file left: $f" ;;
    esac
  done
  ok
}
run_killed() {  # run_killed HOW: starts provkit over the old target and SIGKILLs it
  cp old.ref target
  "$PROVKIT" gzip -d -k -f --max-size 1g -o target big.gz 2>/dev/null &
  local pid=$! i
  case $1 in
    mid-write)  # as soon as the temporary file exists (bounded wait)
      for ((i = 0; i < 3000; i++)); do
        compgen -G '.target.provkit-*' >/dev/null && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.01
      done ;;
    *) sleep "$1" ;;
  esac
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  check_target "$1"
}
for round in 1 2; do
  for how in 0 0.02 0.1 0.3 mid-write 0.6 1 2 mid-write; do run_killed "$how"; done
done
echo "after SIGKILL: $outcomes_old x old file, $outcomes_new x new file, $temps temporary files left"
# Uninterrupted, the same command replaces the target completely and leaves nothing behind.
cp old.ref target
expect_status 0 "$PROVKIT" gzip -d -k -f --max-size 1g -o target big.gz
same_bytes target new.ref
[ -z "$(compgen -G '.target.provkit-*')" ] || fail "a completed run left a temporary file"
ok
done_checks
