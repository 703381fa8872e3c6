#!/usr/bin/env bash
# provkit encrypt: its guards (already encrypted or compressed input, binary to a terminal),
# flag validation, phone-compatibility warnings, and outputs left alone on failure.
source "$(dirname "$0")/lib.sh"
export KEY=s3cret-key
printf 'precious old output\n' >"$T/precious"

# Plain text input without --gzip is fine, and reads standard input by default.
expect_status 0 "$PROVKIT" encrypt --pass env:KEY -o "$T/a.cfg" "$SAMPLE"
[ ! -s "$T/err" ] || fail "the default (MD5) warned: $(cat "$T/err")"
ok
"$PROVKIT" encrypt --pass env:KEY <"$SAMPLE" >"$T/b.cfg" || fail "stdin to stdout failed"
"$PROVKIT" decrypt --pass env:KEY "$T/b.cfg" | cmp -s - "$SAMPLE" || fail "stdin to stdout did not round-trip"
ok

# Already encrypted input is refused (-f overrides); so is --gzip on gzip input.
cp "$T/precious" "$T/out.cfg"
expect_status 1 "$PROVKIT" encrypt --pass env:KEY -o "$T/out.cfg" "$T/a.cfg"
expect_stderr "a.cfg is already encrypted"
same_bytes "$T/precious" "$T/out.cfg"
expect_status 0 "$PROVKIT" encrypt -f --pass env:KEY -o "$T/twice.cfg" "$T/a.cfg"
gzip -c "$SAMPLE" >"$T/s.gz"
expect_status 1 "$PROVKIT" encrypt --gzip --pass env:KEY -o "$T/out.cfg" "$T/s.gz"
expect_stderr "already gzip-compressed"
same_bytes "$T/precious" "$T/out.cfg"
expect_status 0 "$PROVKIT" encrypt --pass env:KEY -o "$T/gz.cfg" "$T/s.gz"  # compressed first: the right order
"$PROVKIT" decrypt --pass env:KEY "$T/gz.cfg" | cmp -s - "$SAMPLE" || fail "gzip then encrypt did not decode"
ok

# Failures leave an existing output alone and no temporary file behind.
expect_status 1 "$PROVKIT" encrypt --pass env:KEY -o "$T/out.cfg" "$T/no-such-file"
same_bytes "$T/precious" "$T/out.cfg"
expect_status 2 "$PROVKIT" encrypt -o "$T/out.cfg" "$SAMPLE"
expect_stderr "needs a key"
same_bytes "$T/precious" "$T/out.cfg"
[ "$(ls -A "$T" | grep -vc -E '^(precious|out\.cfg|a\.cfg|b\.cfg|twice\.cfg|s\.gz|gz\.cfg|out|err)$')" -eq 0 ] ||
  fail "unexpected files left: $(ls -A "$T")"
ok

# Warnings: phones tested against OpenSSL 0.9.7c may not read SHA-256 or PBKDF2 keys.
expect_status 0 "$PROVKIT" encrypt --md sha256 --pass env:KEY -o "$T/x.cfg" "$SAMPLE"
expect_stderr "warning: phones tested against OpenSSL 0.9.7c derive the key with MD5"
expect_status 0 "$PROVKIT" encrypt --pbkdf2 --pass env:KEY -o "$T/x.cfg" "$SAMPLE"
expect_stderr "warning: .*PBKDF2"
expect_status 0 "$PROVKIT" encrypt --md MD5 --pass env:KEY -o "$T/x.cfg" "$SAMPLE"
[ ! -s "$T/err" ] || fail "--md MD5 warned"
ok

# Flag validation: exit 2, nothing written.
# usage REGEX FLAGS...: encrypt with FLAGS is a usage error whose message matches REGEX.
usage() {
  local regex=$1; shift
  expect_status 2 "$PROVKIT" encrypt --pass env:KEY -o "$T/new.cfg" "$@" "$SAMPLE"
  expect_stderr "$regex"
}
usage "16 hex digits" --salt 0011
usage "16 hex digits" --salt 00112233445566zz
usage "16 hex digits" --salt 00112233445566778899aabbccddeeff
usage "unknown digest 'no-such-digest'" --md no-such-digest
usage "--iter" --iter 0
usage "--rs does not apply to --scheme openssl" --rs 4096
usage "--keyid does not apply" --keyid a
usage "--key-encoding does not apply" --key-encoding hex
usage "--scheme" --scheme rot13
expect_status 2 "$PROVKIT" encrypt --scheme aes128gcm --salt 0011223344556677 --pass env:KEY "$SAMPLE"
expect_stderr "32 hex digits"
expect_status 2 "$PROVKIT" encrypt --scheme aes128gcm --md sha256 --pass env:KEY "$SAMPLE"
expect_stderr "--md does not apply to --scheme aes128gcm"
expect_status 2 "$PROVKIT" encrypt --scheme aes128gcm --pbkdf2 --pass env:KEY "$SAMPLE"
expect_status 2 "$PROVKIT" encrypt --scheme aes128gcm --rs 17 --pass env:KEY "$SAMPLE"
expect_status 2 "$PROVKIT" encrypt --scheme aes128gcm --key-encoding hex -k 0g "$SAMPLE"
! grep -q "0g" "$T/err" || fail "a bad hex key was echoed"
ok
[ ! -e "$T/new.cfg" ] || fail "a usage error wrote output"
ok

# --salt makes the output reproducible, for both schemes.
"$PROVKIT" encrypt --salt 0102030405060708 --pass env:KEY -o "$T/s1" "$SAMPLE"
"$PROVKIT" encrypt --salt 0102030405060708 --pass env:KEY -o "$T/s2" "$SAMPLE"
same_bytes "$T/s1" "$T/s2"
"$PROVKIT" encrypt --scheme aes128gcm --salt 000102030405060708090a0b0c0d0e0f --pass env:KEY -o "$T/s1" "$SAMPLE"
"$PROVKIT" encrypt --scheme aes128gcm --salt 000102030405060708090A0B0C0D0E0F --pass env:KEY -o "$T/s2" "$SAMPLE"
same_bytes "$T/s1" "$T/s2"
[ "$(head -c 16 "$T/s1" | xxd -p)" = 000102030405060708090a0b0c0d0e0f ] || fail "the aes128gcm salt is not in the header"
ok

# Binary output is not written to a terminal without -f (needs script(1) for a pseudo-terminal).
if command -v script >/dev/null; then
  script -qec "'$PROVKIT' encrypt -k x '$SAMPLE'" /dev/null >"$T/tty" 2>&1 || true
  grep -q "refusing to write binary data to a terminal" "$T/tty" || fail "binary went to a terminal: $(head -c 200 "$T/tty")"
  ok
fi

# An input is never overwritten unless asked for; devices such as /dev/null are fine outputs.
cp "$SAMPLE" "$T/self.xml"
expect_status 2 "$PROVKIT" encrypt -k k -o "$T/self.xml" "$T/self.xml"
expect_stderr "refusing to overwrite an input"
same_bytes "$SAMPLE" "$T/self.xml"
"$PROVKIT" encrypt -k k -o "$T/self.cfg" "$T/self.xml"
cp "$T/self.cfg" "$T/self.cfg.orig"
expect_status 2 "$PROVKIT" decrypt -k k -o "$T/self.cfg" "$T/self.cfg"
same_bytes "$T/self.cfg.orig" "$T/self.cfg"
expect_status 0 "$PROVKIT" decrypt -k k -o /dev/null "$T/self.cfg"
expect_status 1 "$PROVKIT" decrypt -k wrong -o /dev/null "$T/self.cfg"
done_checks
