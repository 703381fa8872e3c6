#!/usr/bin/env bash
# provkit compile --devices: generated files decoded by the real openssl and gunzip equal the
# naive path and a one-device compile; CSV quoting, JSON Lines, --pass-column, bad rows, usage.
source "$(dirname "$0")/lib.sh"

# dec FILE KEY: what a phone reads from an encrypted, gzipped profile.
dec() { openssl enc -d -aes-256-cbc -md md5 -pass "pass:$2" -in "$1" 2>/dev/null | gunzip -c; }
# params FILE: the parameter lines of an XML profile, sorted (order is no part of the meaning).
params() { grep -v -e '^<?xml' -e 'flat-profile>$' "$1" | sort; }

# A table of 30 devices with three device-specific parameters and a key each.
{
  echo "mac,Display_Name_1_,User_ID_1_,Password_1_,key"
  for i in $(seq 1 30); do
    printf '00:11:22:aa:bb:%02X,User %d,%d,pw-%d-x,key-%d\n' "$i" "$i" "$((1000 + i))" "$((i * 31))" "$i"
  done
} >"$T/dev.csv"

expect_status 0 "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv" --out-dir "$T/fast" --gzip \
  --pass-column key --jobs 2
expect_stderr "^provkit: 30 rows into $T/fast: 30 written, 0 unchanged, 0 failed in "
grep -q $'\r' "$T/err" && fail "progress was drawn on a non-terminal"
ok
expect_status 0 "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv" --out-dir "$T/naive" --gzip \
  --pass-column key --keep-order --jobs 1
[ "$(ls "$T/fast" | wc -l)" -eq 30 ] || fail "expected 30 files: $(ls "$T/fast")"
ok
for i in 1 2 3 17 30; do
  mac=$(printf '001122aabb%02x' "$i")
  dec "$T/fast/$mac.cfg" "key-$i" >"$T/f.xml" || fail "openssl/gunzip cannot decode $mac.cfg"
  dec "$T/naive/$mac.cfg" "key-$i" >"$T/n.xml" || fail "openssl/gunzip cannot decode the naive $mac.cfg"
  openssl enc -d -aes-256-cbc -md md5 -pass "pass:key-$i" -in "$T/fast/$mac.cfg" 2>/dev/null | gzip -t ||
    fail "gzip -t rejects the CRC or length of $mac.cfg"
  # The same device through the one-profile path: provkit compile --set.
  "$PROVKIT" compile "$SAMPLE" --set "Display_Name_1_=User $i" --set "User_ID_1_=$((1000 + i))" \
    --set "Password_1_=pw-$((i * 31))-x" -o "$T/one.xml" 2>/dev/null
  params "$T/f.xml" >"$T/f.sorted"
  params "$T/n.xml" >"$T/n.sorted"
  params "$T/one.xml" >"$T/one.sorted"
  same_bytes "$T/f.sorted" "$T/n.sorted"
  same_bytes "$T/f.sorted" "$T/one.sorted"
  grep -q "<Display_Name_1_ ua=\"na\">User $i</Display_Name_1_>" "$T/f.xml" || fail "Display_Name_1_ of $mac"
  # Only the device's own key opens its file.
  other=$((i % 30 + 1))
  if openssl enc -d -aes-256-cbc -md md5 -pass "pass:key-$other" -in "$T/fast/$mac.cfg" 2>/dev/null |
    gunzip -c >/dev/null 2>&1; then fail "$mac.cfg opens with key-$other"; fi
  ok
done

# CSV quoting: commas, doubled quotes and line breaks inside quoted fields; {{column}} in a
# template value next to a phone macro, which stays as it is.
printf '<flat-profile><Station_Name>{{room}} ($MA)</Station_Name><GPP_A/></flat-profile>\n' >"$T/t.xml"
printf 'mac,room,GPP_A\r\n001122334455,"Hall, east","say ""hi"""\r\n001122334466,"two\nlines",plain\r\n' \
  >"$T/q.csv"
expect_status 0 "$PROVKIT" compile "$T/t.xml" --devices "$T/q.csv" --out-dir "$T/q"
grep -qx '<Station_Name>Hall, east ($MA)</Station_Name>' "$T/q/001122334455.cfg" ||
  fail "comma field: $(cat "$T/q/001122334455.cfg")"
grep -qx '<GPP_A>say "hi"</GPP_A>' "$T/q/001122334455.cfg" || fail "quoted quotes: $(cat "$T/q/001122334455.cfg")"
grep -qx '<Station_Name>two&#10;lines ($MA)</Station_Name>' "$T/q/001122334466.cfg" ||
  fail "line break field: $(cat "$T/q/001122334466.cfg")"
ok
# The same devices as JSON Lines make the same files.
cat >"$T/q.jsonl" <<'EOF'
{"mac": "00-11-22-33-44-55", "room": "Hall, east", "GPP_A": "say \"hi\""}

{"GPP_A": "plain", "room": "two\nlines", "mac": "0011.2233.4466"}
EOF
expect_status 0 "$PROVKIT" compile "$T/t.xml" --devices "$T/q.jsonl" --out-dir "$T/qj"
same_bytes "$T/q/001122334455.cfg" "$T/qj/001122334455.cfg"
same_bytes "$T/q/001122334466.cfg" "$T/qj/001122334466.cfg"
# ... and from standard input, recognised by its first character.
expect_status 0 "$PROVKIT" compile "$T/t.xml" --devices - --out-dir "$T/qs" <"$T/q.jsonl"
same_bytes "$T/q/001122334466.cfg" "$T/qs/001122334466.cfg"

# Bad rows: reported with line and row number, not written; the run stops at the first one
# unless --keep-going; exit status 1 either way.
cat >"$T/bad.csv" <<'EOF'
mac,Resync_Periodic,Display_Name_1_
001122334401,3600,ok
001122334402,soon,x
not-a-mac,3600,x
001122334404,3600,"x",extra
001122334405,3600,fine
EOF
expect_status 1 "$PROVKIT" compile "$SAMPLE" --devices "$T/bad.csv" --out-dir "$T/bad" --jobs 1
expect_stderr "bad\.csv:3: row 2 \(mac 001122334402\): Resync_Periodic: \"soon\" .*; not written"
expect_stderr "stopped at the first failed row; --keep-going"
[ -f "$T/bad/001122334401.cfg" ] || fail "row 1 was not written"
[ ! -e "$T/bad/001122334402.cfg" ] || fail "the bad row was written"
[ ! -e "$T/bad/001122334405.cfg" ] || fail "a row after the failed one was written"
ok
expect_status 1 "$PROVKIT" compile "$SAMPLE" --devices "$T/bad.csv" --out-dir "$T/bad2" --keep-going
expect_stderr "bad\.csv:4: row 3: mac \"not-a-mac\" is not a MAC address"
expect_stderr "bad\.csv:5: row 4: has 4 fields; the header has 3; not written"
expect_stderr "5 rows into $T/bad2: 2 written, 0 unchanged, 3 failed"
[ "$(ls "$T/bad2")" = "$(printf '001122334401.cfg\n001122334405.cfg')" ] || fail "files: $(ls "$T/bad2")"
ok

# Usage errors are found before anything is read or written (exit 2).
expect_status 2 "$PROVKIT" compile "$SAMPLE" --out-dir "$T/u"
expect_stderr "--out-dir needs --devices TABLE"
expect_status 2 "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv"
expect_stderr "--devices needs --out-dir DIR"
expect_status 2 "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv" --out-dir "$T/u" -o "$T/u.xml"
expect_status 2 "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv" --out-dir "$T/u" --pass-column key -k x
expect_stderr "--pass-column gives each device its own key; -k and --pass give one key for all"
expect_status 2 "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv" --out-dir "$T/u" --shard 3/3
expect_status 2 "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv" --out-dir "$T/u" --name '$PN.cfg'
expect_stderr "is not a name macro"
expect_status 2 "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv" --out-dir "$T/u" --jobs 0
expect_status 2 "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv" --out-dir "$T/u" --name '{{key}}.cfg' \
  --pass-column key
expect_stderr "a key never goes into a file name"
expect_status 1 "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv" --out-dir "$T/u" --name '{{site}}.cfg'
expect_stderr "dev\.csv: no column \"site\" for \{\{site\}\}; the header has: \"mac\", \"Display_Name_1_\""
[ ! -e "$T/u" ] || fail "a failed check created the output directory"
ok

done_checks
