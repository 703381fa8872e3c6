#!/usr/bin/env bash
# Interop with the real `openssl enc` both ways, for MD5, SHA-256 (and other digests) and PBKDF2:
# what we encrypt openssl decrypts to the same bytes, what openssl encrypts we decrypt, and with
# a fixed salt our output is byte-identical to openssl's.
source "$(dirname "$0")/lib.sh"
command -v openssl >/dev/null || fail "openssl is not installed"
export PK_KEY='Secret Phrase 1234'
ossl() { openssl enc -aes-256-cbc -pass env:PK_KEY "$@" 2>/dev/null; }

# Inputs: empty, one byte, exactly one block, random binary, the sample profile.
: >"$T/empty"
printf 'x' >"$T/one"
printf '0123456789abcdef' >"$T/block"
head -c 5000 /dev/urandom >"$T/random"
cp "$SAMPLE" "$T/sample"
inputs="empty one block random sample"

# roundtrip LABEL PROVKIT_KDF_FLAGS -- OPENSSL_KDF_FLAGS: both directions for every input.
roundtrip() {
  local ours=$1 theirs=$2 f
  for f in $inputs; do
    # shellcheck disable=SC2086
    expect_status 0 "$PROVKIT" encrypt $ours --pass env:PK_KEY -o "$T/$f.ours.cfg" "$T/$f"
    # shellcheck disable=SC2086
    ossl -d $theirs -in "$T/$f.ours.cfg" -out "$T/$f.back" || fail "openssl enc -d $theirs rejected our $f"
    same_bytes "$T/$f" "$T/$f.back"

    # shellcheck disable=SC2086
    ossl -e $theirs -in "$T/$f" -out "$T/$f.theirs.cfg" || fail "openssl enc -e $theirs failed"
    # shellcheck disable=SC2086
    expect_status 0 "$PROVKIT" decrypt --raw $ours --pass env:PK_KEY -o "$T/$f.ours" "$T/$f.theirs.cfg"
    same_bytes "$T/$f" "$T/$f.ours"
  done
}
roundtrip "--md md5" "-md md5"
roundtrip "--md sha256" "-md sha256"
roundtrip "--md sha1" "-md sha1"
roundtrip "--md sha512" "-md sha512"
roundtrip "--pbkdf2" "-pbkdf2"
roundtrip "--pbkdf2 --iter 1" "-pbkdf2 -iter 1"
roundtrip "--iter 1000" "-iter 1000"
roundtrip "--pbkdf2 --iter 2000 --md sha512" "-pbkdf2 -iter 2000 -md sha512"

# Our default is MD5, what phones read; modern openssl's default is SHA-256.
"$PROVKIT" encrypt --pass env:PK_KEY -o "$T/default.cfg" "$T/sample"
ossl -d -md md5 -in "$T/default.cfg" | cmp -s - "$T/sample" || fail "the default derivation is not MD5"
ok

# --salt: our output is Salted__ + salt + `openssl enc -S SALT` (OpenSSL 3 omits the header with -S).
salt=0011223344556677
for kdf in "--md md5|-md md5" "--md sha256|-md sha256" "--pbkdf2|-pbkdf2" "--iter 500 --md sha1|-iter 500 -md sha1"; do
  ours=${kdf%|*} theirs=${kdf#*|}
  for f in empty random sample; do
    # shellcheck disable=SC2086
    "$PROVKIT" encrypt $ours --salt $salt --pass env:PK_KEY -o "$T/salted.ours" "$T/$f" 2>/dev/null
    # shellcheck disable=SC2086
    ossl -e $theirs -S $salt -in "$T/$f" -out "$T/salted.raw"
    salted_header "$salt" "$T/salted.raw" >"$T/salted.theirs"
    same_bytes "$T/salted.ours" "$T/salted.theirs"
  done
done
# Without --salt, each run has a fresh salt.
"$PROVKIT" encrypt -k k -o "$T/r1" "$T/sample"
"$PROVKIT" encrypt -k k -o "$T/r2" "$T/sample"
[ "$(head -c 16 "$T/r1" | xxd -p)" != "$(head -c 16 "$T/r2" | xxd -p)" ] || fail "the salt repeated"
ok

# The guide's pipeline: gzip, then openssl enc (MD5 as on OpenSSL 0.9.7c); decoded to the XML.
gzip -c "$T/sample" | ossl -e -md md5 -out "$T/guide.cfg"
expect_status 0 "$PROVKIT" decrypt --pass env:PK_KEY -o "$T/guide.xml" "$T/guide.cfg"
same_bytes "$T/sample" "$T/guide.xml"
# The guide's command on a modern openssl (-k derives with SHA-256 since OpenSSL 1.1.0): still
# decoded, and -v says which derivation matched.
(cd "$T" && openssl enc -e -aes-256-cbc -k SecretPhrase1234 -in sample -out profile.cfg 2>/dev/null)
expect_status 0 "$PROVKIT" decrypt -v -k SecretPhrase1234 -o "$T/profile.xml" "$T/profile.cfg"
same_bytes "$T/sample" "$T/profile.xml"
expect_stderr "key derivation sha256"
gzip -c "$T/sample" | ossl -e -md md5 -out "$T/guide-md5.cfg"
expect_status 0 "$PROVKIT" decrypt -v --pass env:PK_KEY "$T/guide-md5.cfg"
expect_stderr "key derivation md5"
expect_stderr "gzip: inflated"
# PBKDF2-made gzip profile, fully decoded.
gzip -c "$T/sample" | ossl -e -pbkdf2 -iter 3000 -out "$T/pbkdf2.cfg"
expect_status 0 "$PROVKIT" decrypt -v --iter 3000 --pass env:PK_KEY -o "$T/pbkdf2.xml" "$T/pbkdf2.cfg"
same_bytes "$T/sample" "$T/pbkdf2.xml"
expect_stderr "pbkdf2-sha256 \(3000 iterations\)"

# provkit encrypt --gzip is what `openssl enc -d -md md5 | gunzip` reads back.
"$PROVKIT" encrypt --gzip --pass env:PK_KEY -o "$T/ours.cfg" "$T/sample"
ossl -d -md md5 -in "$T/ours.cfg" | gunzip -c >"$T/ours.xml" || fail "openssl enc -d | gunzip rejected our file"
same_bytes "$T/sample" "$T/ours.xml"
ossl -d -md md5 -in "$T/ours.cfg" | gzip -t || fail "the inner gzip stream does not pass gzip -t"
ok
# ... from standard input to standard output too.
"$PROVKIT" encrypt --gzip --pass env:PK_KEY <"$T/sample" >"$T/stdio.cfg"
ossl -d -md md5 -in "$T/stdio.cfg" | gunzip -c | cmp -s - "$T/sample" || fail "stdin/stdout encrypt differs"
ok

done_checks
