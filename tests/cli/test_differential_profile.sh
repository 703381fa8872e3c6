#!/usr/bin/env bash
# Differential test of the flat-profile reader: seeded random well-formed profiles (escapes,
# character references, CDATA, comments, white space, CR LF, Unicode, repeated names, ua) read
# by provkit (compile's canonical output) and by Python's xml.etree; names, values and ua agree.
source "$(dirname "$0")/lib.sh"
seed=${PROVKIT_TEST_SEED:-20240608}
count=${PROVKIT_PROFILE_CASES:-150}
echo "seed $seed (PROVKIT_TEST_SEED=$seed to repeat)"
python3 "$PROVKIT_SOURCE_DIR/tests/cli/profile_diff.py" gen "$seed" "$T" "$count"
for ((i = 0; i < count; i++)); do
  expect_status 0 "$PROVKIT" compile -o "$T/c$i.xml" "$T/p$i.xml"
  python3 "$PROVKIT_SOURCE_DIR/tests/cli/profile_diff.py" check "$T/p$i.xml" "$T/c$i.xml" ||
    fail "case $i differs (seed $seed): $T/p$i.xml"
  ok
done
done_checks
