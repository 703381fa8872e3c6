#!/usr/bin/env bash
# provkit lint inputs: directory recursion (which files, in what order, hidden ones skipped),
# no PATH, stdin, gzip (real gzip), encrypted with and without the key (real openssl enc, and
# aes128gcm), undecodable files, spc sources with imports, unreadable files.
source "$(dirname "$0")/lib.sh"
cd "$T"
python3 "$PROVKIT_SOURCE_DIR/tests/cli/lint_mutate.py" "$SAMPLE" m.xml
"$PROVKIT" lint --format json m.xml >plain.json && fail "the mutated sample passed"
ok

# A tree: profiles by extension (any case) are checked in path order; other files, hidden
# directories and hidden files are not.
mkdir -p repo/b/deep repo/a repo/.git repo/docs
bad='<flat-profile>\n<Resync_Periodc>60</Resync_Periodc>\n</flat-profile>\n'
for f in repo/b/deep/z.xml repo/b/c.CFG repo/a/y.xml repo/top.spc repo/.git/x.xml repo/.hidden.xml repo/docs/notes.txt repo/docs/readme.md; do
  printf "$bad" >"$f"
done
printf 'Resync_Periodc "60" ;\n' >repo/top.spc
gzip -c m.xml >repo/a/m.xml.gz
expect_status 1 "$PROVKIT" lint --format json repo
python3 - "$T/out" <<'PY' || fail "directory walk: $(cat "$T/out")"
import json, sys
files = []
for f in json.load(open(sys.argv[1])):
    if f["file"] not in files:
        files.append(f["file"])
assert files == ["repo/a/m.xml.gz", "repo/a/y.xml", "repo/b/c.CFG", "repo/b/deep/z.xml", "repo/top.spc"], files
PY
ok
# No PATH means the current directory, and names come without "./".
(cd repo && "$PROVKIT" lint) >"$T/out" 2>"$T/err" && fail "lint of . found nothing"
head -1 "$T/out" | grep -q '^a/m\.xml\.gz:5:23: error: ' || fail "no PATH: $(head -1 "$T/out")"
ok
# A trailing slash, and a file named on the command line is checked whatever its name.
expect_status 0 "$PROVKIT" lint repo/b/ repo/docs/notes.txt
[ "$(cut -d: -f1 "$T/out" | uniq | tr '\n' ' ')" = "repo/b/c.CFG repo/b/deep/z.xml repo/docs/notes.txt " ] ||
  fail "explicit paths: $(cat "$T/out")"
ok

# gzip (made by the real gzip): the same findings, at the positions of the inflated XML.
gzip -c m.xml >m.xml.gz
expect_status 1 "$PROVKIT" lint --format json m.xml.gz
sed 's/"file":"m.xml"/"file":"m.xml.gz"/' plain.json | diff -u - "$T/out" || fail "gzip findings differ"
ok
# Standard input.
expect_status 1 "$PROVKIT" lint --format json - <m.xml
sed 's/"file":"m.xml"/"file":"<stdin>"/' plain.json | diff -u - "$T/out" || fail "stdin findings differ"
ok
expect_status 1 "$PROVKIT" lint - <m.xml.gz
grep -q '^<stdin>:5:23: error: typographic quote' "$T/out" || fail "gzip on stdin"
ok

# Encrypted by the real openssl enc (gzip first, MD5 key derivation, as phones take it).
export KEY='lint test key'
# ossl_enc ARGS...: openssl enc -aes-256-cbc with a fixed salt ($OSSL_SALT, default below), so
# that what these checks see does not vary from run to run. (With a fresh salt, 1 file in 256
# also passes the padding check with the other key derivation; see both.cfg below.)
ossl_enc() {
  local salt=${OSSL_SALT:-0011223344556677} raw
  raw=$(mktemp "$T/ossl.XXXXXX")
  openssl enc -aes-256-cbc -S "$salt" -pass env:KEY "$@" -out "$raw" 2>/dev/null
  salted_header "$salt" "$raw"
  rm -f "$raw"
}
gzip -c m.xml | ossl_enc -md md5 >m.cfg
expect_status 0 "$PROVKIT" lint --format json m.cfg
cat >want.json <<'JSON'
[
  {"file":"m.cfg","line":null,"column":null,"rule":"encrypted-skipped","severity":"info","message":"encrypted (openssl enc); not checked","suggestion":"give the key with -k or --pass to check it"}
]
JSON
diff -u want.json "$T/out" || fail "encrypted without a key"
ok
# With the key: the findings of the plain file, except that the secret now travels encrypted.
expect_status 1 "$PROVKIT" lint --format json --pass env:KEY m.cfg
grep -v '"secret-unencrypted"' plain.json | sed 's/"file":"m.xml"/"file":"m.cfg"/' | diff -u - "$T/out" ||
  fail "encrypted with the key: findings differ"
ok
# SHA-256 key derivation (openssl's default since 1.1.0) is found too.
ossl_enc -md sha256 -in m.xml >m256.cfg
expect_status 1 "$PROVKIT" lint -k "$KEY" m256.cfg
grep -q '^m256.cfg:5:23: error: typographic' "$T/out" || fail "sha256: $(head -2 "$T/out")"
ok
# A wrong key is a decode error naming the file, never garbage findings.
expect_status 1 "$PROVKIT" lint --format json -k 'not the key' m.cfg
python3 - "$T/out" <<'PY' || fail "wrong key: $(cat "$T/out")"
import json, sys
(f,) = json.load(open(sys.argv[1]))
assert f["file"] == "m.cfg" and f["rule"] == "decode" and f["severity"] == "error" and f["line"] is None, f
assert f["message"].startswith("wrong key"), f
PY
ok
grep -q 'not the key' "$T/out" "$T/err" && fail "the key appears in the output"
ok
# A malformed profile inside a correctly encrypted file is linted, not called a wrong key.
printf '<flat-profile>\n<Resync_On_Reset>Yes</Resync_On_Reset>\n' | ossl_enc -md md5 >cut.cfg
expect_status 1 "$PROVKIT" lint --pass env:KEY cut.cfg
grep -q '^cut.cfg:3:1: error: unexpected end of file' "$T/out" || fail "malformed inside encryption: $(cat "$T/out")"
ok
# With this salt the SHA-256 derivation passes the padding check too (1 file in 256): still the
# malformed profile is pointed into, through the derivation whose plaintext starts as one does.
printf '<flat-profile>\n<Resync_On_Reset>Yes</Resync_On_Reset>\n' | OSSL_SALT=00000000003a469c ossl_enc -md md5 >both.cfg
expect_status 1 "$PROVKIT" lint --pass env:KEY both.cfg
grep -q '^both.cfg:3:1: error: unexpected end of file' "$T/out" || fail "both derivations pass padding: $(cat "$T/out")"
ok
# aes128gcm, made by provkit encrypt. (A fixed salt: a random one starts with '<' 1 time in 256,
# and that case has its own checks below.)
"$PROVKIT" encrypt --scheme aes128gcm --salt 00112233445566778899aabbccddeeff -k "$KEY" -o m.gcm m.xml
expect_status 0 "$PROVKIT" lint --werror m.gcm
grep -q '^m.gcm: info: encrypted (aes128gcm' "$T/out" || fail "aes128gcm without a key: $(cat "$T/out")"
ok
expect_status 1 "$PROVKIT" lint -k "$KEY" --format json m.gcm
grep -v '"secret-unencrypted"' plain.json | sed 's/"file":"m.xml"/"file":"m.gcm"/' | diff -u - "$T/out" ||
  fail "aes128gcm with the key: findings differ"
ok
# A salt that starts with '<': with the key, authentication tells it is encrypted; without one it
# is skipped like any encrypted file (it is ciphertext from its header on); a wrong key is an error.
"$PROVKIT" encrypt --scheme aes128gcm --salt 3c00112233445566778899aabbccddee -k "$KEY" -o lt.gcm m.xml
expect_status 1 "$PROVKIT" lint -k "$KEY" --format json lt.gcm
grep -v '"secret-unencrypted"' plain.json | sed 's/"file":"m.xml"/"file":"lt.gcm"/' | diff -u - "$T/out" ||
  fail "aes128gcm with a salt starting '<', with the key: findings differ"
ok
expect_status 0 "$PROVKIT" lint --werror lt.gcm
grep -q '^lt.gcm: info: encrypted (aes128gcm' "$T/out" || fail "salt starting '<' without a key: $(cat "$T/out")"
ok
expect_status 1 "$PROVKIT" lint -k wrong lt.gcm
grep -q "^lt.gcm: error: authentication failed: wrong key .*(the input starts like XML, but is binary .*) \[decode\]$" "$T/out" ||
  fail "salt starting '<', wrong key: $(cat "$T/out")"
ok
# A profile damaged by a NUL byte is no ciphertext: its fault is reported, without that hint.
{ head -c 300 m.xml; printf '\0'; tail -c +301 m.xml; } >nul.xml
expect_status 1 "$PROVKIT" lint nul.xml
grep -q '^nul.xml:[0-9]*:[0-9]*: error: control character U+0000' "$T/out" || fail "NUL in a profile: $(cat "$T/out")"
! grep -q aes128gcm "$T/out" || fail "aes128gcm hint for a damaged profile: $(cat "$T/out")"
ok
# A profile saved as UTF-16 (Windows' "Unicode"), with or without a byte-order mark, is an error
# (phones read UTF-8), never skipped as ciphertext.
utf16_copies m.xml .
for u16 in u16le u16be u16bom; do
  for key in "" "$KEY"; do
    expect_status 1 "$PROVKIT" lint --werror ${key:+-k "$key"} $u16.xml
    grep -q "^$u16.xml:1:1: error: the file is UTF-16 .*\[encoding\]$" "$T/out" || fail "UTF-16 ($u16, key '$key'): $(cat "$T/out")"
    ! grep -q "encrypted\|aes128gcm" "$T/out" || fail "UTF-16 taken for ciphertext ($u16): $(cat "$T/out")"; ok
  done
done
# Text outside the root element, which decrypt (as a phone) refuses, is an error for lint too.
printf 'junk\n<flat-profile>\n<GPP_A>1</GPP_A>\n</flat-profile>\ntrailing\n' >outside.xml
expect_status 1 "$PROVKIT" lint outside.xml
grep -q '^outside.xml:1:1: error: text before <flat-profile>: .* \[xml-syntax\]$' "$T/out" || fail "text outside: $(cat "$T/out")"
ok
# Damaged gzip, and binary data that is no profile at all.
head -c 200 m.xml.gz >damaged.gz
expect_status 1 "$PROVKIT" lint damaged.gz
grep -q '^damaged.gz: error: cannot inflate: .* \[decode\]$' "$T/out" || fail "damaged gzip: $(cat "$T/out")"
ok
cp m.xml.gz flags.gz  # a reserved flag bit set in the header: still gzip, damaged, never "encrypted"
printf '\xe0' | dd of=flags.gz bs=1 seek=3 conv=notrunc 2>/dev/null
expect_status 1 "$PROVKIT" lint --werror flags.gz
grep -q '^flags.gz: error: cannot inflate: .* \[decode\]$' "$T/out" || fail "damaged gzip header: $(cat "$T/out")"
ok
head -c 64 /dev/zero >zeros.bin
expect_status 1 "$PROVKIT" lint zeros.bin
grep -q '^zeros.bin: error: not a profile' "$T/out" || fail "binary: $(cat "$T/out")"
ok

# spc sources: imports are followed, findings land in the file that has the problem.
mkdir -p spc/common
printf '# site\nimport common/base.txt\nResync_Periodic "60" ;\nAdmin_Password "pw" ;\n' >spc/site.txt
printf 'Resync_Periodic ! "x" ;\nEnable_Web_Server "Maybe" ;\n' >spc/common/base.txt
expect_status 1 "$PROVKIT" lint spc/site.txt
cat >want.txt <<'TXT'
spc/common/base.txt:2:20: error: Enable_Web_Server: "Maybe" is not a Bool; write Yes or No [value-type]
spc/site.txt:3:1: warning: duplicate parameter Resync_Periodic: already set on line 1 of spc/common/base.txt; the last occurrence wins; remove the occurrence that should not apply [duplicate]
spc/site.txt:4:17: warning: Admin_Password holds a secret, but this profile is not encrypted: whoever can download or read the file can read it; deliver the profile encrypted (provkit encrypt, or provkit compile -k/--pass), or set the secret another way [secret-unencrypted]
TXT
diff -u want.txt "$T/out" || fail "spc findings"
ok
printf 'import nothere.txt\nFoo "1"\n' >broken.spc
expect_status 1 "$PROVKIT" lint broken.spc
grep -q '^broken.spc:1:8: error: cannot import: .*nothere.txt.* \[import\]$' "$T/out" || fail "spc import: $(cat "$T/out")"
ok

# A file that cannot be read is an error finding; the others are still checked.
if [ "$(id -u)" -ne 0 ]; then
  printf "$bad" >locked.xml
  chmod 000 locked.xml
  printf '<flat-profile/>\n' >fine.xml
  expect_status 1 "$PROVKIT" lint locked.xml fine.xml
  grep -q '^locked.xml: error: .*\[io\]$' "$T/out" || fail "unreadable: $(cat "$T/out")"
  ok
  chmod 600 locked.xml
fi

done_checks
