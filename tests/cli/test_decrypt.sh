#!/usr/bin/env bash
# provkit decrypt: wrong keys never produce output, damaged input is rejected, unencrypted input
# needs no key, the pass forms work and never leak, and aes128gcm (RFC 8188) decodes.
source "$(dirname "$0")/lib.sh"
export RIGHT_KEY='the right key'
# Fixed salts, and below fixed wrong keys: each wrong key's first block shows gzip or XML by
# chance (and is then reported as a damaged file, not a wrong key) 1 time in 2^24 per key
# derivation; with fresh salts and keys that failed about 1 run in 38,000.
"$PROVKIT" encrypt --gzip --salt 5a17ed0123456789 --pass env:RIGHT_KEY -o "$T/gz-md5.cfg" "$SAMPLE"
"$PROVKIT" encrypt --md sha256 --salt 0f1e2d3c4b5a6978 --pass env:RIGHT_KEY -o "$T/xml-sha256.cfg" "$SAMPLE" 2>/dev/null
printf 'precious old output\n' >"$T/precious"

# only_files EXPECTED...: the scratch directory holds exactly these files (no temporary left).
only_files() {
  local got want
  got=$(cd "$T" && ls -A | sort | tr '\n' ' ')
  want=$(printf '%s\n' "$@" out err | sort | tr '\n' ' ')
  [ "$got" = "$want" ] || fail "files in the scratch directory: '$got', expected '$want'"
  ok
}

# 200+ varied wrong keys: none accepted, each reported as a wrong key, -o file untouched.
for i in $(seq 1 220); do
  hash=$(printf '%s' "$i" | sha256sum)
  export WRONG_KEY="wrong-$i-${hash:0:$((8 + i % 24))}"
  if [ $((i % 2)) -eq 0 ]; then file=gz-md5.cfg; else file=xml-sha256.cfg; fi
  cp "$T/precious" "$T/out.xml"
  expect_status 1 "$PROVKIT" decrypt --pass env:WRONG_KEY -o "$T/out.xml" "$T/$file"
  expect_stderr "^provkit: error: .*$file: wrong key: the file did not decrypt with MD5 or SHA-256"
  same_bytes "$T/precious" "$T/out.xml"
  ! grep -qF "$WRONG_KEY" "$T/err" "$T/out" || fail "the key appeared in the output"
done
rm "$T/out.xml"
only_files gz-md5.cfg xml-sha256.cfg precious
# An explicit --md is checked the same way.
cp "$T/precious" "$T/out.xml"
expect_status 1 "$PROVKIT" decrypt --md sha256 --pass env:RIGHT_KEY -o "$T/out.xml" "$T/gz-md5.cfg"
expect_stderr "wrong key: the file did not decrypt with sha256 key derivation"
same_bytes "$T/precious" "$T/out.xml"
rm "$T/out.xml"

# The right key, to an existing output: replaced atomically, no temporary left.
cp "$T/precious" "$T/out.xml"
expect_status 0 "$PROVKIT" decrypt --pass env:RIGHT_KEY -o "$T/out.xml" "$T/gz-md5.cfg"
same_bytes "$SAMPLE" "$T/out.xml"
rm "$T/out.xml"
only_files gz-md5.cfg xml-sha256.cfg precious

# Truncated and corrupt input: exit 1, a message that says what is wrong, no output.
size=$(wc -c <"$T/gz-md5.cfg")
for n in 0 5 8 12 16 20 $((size - 1)) $((size - 16)); do
  head -c "$n" "$T/gz-md5.cfg" >"$T/cut.cfg"
  expect_status 1 "$PROVKIT" decrypt --pass env:RIGHT_KEY -o "$T/new.xml" "$T/cut.cfg"
  [ ! -e "$T/new.xml" ] || fail "output written for a file truncated to $n bytes"
done
head -c 12 "$T/gz-md5.cfg" >"$T/cut.cfg"
expect_status 1 "$PROVKIT" decrypt --pass env:RIGHT_KEY "$T/cut.cfg"
expect_stderr "truncated"
head -c $((size - 1)) "$T/gz-md5.cfg" >"$T/cut.cfg"
expect_status 1 "$PROVKIT" decrypt --pass env:RIGHT_KEY "$T/cut.cfg"
expect_stderr "not a whole number of 16-byte AES blocks"
head -c $((size - 16)) "$T/gz-md5.cfg" >"$T/cut.cfg"  # whole blocks: the padding fails as with a wrong key
expect_status 1 "$PROVKIT" decrypt --pass env:RIGHT_KEY "$T/cut.cfg"
# (1 time in 256 the cut file's new last block passes the padding check by chance; then the
# gzip check reports the damage instead. Never "wrong key".)
expect_stderr "truncated or corrupt openssl enc file: it decrypts with md5 key derivation to gzip data|decrypted, but the gzip data inside is damaged"
head -c 5 "$T/gz-md5.cfg" >"$T/cut.cfg"
expect_status 1 "$PROVKIT" decrypt --pass env:RIGHT_KEY "$T/cut.cfg"
expect_stderr "header is incomplete"
: >"$T/cut.cfg"
expect_status 1 "$PROVKIT" decrypt --pass env:RIGHT_KEY "$T/cut.cfg"
expect_stderr "the input is empty"
# A flipped byte in the middle garbles the compressed data: the gzip check catches it.
cp "$T/gz-md5.cfg" "$T/bad.cfg"
flip_byte "$T/bad.cfg" $((size / 2))
expect_status 1 "$PROVKIT" decrypt --pass env:RIGHT_KEY -o "$T/new.xml" "$T/bad.cfg"
expect_stderr "gzip"
[ ! -e "$T/new.xml" ] || fail "output written for a corrupt file"
rm -f "$T/cut.cfg" "$T/bad.cfg"
only_files gz-md5.cfg xml-sha256.cfg precious
# A decompression bomb stops at --max-size.
head -c 5000000 /dev/zero | gzip -c >"$T/bomb.gz"
expect_status 1 "$PROVKIT" decrypt --max-size 1MiB "$T/bomb.gz"
# Not a profile at all.
printf '\x93\x11 some binary' >"$T/junk"
expect_status 1 "$PROVKIT" decrypt "$T/junk"
expect_stderr "neither openssl-encrypted .* gzip nor XML"
printf '<config>\n<a>1</b>\n</config>\n' >"$T/bad.xml"
expect_status 1 "$PROVKIT" decrypt "$T/bad.xml"
expect_stderr "bad.xml:2:[0-9]+: "
rm "$T/bomb.gz" "$T/junk" "$T/bad.xml"

# Unencrypted input, plain or gzip, file or stdin: decoded without a key.
expect_status 0 "$PROVKIT" decrypt "$SAMPLE"
same_bytes "$SAMPLE" "$T/out"
gzip -c "$SAMPLE" >"$T/plain.gz"
expect_status 0 "$PROVKIT" decrypt -v "$T/plain.gz"
same_bytes "$SAMPLE" "$T/out"
expect_stderr "not encrypted"
gzip -c "$SAMPLE" | "$PROVKIT" decrypt >"$T/stdin.xml" || fail "decrypt from stdin failed"
same_bytes "$SAMPLE" "$T/stdin.xml"
expect_status 0 "$PROVKIT" decrypt -k unused "$T/plain.gz"
expect_stderr "warning: .* is not encrypted; the key was not used"
rm "$T/plain.gz" "$T/stdin.xml"

# Encrypted without a key: a clear usage error, nothing written.
expect_status 2 "$PROVKIT" decrypt -o "$T/new.xml" "$T/gz-md5.cfg"
expect_stderr "gz-md5.cfg: encrypted; give the key with -k or --pass"
[ ! -e "$T/new.xml" ] || fail "output written without a key"

# Every pass form; the secret never appears on stdout or stderr (with -v, and on failure).
printf '%s\n' "$RIGHT_KEY" >"$T/keyfile"
check_form() {
  expect_status 0 "$@"
  same_bytes "$SAMPLE" "$T/out"
  ! grep -qF "$RIGHT_KEY" "$T/err" || fail "the key appeared on stderr: $*"
}
check_form "$PROVKIT" decrypt -v -k "$RIGHT_KEY" "$T/gz-md5.cfg"
check_form "$PROVKIT" decrypt -v --pass "pass:$RIGHT_KEY" "$T/gz-md5.cfg"
check_form "$PROVKIT" decrypt -v --pass env:RIGHT_KEY "$T/gz-md5.cfg"
check_form "$PROVKIT" decrypt -v --pass "file:$T/keyfile" "$T/gz-md5.cfg"
check_form bash -c '"$1" decrypt -v --pass fd:3 "$2" 3<"$3"' _ "$PROVKIT" "$T/gz-md5.cfg" "$T/keyfile"
check_form bash -c '"$1" decrypt -v --pass stdin "$2" <"$3"' _ "$PROVKIT" "$T/gz-md5.cfg" "$T/keyfile"
# --pass stdin takes the first line; the rest of standard input is the file, as with openssl.
check_form bash -c 'cat "$3" "$2" | "$1" decrypt -v --pass stdin' _ "$PROVKIT" "$T/gz-md5.cfg" "$T/keyfile"
export WRONG_KEY=not-it
expect_status 1 "$PROVKIT" decrypt -v --pass env:WRONG_KEY "$T/gz-md5.cfg"
! grep -qF "not-it" "$T/err" "$T/out" || fail "a wrong key appeared in a message"
expect_status 2 "$PROVKIT" decrypt --pass pass:x -k y "$T/gz-md5.cfg"  # one or the other
expect_status 2 "$PROVKIT" decrypt --pass "nope:$RIGHT_KEY" "$T/gz-md5.cfg"
! grep -qF "$RIGHT_KEY" "$T/err" || fail "the key appeared in an unknown-form error"

# An empty secret is an error, in every form.
export EMPTY_KEY=
expect_status 2 "$PROVKIT" decrypt -k '' "$T/gz-md5.cfg"
expect_stderr "empty"
expect_status 2 "$PROVKIT" decrypt --pass env:EMPTY_KEY "$T/gz-md5.cfg"
expect_status 2 "$PROVKIT" encrypt --pass pass: "$SAMPLE"
expect_stderr "empty"

# Flags that do not fit the scheme or the file are usage errors.
expect_status 2 "$PROVKIT" decrypt --scheme aes128gcm --md md5 -k x "$T/gz-md5.cfg"
expect_stderr "--md does not apply to --scheme aes128gcm"
expect_status 2 "$PROVKIT" decrypt --scheme openssl --key-encoding hex -k 00 "$T/gz-md5.cfg"
expect_status 2 "$PROVKIT" decrypt --key-encoding hex -k 0011 "$T/gz-md5.cfg"
expect_stderr "drop --key-encoding"
expect_status 2 "$PROVKIT" decrypt --md no-such-digest -k x "$T/gz-md5.cfg"
expect_stderr "unknown digest"
expect_status 2 "$PROVKIT" decrypt --scheme rot13 "$T/gz-md5.cfg"
expect_status 1 "$PROVKIT" decrypt --scheme openssl "$SAMPLE"
# --raw keeps the decrypted bytes: here the gzip stream.
expect_status 0 "$PROVKIT" decrypt --raw --pass env:RIGHT_KEY -o "$T/raw.gz" "$T/gz-md5.cfg"
gunzip -c "$T/raw.gz" | cmp -s - "$SAMPLE" || fail "--raw did not give the gzip stream"
ok
rm "$T/raw.gz"

# aes128gcm round trips through the CLI: text, hex and base64url keys, record sizes, key ids.
expect_status 0 "$PROVKIT" encrypt --scheme aes128gcm --gzip --pass env:RIGHT_KEY -o "$T/gcm.bin" "$SAMPLE"
expect_status 0 "$PROVKIT" decrypt -v --pass env:RIGHT_KEY -o "$T/gcm.xml" "$T/gcm.bin"  # detected
same_bytes "$SAMPLE" "$T/gcm.xml"
expect_stderr "aes128gcm"
expect_status 0 "$PROVKIT" decrypt --scheme aes128gcm --pass env:RIGHT_KEY -o "$T/gcm.xml" "$T/gcm.bin"
same_bytes "$SAMPLE" "$T/gcm.xml"
cp "$T/precious" "$T/gcm.xml"
expect_status 1 "$PROVKIT" decrypt --scheme aes128gcm -k wrong -o "$T/gcm.xml" "$T/gcm.bin"
same_bytes "$T/precious" "$T/gcm.xml"
expect_status 0 "$PROVKIT" encrypt --scheme aes128gcm --key-encoding hex -k 00112233445566778899aabbccddeeff \
  --rs 100 --keyid a1 -o "$T/gcm.bin" "$SAMPLE"
expect_status 0 "$PROVKIT" decrypt --scheme aes128gcm --key-encoding hex -k 00112233445566778899AABBCCDDEEFF \
  -o "$T/gcm.xml" "$T/gcm.bin"
same_bytes "$SAMPLE" "$T/gcm.xml"
expect_status 0 "$PROVKIT" decrypt --key-encoding base64url -k ABEiM0RVZneImaq7zN3u_w -o "$T/gcm.xml" "$T/gcm.bin"
same_bytes "$SAMPLE" "$T/gcm.xml"
# A salt that starts like XML or gzip (random salts do 1 time in about 250): still detected.
for salt in 3c00112233445566778899aabbccddee 200a3c112233445566778899aabbccdd 1f8b0800112233445566778899aabbcc; do
  expect_status 0 "$PROVKIT" encrypt --scheme aes128gcm --salt "$salt" -k k3y -o "$T/lt.bin" "$SAMPLE"
  expect_status 0 "$PROVKIT" decrypt -k k3y -o "$T/lt.xml" "$T/lt.bin"
  same_bytes "$SAMPLE" "$T/lt.xml"
done
# Without the key such a file could as well be a damaged profile: the error says where it stops
# being one, and what to try. Binary from its header on, it is ciphertext to a wrong key, and
# --raw passes on neither as if it were plain data.
expect_status 0 "$PROVKIT" encrypt --scheme aes128gcm --salt 3c00112233445566778899aabbccddee -k k3y -o "$T/lt.bin" "$SAMPLE"
rm -f "$T/lt.xml"
expect_status 1 "$PROVKIT" decrypt -o "$T/lt.xml" "$T/lt.bin"
expect_stderr "lt\.bin:1:2: control character U\+0000 .*\(if it is aes128gcm-encrypted, give the key with -k or --pass\)$"
expect_status 1 "$PROVKIT" decrypt --raw -o "$T/lt.xml" "$T/lt.bin"
expect_stderr "lt\.bin: nothing to decrypt: .* \(if it is aes128gcm-encrypted, give the key with -k or --pass\)$"
[ ! -e "$T/lt.xml" ] || fail "decrypt --raw without a key wrote the ciphertext"; ok
for raw in "" --raw; do
  expect_status 1 "$PROVKIT" decrypt $raw -k wrong -o "$T/lt.xml" "$T/lt.bin"
  expect_stderr "lt\.bin: authentication failed: wrong key or corrupted data \(the input starts like XML, but is binary"
  [ ! -e "$T/lt.xml" ] || fail "decrypt $raw with a wrong key wrote output"; ok
done
# A header that is text (--rs 0x41414141, a 65-character key id) and a tiny profile: still told
# from text by its salt and record, by decrypt and lint alike.
printf '<flat-profile/>' >"$T/tiny.xml"
for salt in 3d96fccb976b4ab6cf33fb3a2c23f751 3c3bf938b23939efd2f1a0cdd728c2d9 1f8b0102030405060708090a0b0c0d0e; do
  expect_status 0 "$PROVKIT" encrypt --scheme aes128gcm --salt $salt --rs 1094795585 \
    --keyid "$(printf 'A%.0s' $(seq 65))" -k k3y -o "$T/tiny.bin" "$T/tiny.xml"
  for raw in "" --raw; do
    rm -f "$T/tiny.out"
    expect_status 1 "$PROVKIT" decrypt $raw -k wrong -o "$T/tiny.out" "$T/tiny.bin"
    expect_stderr "authentication failed: wrong key"
    expect_status 1 "$PROVKIT" decrypt $raw -o "$T/tiny.out" "$T/tiny.bin"
    expect_stderr "give the key with -k or --pass"
    [ ! -e "$T/tiny.out" ] || fail "salt $salt $raw: output written"; ok
  done
  expect_status 0 "$PROVKIT" lint -k k3y "$T/tiny.bin"
done
# A profile saved as UTF-16 (Windows' "Unicode"), with a byte order mark or without, is no
# ciphertext, with or without a key: the error names the encoding.
utf16_copies "$SAMPLE" "$T"
for u16 in u16le u16be u16bom; do
  for key in "" "-k k3y"; do
    expect_status 1 "$PROVKIT" decrypt $key -o "$T/lt.xml" "$T/$u16.xml"
    ! grep -q "aes128gcm\|authentication" "$T/err" || fail "UTF-16 taken for aes128gcm: $(cat "$T/err")"
    grep -q "$u16\.xml:1:1: the file is UTF-16 .*iconv" "$T/err" || fail "UTF-16: $(cat "$T/err")"; ok
  done
done
# Damaged profiles in aes128gcm's shape (any text over ~40 bytes is) get no such hint: cut short,
# or with a NUL byte (binary, but not from its header on).
head -c 5000 "$SAMPLE" >"$T/cut.xml"
{ head -c 300 "$SAMPLE"; printf '\0'; tail -c +301 "$SAMPLE"; } >"$T/nul.xml"
for damaged in cut nul; do
  expect_status 1 "$PROVKIT" decrypt -o "$T/lt.xml" "$T/$damaged.xml"
  expect_stderr "$damaged\.xml:[0-9]+:[0-9]+: "
  ! grep -q aes128gcm "$T/err" || fail "aes128gcm hint for a damaged profile: $(cat "$T/err")"; ok
done
# A tampered record is rejected and nothing is written.
gsize=$(wc -c <"$T/gcm.bin")
flip_byte "$T/gcm.bin" $((gsize - 20))
cp "$T/precious" "$T/gcm.xml"
expect_status 1 "$PROVKIT" decrypt --scheme aes128gcm --key-encoding hex -k 00112233445566778899aabbccddeeff \
  -o "$T/gcm.xml" "$T/gcm.bin"
same_bytes "$T/precious" "$T/gcm.xml"

# RFC 8188 section 3.1.
printf '%s' 'I1BsxtFttlv3u_Oo94xnmwAAEAAA-NAVub2qFgBEuQKRapoZu-IxkIva3MEB1PD-ly8Thjg=' | tr '_-' '/+' |
  base64 -d >"$T/rfc8188.bin"
expect_status 0 "$PROVKIT" decrypt --scheme aes128gcm --key-encoding base64url -k yqdlZ-tYemfogSmv7Ws5PQ --raw \
  "$T/rfc8188.bin"
[ "$(cat "$T/out")" = "I am the walrus" ] || fail "RFC 8188 3.1 gave '$(cat "$T/out")'"
ok
expect_status 1 "$PROVKIT" decrypt --scheme aes128gcm --key-encoding base64url -k yqdlZ-tYemfogSmv7Ws5PA --raw \
  "$T/rfc8188.bin"
# Detected without --scheme, small as it is (53 bytes, 21 of them header): a wrong key is a wrong
# key, and without one nothing is passed on.
for raw in "" --raw; do
  expect_status 1 "$PROVKIT" decrypt $raw --key-encoding base64url -k yqdlZ-tYemfogSmv7Ws5PA -o "$T/rfc.out" "$T/rfc8188.bin"
  expect_stderr "rfc8188\.bin: authentication failed: wrong key"
  expect_status 1 "$PROVKIT" decrypt $raw -o "$T/rfc.out" "$T/rfc8188.bin"
  expect_stderr "give the key with -k or --pass"
  [ ! -e "$T/rfc.out" ] || fail "output written for rfc8188.bin ($raw)"; ok
done

done_checks
