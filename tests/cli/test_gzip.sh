#!/usr/bin/env bash
# provkit gzip against the real gzip/gunzip: interop both ways, multi-member files, corrupt and
# truncated input, gzip's file semantics (-k -f -c -t -d -o), the guard and the output cap.
source "$(dirname "$0")/lib.sh"
export NO_COLOR=1
cd "$T"
head -c 200000 /dev/urandom >rand.bin
printf 'second file\n' >second.txt

# files_in DIR: the names in DIR, one a line (temporary files would show up here).
files_in() { ls -A "$1"; }

# --- Our output passes the real gzip, in file mode: FILE -> FILE.gz, input removed.
cp "$SAMPLE" p.xml
chmod 600 p.xml
touch -d '2021-02-03 04:05:06' p.xml
expect_status 0 "$PROVKIT" gzip p.xml
[ -f p.xml.gz ] && [ ! -e p.xml ] || fail "gzip p.xml should leave only p.xml.gz"
ok
gzip -t p.xml.gz || fail "gzip -t rejects our output"
ok
gunzip -c p.xml.gz >back.xml
same_bytes back.xml "$SAMPLE"
[ "$(stat -c %a p.xml.gz)" = 600 ] || fail "the output did not keep the input's mode 600"
ok
[ "$(stat -c %Y p.xml.gz)" = "$(date -d '2021-02-03 04:05:06' +%s)" ] || fail "the output did not keep the mtime"
ok

# ... and back: FILE.gz -> FILE, input removed.
expect_status 0 "$PROVKIT" gzip -d p.xml.gz
[ -f p.xml ] && [ ! -e p.xml.gz ] || fail "gzip -d p.xml.gz should leave only p.xml"
same_bytes p.xml "$SAMPLE"

# Random binary data through -c (input kept) and stdin/stdout.
expect_status 0 "$PROVKIT" gzip -c rand.bin
mv out rand.ours.gz
[ -f rand.bin ] || fail "-c removed the input"
gunzip -c rand.ours.gz >rand.back
same_bytes rand.back rand.bin
"$PROVKIT" gzip <rand.bin >rand.stdin.gz
gzip -t rand.stdin.gz && gunzip -c rand.stdin.gz | cmp -s - rand.bin || fail "stdin to stdout compression"
ok
"$PROVKIT" gzip -d - <rand.stdin.gz | cmp -s - rand.bin || fail "gzip -d - (stdin) failed"
ok
gzip -c "$SAMPLE" | "$PROVKIT" gzip -d | cmp -s - "$SAMPLE" || fail "decoding gzip's output from a pipe"
ok

# Levels: default is -6, the last level given wins, --fast/--best are -1/-9.
"$PROVKIT" gzip -c "$SAMPLE" >l.def
"$PROVKIT" gzip -6 -c "$SAMPLE" >l.6
"$PROVKIT" gzip -c1 "$SAMPLE" >l.1
"$PROVKIT" gzip --fast -c "$SAMPLE" >l.fast
"$PROVKIT" gzip -c -1 -9 "$SAMPLE" >l.9
"$PROVKIT" gzip --best -c "$SAMPLE" >l.best
same_bytes l.def l.6
same_bytes l.fast l.1
same_bytes l.best l.9
cmp -s l.1 l.9 && fail "-1 and -9 gave the same output"
[ "$(stat -c %s l.9)" -le "$(stat -c %s l.1)" ] || fail "-9 is larger than -1"
ok
for f in l.1 l.9; do gunzip -c "$f" | cmp -s - "$SAMPLE" || fail "$f does not gunzip"; ok; done

# --- We decode what the real gzip writes, including multi-member files.
gzip -c rand.bin >rand.gz
gzip -9 -c "$SAMPLE" >sample.gz  # with FNAME and MTIME in the header
expect_status 0 "$PROVKIT" gzip -dc rand.gz
same_bytes out rand.bin
cat sample.gz rand.gz sample.gz >multi.gz
cat "$SAMPLE" rand.bin "$SAMPLE" >multi.want
expect_status 0 "$PROVKIT" gzip -dc multi.gz
same_bytes out multi.want
cat rand.ours.gz sample.gz >mixed.gz  # our member, then gzip's
expect_status 0 "$PROVKIT" gzip -dc mixed.gz
cat rand.bin "$SAMPLE" >mixed.want
same_bytes out mixed.want
expect_status 0 "$PROVKIT" gzip -c "$SAMPLE" second.txt  # several files: one member each
gunzip -c out >two.back
cat "$SAMPLE" second.txt >two.want
same_bytes two.back two.want

# --- Corrupt and truncated input: exit 1, a clear message, no output, input left alone.
mkdir bad
size=$(stat -c %s sample.gz)
cp sample.gz bad/crc.gz
printf '\x00\x00\x00\x00' | dd of=bad/crc.gz bs=1 seek=$((size - 8)) conv=notrunc status=none
expect_status 1 "$PROVKIT" gzip -d bad/crc.gz
expect_stderr '^provkit: error: bad/crc\.gz: CRC-32 mismatch'
cp sample.gz bad/flip.gz
flip_byte bad/flip.gz $((size / 2))
expect_status 1 "$PROVKIT" gzip -d bad/flip.gz
expect_stderr 'bad/flip\.gz: (CRC-32 mismatch|corrupt gzip data|length mismatch)'
for len in 1 2 10 100 $((size / 2)) $((size - 8)) $((size - 1)); do
  head -c "$len" sample.gz >bad/cut.gz
  expect_status 1 "$PROVKIT" gzip -d bad/cut.gz
  expect_stderr 'bad/cut\.gz: truncated gzip data'
done
cat sample.gz rand.gz >bad/tail.gz
head -c 20 rand.gz >>bad/tail.gz
expect_status 1 "$PROVKIT" gzip -d bad/tail.gz
expect_stderr 'truncated gzip data in member 3'
cat sample.gz >bad/garbage.gz
echo garbage >>bad/garbage.gz
expect_status 1 "$PROVKIT" gzip -d bad/garbage.gz
expect_stderr 'trailing garbage'
printf 'plain text\n' >bad/plain.gz
expect_status 1 "$PROVKIT" gzip -d bad/plain.gz
expect_stderr 'bad/plain\.gz: not in gzip format'
expect_status 1 "$PROVKIT" gzip -t bad/crc.gz
[ "$(files_in bad)" = "$(printf '%s\n' crc.gz cut.gz flip.gz garbage.gz plain.gz tail.gz)" ] ||
  fail "failed decodes left files behind: $(files_in bad | tr '\n' ' ')"
ok

# An existing output is byte-identical after a failed decode, even with -f.
printf 'precious\n' >bad/crc
cp bad/crc precious.copy
expect_status 1 "$PROVKIT" gzip -d -f bad/crc.gz
same_bytes bad/crc precious.copy
expect_status 1 "$PROVKIT" gzip -d -f -o bad/crc bad/cut.gz
same_bytes bad/crc precious.copy
[ -f bad/crc.gz ] || fail "a failed decode removed its input"
ok

# --- File semantics like gzip's.
cp "$SAMPLE" k.xml
expect_status 0 "$PROVKIT" gzip -k k.xml
[ -f k.xml ] && [ -f k.xml.gz ] || fail "-k should keep the input"
ok
cp k.xml.gz k.before.gz
expect_status 1 "$PROVKIT" gzip k.xml  # the output exists
expect_stderr 'k\.xml\.gz already exists; use -f'
same_bytes k.xml.gz k.before.gz
[ -f k.xml ] || fail "a refused compression removed the input"
ok
printf 'changed\n' >k.xml
expect_status 0 "$PROVKIT" gzip -f k.xml
[ "$(gunzip -c k.xml.gz)" = changed ] && [ ! -e k.xml ] || fail "-f should overwrite the output"
ok
expect_status 1 "$PROVKIT" gzip -d rand.bin  # no .gz suffix
expect_stderr 'rand\.bin: unknown suffix'
expect_status 1 "$PROVKIT" gzip rand.gz  # already has .gz
expect_stderr 'already has the \.gz suffix'
expect_status 0 "$PROVKIT" gzip -t rand.gz multi.gz
[ ! -s out ] && [ -f rand.gz ] || fail "-t should write nothing and keep the input"
ok
cp rand.gz o.gz
expect_status 0 "$PROVKIT" gzip -d -o o.out o.gz
same_bytes o.out rand.bin
[ -f o.gz ] || fail "-o should keep the input"
ok
expect_status 1 "$PROVKIT" gzip -d -o o.out o.gz  # -o refuses to overwrite too
expect_stderr 'o\.out already exists'
expect_status 0 "$PROVKIT" gzip -o - second.txt
gunzip -c out | cmp -s - second.txt || fail "-o - should write to standard output"
ok
expect_status 1 "$PROVKIT" gzip -f -o second.txt second.txt
expect_stderr 'is the input file itself'
[ "$(cat second.txt)" = "second file" ] || fail "the input was overwritten"
ok
ln -s second.txt link.txt
expect_status 1 "$PROVKIT" gzip link.txt
expect_stderr 'symbolic link'
expect_status 0 "$PROVKIT" gzip -c link.txt

# Several files: each is processed, each failure reported, exit 1 if any failed.
cp "$SAMPLE" m1.xml
cp second.txt m2.txt
expect_status 1 "$PROVKIT" gzip m1.xml missing.xml m2.txt
expect_stderr '^provkit: error: missing\.xml: No such file or directory$'
[ -f m1.xml.gz ] && [ -f m2.txt.gz ] && [ ! -e m1.xml ] || fail "the other files were not compressed"
ok

# --- The guard: compression comes before encryption, and only once.
cp sample.gz already.bin
expect_status 1 "$PROVKIT" gzip -k already.bin
expect_stderr 'already\.bin: is already gzip data'
[ ! -e already.bin.gz ] || fail "the guard left an output"
ok
expect_status 0 "$PROVKIT" gzip -k -f already.bin
gunzip -c already.bin.gz | cmp -s - already.bin || fail "-f should compress gzip data anyway"
ok
openssl enc -e -aes-256-cbc -md md5 -pass pass:guard-test -in "$SAMPLE" -out enc.cfg 2>/dev/null
expect_status 1 "$PROVKIT" gzip -k enc.cfg
expect_stderr 'compression must come before encryption'
[ ! -e enc.cfg.gz ] || fail "the guard left an output"
ok
expect_status 1 "$PROVKIT" gzip -c <enc.cfg
expect_stderr 'stdin: is encrypted'
expect_status 0 "$PROVKIT" gzip -f -c enc.cfg

# --- The output cap: a bomb fails at the cap, with bounded memory.
head -c 10000000 /dev/zero | gzip -c >bomb.gz
expect_status 1 "$PROVKIT" gzip -d --max-size 1M bomb.gz
expect_stderr 'bomb\.gz: decompressed output exceeds the 1 MiB limit; raise it with --max-size'
[ ! -e bomb ] && [ -f bomb.gz ] || fail "a capped decode left an output or removed its input"
ok
expect_status 0 "$PROVKIT" gzip -dc --max-size 10000000 bomb.gz
[ "$(stat -c %s out)" = 10000000 ] || fail "a cap of exactly the output size should pass"
ok
expect_status 1 "$PROVKIT" gzip -dc --max-size 9999999 bomb.gz
for i in $(seq 100); do cat bomb.gz; done >huge.gz  # 1 GB in 100 members
if (ulimit -v 200000 && "$PROVKIT" --version >/dev/null 2>&1); then  # not under ASan
  expect_status 1 bash -c "ulimit -v 200000; exec '$PROVKIT' gzip -t huge.gz"
  expect_stderr 'exceeds the 64 MiB limit'
  expect_status 1 bash -c "ulimit -v 60000; exec '$PROVKIT' gzip -dc --max-size 1m huge.gz"
  expect_stderr 'exceeds the 1 MiB limit'
else
  echo "note: address-space limits unusable with this build; memory bound not checked" >&2
fi
for bad in 1X '' 0 -5 99999999999999999999 1.5M; do
  expect_status 2 "$PROVKIT" gzip -d --max-size "$bad" rand.gz
  expect_stderr 'max-size'
done

# --- Terminals (through script(1)) and usage errors.
if command -v script >/dev/null; then
  expect_status 1 script -qec "'$PROVKIT' gzip -c second.txt" /dev/null </dev/null
  grep -q 'refusing to write compressed data to a terminal' out || fail "compressed data went to a terminal"
  ok
  expect_status 1 script -qec "'$PROVKIT' gzip -d" /dev/null </dev/null
  grep -q 'refusing to read compressed data from a terminal' out || fail "read compressed data from a terminal"
  ok
  expect_status 0 script -qec "'$PROVKIT' gzip -f -c second.txt" /dev/null </dev/null
fi
expect_status 2 "$PROVKIT" gzip -o x.gz m1.xml.gz m2.txt.gz
expect_status 2 "$PROVKIT" gzip -c -o x.gz second.txt
expect_status 2 "$PROVKIT" gzip --fast=3 second.txt
expect_status 2 "$PROVKIT" gzip --no-such-flag
[ ! -e x.gz ] || fail "a usage error wrote output"
ok

done_checks
