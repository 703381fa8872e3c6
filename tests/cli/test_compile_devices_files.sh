#!/usr/bin/env bash
# provkit compile --devices, the files: nothing outside --out-dir, atomic writes (no temporary
# file left, links not followed), shards covering the table once, and the manifest skipping
# unchanged rows with their bytes and mtime kept.
source "$(dirname "$0")/lib.sh"

{
  echo "mac,User_ID_1_,site,key"
  for i in $(seq 1 40); do printf '0011223344%02x,%d,s%d,key-%d\n' "$i" "$((2000 + i))" "$((i % 3))" "$i"; done
} >"$T/dev.csv"

# Path safety: names that would leave DIR fail their rows; nothing appears outside DIR.
mkdir "$T/safe"
# The absolute name points into this test's own scratch directory: a fixed path such as /tmp/...
# is shared with every other run on the machine (a parallel suite, a stale file from a crash).
cat >"$T/names.csv" <<EOF
mac,name
001122334401,../escaped.cfg
001122334402,$T/abs-escape.cfg
001122334403,sub/dir.cfg
001122334404,..
001122334405,good.cfg
EOF
listing() { find "$T" ! -name err ! -name out ! -name before ! -name after | sort; }
listing >"$T/before"
expect_status 1 "$PROVKIT" compile "$SAMPLE" --devices "$T/names.csv" --out-dir "$T/safe/dest" --name '{{name}}' \
  --keep-going
expect_stderr "row 1 \(mac 001122334401\): --name: the file name \"\.\./escaped\.cfg\" contains '/'"
expect_stderr "row 4 \(mac 001122334404\): --name: the file name \"\.\.\" is a directory"
[ ! -e "$T/abs-escape.cfg" ] || fail "an absolute name was written"
listing >"$T/after"
diff <(comm -13 "$T/before" "$T/after") <(printf '%s\n' "$T/safe/dest" "$T/safe/dest/good.cfg") >/dev/null ||
  fail "unexpected new files: $(comm -13 "$T/before" "$T/after")"
ok

# A symbolic link in DIR is not followed or replaced; its target outside DIR is untouched.
mkdir "$T/links"
echo precious >"$T/target"
ln -s "$T/target" "$T/links/001122334401.cfg"
expect_status 1 "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv" --out-dir "$T/links" --keep-going
expect_stderr "row 1 \(mac 001122334401\): .*001122334401\.cfg is a symbolic link"
[ "$(cat "$T/target")" = precious ] || fail "the link's target was written"
[ -L "$T/links/001122334401.cfg" ] || fail "the link was replaced"
ok
# No temporary file is left behind, and a replaced file keeps its mode.
chmod 600 "$T/links/001122334402.cfg"
expect_status 1 "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv" --out-dir "$T/links" --keep-going --jobs 2
[ -z "$(find "$T/links" -name '.provkit-*')" ] || fail "temporary files left: $(ls -a "$T/links")"
[ "$(stat -c %a "$T/links/001122334402.cfg")" = 600 ] || fail "the mode of a replaced file changed"
ok

# Shards: three runs make exactly the files of one run, each row in exactly one shard.
expect_status 0 "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv" --out-dir "$T/whole" --gzip
for k in 0 1 2; do
  expect_status 0 "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv" --out-dir "$T/parts" --gzip \
    --shard "$k/3" --manifest "$T/shard$k.jsonl"
  expect_stderr "rows \(shard $k/3\) into"
done
diff -r "$T/whole" "$T/parts" >/dev/null || fail "the shards made other files than one run"
cat "$T"/shard?.jsonl | sed 's/.*"mac":"\([0-9a-f]*\)".*/\1/' | sort >"$T/shard-macs"
[ "$(wc -l <"$T/shard-macs")" -eq 40 ] && [ "$(uniq "$T/shard-macs" | wc -l)" -eq 40 ] ||
  fail "the shards do not cover the table exactly once"
sed -n 's/.*"mac":"\([0-9a-f]*\)".*/\1/p' "$T/shard1.jsonl" | while read -r mac; do
  i=$((16#${mac:10:2}))
  [ $(((i - 1) % 3)) -eq 1 ] || fail "row $i is in shard 1"
done
ok

# The manifest: a re-run leaves unchanged rows alone (bytes and mtime), remakes changed ones.
expect_status 0 "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv" --out-dir "$T/m" --gzip \
  --pass-column key --manifest "$T/m.jsonl"
[ "$(wc -l <"$T/m.jsonl")" -eq 40 ] || fail "manifest lines: $(wc -l <"$T/m.jsonl")"
line=$(sed -n 5p "$T/m.jsonl")
[[ "$line" =~ ^\{\"mac\":\"001122334405\",\"file\":\"001122334405\.cfg\",\"sha256\":\"([0-9a-f]{64})\",\"bytes\":([0-9]+),\"inputs\":\"[0-9a-f]{64}\"\}$ ]] ||
  fail "manifest line: $line"
[ "${BASH_REMATCH[1]}" = "$(sha256sum <"$T/m/001122334405.cfg" | cut -d' ' -f1)" ] || fail "manifest sha256"
[ "${BASH_REMATCH[2]}" = "$(stat -c %s "$T/m/001122334405.cfg")" ] || fail "manifest bytes"
grep -q key- "$T/m.jsonl" && fail "the manifest holds a key"
ok
touch -d '2001-02-03 04:05:06' "$T"/m/*.cfg
cp "$T/m/001122334407.cfg" "$T/keep7"
expect_status 0 "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv" --out-dir "$T/m" --gzip \
  --pass-column key --manifest "$T/m.jsonl"
expect_stderr "40 rows into $T/m: 0 written, 40 unchanged, 0 failed"
[ -z "$(find "$T/m" -type f -newermt '2001-02-04')" ] || fail "unchanged files were touched"
same_bytes "$T/keep7" "$T/m/001122334407.cfg"
# One value changed, one key changed, one file damaged: those three are made again.
sed -i -e 's/^001122334403,2003,/001122334403,2999,/' -e 's/,key-9$/,key-nine/' "$T/dev.csv"
printf 'x' >>"$T/m/001122334420.cfg"
touch -d '2001-02-03 04:05:06' "$T/m/001122334420.cfg"
expect_status 0 "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv" --out-dir "$T/m" --gzip \
  --pass-column key --manifest "$T/m.jsonl"
expect_stderr "40 rows into $T/m: 3 written, 37 unchanged, 0 failed"
[ "$(find "$T/m" -type f -newermt '2001-02-04' | sort | xargs -n1 basename | tr '\n' ' ')" = \
  "001122334403.cfg 001122334409.cfg 001122334420.cfg " ] || fail "remade: $(find "$T/m" -type f -newermt '2001-02-04')"
openssl enc -d -aes-256-cbc -md md5 -pass pass:key-nine -in "$T/m/001122334409.cfg" 2>/dev/null | gunzip -c |
  grep -q '<User_ID_1_ ua="na">2009</User_ID_1_>' || fail "the re-keyed file does not open with the new key"
ok
# A --manifest that names some other file is refused and left alone.
cp "$T/dev.csv" "$T/other.csv"
expect_status 1 "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv" --out-dir "$T/m" --manifest "$T/other.csv"
expect_stderr "other\.csv:1: not a provkit manifest line; refusing to replace the file"
same_bytes "$T/dev.csv" "$T/other.csv"
expect_status 2 "$PROVKIT" compile "$SAMPLE" --devices "$T/dev.csv" --out-dir "$T/m" --manifest "$T/dev.csv"

# SIGTERM (Ctrl-C alike) finishes the rows in flight, leaves no temporary file and commits the
# manifest of what was done; then provkit dies of the signal. The table comes through a FIFO so
# that the signal arrives while the run waits for more rows.
mkfifo "$T/fifo"
"$PROVKIT" compile "$SAMPLE" --devices "$T/fifo" --out-dir "$T/int" --manifest "$T/int.jsonl" \
  2>"$T/int.err" &
pid=$!
exec 3>"$T/fifo"
head -n 21 "$T/dev.csv" >&3
for _ in $(seq 1 600); do  # wait (bounded, 30 s) until the 20 rows are written
  [ "$(find "$T/int" -name '*.cfg' 2>/dev/null | wc -l)" -eq 20 ] && break
  sleep 0.05
done
kill -TERM "$pid"
# If provkit saw the signal before it went back to reading, it is gone and the FIFO has no reader:
# tail then dies of SIGPIPE, which must not end the test (the rows could not be made either way).
tail -n +22 "$T/dev.csv" >&3 2>/dev/null || true
exec 3>&-
status=0
wait "$pid" || status=$?
[ "$status" -eq 143 ] || fail "expected death by SIGTERM (143), got $status: $(cat "$T/int.err")"
grep -q "interrupted: the rows above were done" "$T/int.err" || fail "no interruption note: $(cat "$T/int.err")"
[ "$(find "$T/int" -name '*.cfg' | wc -l)" -eq 20 ] || fail "files after the signal: $(ls "$T/int" | wc -l)"
[ "$(wc -l <"$T/int.jsonl")" -eq 20 ] || fail "the manifest of the interrupted run has $(wc -l <"$T/int.jsonl") lines"
[ -z "$(find "$T/int" "$T" -maxdepth 1 -name '.*provkit-*')" ] || fail "temporary files left"
ok

# Progress is drawn on a terminal only (here a pseudo-terminal from script(1)).
script -qec "$PROVKIT compile $SAMPLE --devices $T/dev.csv --out-dir $T/tty" /dev/null >"$T/tty.out" </dev/null ||
  fail "the run on a terminal failed: $(cat "$T/tty.out")"
grep -q $'\rprovkit: [0-9]* rows, [0-9]* rows/s, [0-9]*%, ETA ' "$T/tty.out" || fail "no progress: $(cat -v "$T/tty.out")"
grep -q "40 rows into $T/tty: 40 written" "$T/tty.out" || fail "no summary on the terminal"
ok

done_checks
