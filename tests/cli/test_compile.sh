#!/usr/bin/env bash
# provkit compile: spc and XML sources, layers, --set, --show-origin, unknown names, source
# errors (nothing written), and --gzip/-k output decoded by the real openssl and gunzip.
source "$(dirname "$0")/lib.sh"
EX="$PROVKIT_SOURCE_DIR/examples"
export KEY='compile key'
printf 'precious old output\n' >"$T/precious"

# The sample compiles to itself without its comments (the canonical form).
expect_status 0 "$PROVKIT" compile -o "$T/sample.xml" "$SAMPLE"
grep -v '^<!--' "$SAMPLE" >"$T/expected.xml"
same_bytes "$T/expected.xml" "$T/sample.xml"
[ ! -s "$T/err" ] || fail "the sample drew diagnostics: $(cat "$T/err")"
ok

# spc and XML sources with the same meaning compile to identical output.
cat >"$T/a.txt" <<'EOF'
# spc source
Resync_Periodic "3600+600" ;
Dial_Plan[1] ? "(*xx|[3469]11|0|00|[2-9]xxxxxx)" ;
Speed_Dial_2_Name ! " Office & <Lab> " ;
GPP_A "" ;
Display_Name[1] ;
EOF
cat >"$T/a.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<flat-profile>
  <!-- the same settings as a.txt -->
  <Resync_Periodic ua="na">
    3600+600
  </Resync_Periodic>
  <Dial_Plan_1_ ua="ro">(*xx|[3469]11|0|00|[2-9]xxxxxx)</Dial_Plan_1_>
  <Speed_Dial_2_Name ua="rw">&#32;Office &amp; &lt;Lab&gt;&#x20;</Speed_Dial_2_Name>
  <GPP_A ua="na"></GPP_A>
</flat-profile>
EOF
"$PROVKIT" compile -o "$T/from-spc.xml" "$T/a.txt" || fail "spc did not compile"
"$PROVKIT" compile -o "$T/from-xml.xml" "$T/a.xml" || fail "xml did not compile"
same_bytes "$T/from-spc.xml" "$T/from-xml.xml"
grep -q '<Speed_Dial_2_Name ua="rw">&#32;Office &amp; &lt;Lab&gt;&#32;</Speed_Dial_2_Name>' "$T/from-spc.xml" ||
  fail "padded value not kept: $(cat "$T/from-spc.xml")"
ok
# The same through standard input, and with the format forced.
"$PROVKIT" compile - <"$T/a.txt" | cmp -s - "$T/from-spc.xml" || fail "stdin source differs"
"$PROVKIT" compile --from spc <"$T/a.txt" | cmp -s - "$T/from-spc.xml" || fail "--from spc differs"
ok
expect_status 1 "$PROVKIT" compile --from spc "$T/a.xml"
expect_stderr "a\.xml:1:1: expected a parameter name"
expect_status 1 "$PROVKIT" compile --from xml "$T/a.txt"
expect_stderr "a\.txt:[0-9]+:[0-9]+: "

# Layers: later wins, first-seen order stays, a ua is kept unless a later layer gives one.
printf '<flat-profile><GPP_B ua="ro">1</GPP_B><GPP_C>c</GPP_C></flat-profile>\n' >"$T/l1.xml"
printf 'GPP_D "d";\nGPP_B "2";\n' >"$T/l2.txt"
printf '<flat-profile><GPP_C ua="rw">c3</GPP_C></flat-profile>\n' >"$T/l3.xml"
"$PROVKIT" compile "$T/l1.xml" "$T/l2.txt" "$T/l3.xml" >"$T/layers.xml" || fail "layers did not compile"
cat >"$T/layers-expected.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<flat-profile>
<GPP_B ua="na">2</GPP_B>
<GPP_C ua="rw">c3</GPP_C>
<GPP_D ua="na">d</GPP_D>
</flat-profile>
EOF
same_bytes "$T/layers-expected.xml" "$T/layers.xml"
printf '<flat-profile><GPP_B>3</GPP_B></flat-profile>\n' >"$T/l4.xml"
"$PROVKIT" compile "$T/l1.xml" "$T/l4.xml" | grep -q '<GPP_B ua="ro">3</GPP_B>' || fail "ua not retained"
ok

# --set comes last and takes web-page names; --show-origin says where each value came from.
expect_status 0 "$PROVKIT" compile --show-origin --set "Resync On Reset=No" --set "Dial Plan[1]=(xx.)" \
  --set GPP_B=set "$T/l1.xml" "$T/l2.txt"
grep -q '^<Resync_On_Reset>No</Resync_On_Reset>$' "$T/out" || fail "web name not normalised: $(cat "$T/out")"
grep -q '^<Dial_Plan_1_>(xx.)</Dial_Plan_1_>$' "$T/out" || fail "Dial Plan[1] not normalised"
grep -q '^<GPP_B ua="na">set</GPP_B>$' "$T/out" || fail "--set did not win over the sources"
ok
grep -qx "$T/l2.txt:1:1: GPP_D" "$T/err" || fail "no origin for GPP_D: $(cat "$T/err")"
grep -qx "$T/l1.xml:1:39: GPP_C" "$T/err" || fail "no origin for GPP_C"
grep -qx -- "--set:3: GPP_B" "$T/err" || fail "no origin for --set GPP_B"
grep -qx -- "--set:1: Resync_On_Reset" "$T/err" || fail "no origin for Resync_On_Reset"
ok
expect_status 2 "$PROVKIT" compile --set 'Password_1_:hunter2' "$T/l1.xml"
expect_stderr "NAME=VALUE"
! grep -q hunter2 "$T/err" || fail "a --set value was echoed"
ok
expect_status 2 "$PROVKIT" compile --set '1bad=x' "$T/l1.xml"
expect_stderr '"1bad" is not a parameter name'

# Unknown names: a warning with did-you-mean; an error with --strict, with nothing written.
printf '<flat-profile>\n<Resync_Periodc>60</Resync_Periodc>\n<resync_on_reset>No</resync_on_reset>\n</flat-profile>\n' >"$T/typo.xml"
expect_status 0 "$PROVKIT" compile -o "$T/typo-out.xml" "$T/typo.xml"
expect_stderr "warning: .*typo\.xml:2:1: unknown parameter Resync_Periodc .*did you mean Resync_Periodic\?"
expect_stderr "typo\.xml:3:1: unknown parameter resync_on_reset .*did you mean Resync_On_Reset\?"
cp "$T/precious" "$T/strict.xml"
expect_status 1 "$PROVKIT" compile --strict -o "$T/strict.xml" "$T/typo.xml"
expect_stderr "error: .*typo\.xml:2:1: unknown parameter Resync_Periodc"
same_bytes "$T/precious" "$T/strict.xml"
# A site catalog makes a name known.
printf 'Resync_Periodc\tint:0..86400\tna\t\nresync_on_reset\tbool\tna\tYes\n' >"$T/site.tsv"
expect_status 0 "$PROVKIT" compile --strict --catalog "$T/site.tsv" -o "$T/strict.xml" "$T/typo.xml"
[ ! -s "$T/err" ] || fail "--catalog did not take: $(cat "$T/err")"
printf 'X\tnumber\tna\n' >"$T/bad.tsv"
expect_status 1 "$PROVKIT" compile --catalog "$T/bad.tsv" "$T/typo.xml"
expect_stderr "bad\.tsv:1: unknown type \"number\""

# Source errors: FILE:LINE:COL, exit 1, an existing output untouched, no temporary file left.
printf '<flat-profile>\n<A ua=\xe2\x80\x9dna\xe2\x80\x9d/>\n</flat-profile>\n' >"$T/curly.xml"
printf 'GPP_A "1"\nGPP_B "2";\n' >"$T/nosemi.txt"
printf 'import loop2.txt\n' >"$T/loop1.txt"
printf 'GPP_A "1";\nimport loop1.txt\n' >"$T/loop2.txt"
printf '<flat-profile>\n<GPP_A>\xe9</GPP_A>\n</flat-profile>\n' >"$T/latin1.xml"
cp "$T/precious" "$T/keep.xml"
for case in "curly.xml:2:7: typographic quote ” \(U\+201D\)" "nosemi.txt:2:1: expected ';'" \
            "latin1.xml:2:8: invalid UTF-8"; do
  file=${case%%:*}
  expect_status 1 "$PROVKIT" compile -o "$T/keep.xml" "$T/l1.xml" "$T/$file"
  expect_stderr "error: $T/$case"
  expect_stderr "nothing written"
  same_bytes "$T/precious" "$T/keep.xml"
done
expect_status 1 "$PROVKIT" compile -o "$T/keep.xml" "$T/loop2.txt"
expect_stderr "error: $T/loop1.txt:1:1: import cycle: $T/loop2.txt -> $T/loop1.txt -> $T/loop2.txt"
same_bytes "$T/precious" "$T/keep.xml"
# Every source is checked: errors in two files are both reported.
expect_status 1 "$PROVKIT" compile -o "$T/keep.xml" "$T/curly.xml" "$T/nosemi.txt"
expect_stderr "curly\.xml:2:7"
expect_stderr "nosemi\.txt:2:1"
expect_status 1 "$PROVKIT" compile -o "$T/keep.xml" "$T/missing.xml"
expect_stderr "missing\.xml"
same_bytes "$T/precious" "$T/keep.xml"
ok

# -o never overwrites a source unless forced.
cp "$T/l1.xml" "$T/self.xml"
expect_status 2 "$PROVKIT" compile -o "$T/self.xml" "$T/self.xml"
expect_stderr "refusing to overwrite an input"
same_bytes "$T/l1.xml" "$T/self.xml"
expect_status 0 "$PROVKIT" compile -f -o "$T/self.xml" "$T/self.xml"

# --gzip and a key: the .cfg decodes with the real openssl enc (MD5, as phones) and gunzip.
E1="$EX/site-common.txt"
E2="$EX/phone-1001.xml"
"$PROVKIT" compile -o "$T/plain.xml" "$E1" "$E2" || fail "examples did not compile"
expect_status 0 "$PROVKIT" compile --gzip --pass env:KEY -o "$T/phone.cfg" "$E1" "$E2"
[ ! -s "$T/err" ] || fail "encrypting drew diagnostics: $(cat "$T/err")"
openssl enc -d -aes-256-cbc -md md5 -pass env:KEY -in "$T/phone.cfg" 2>/dev/null | gunzip >"$T/decoded.xml" ||
  fail "openssl enc -d | gunzip failed"
same_bytes "$T/plain.xml" "$T/decoded.xml"
# The guide's own command line: openssl enc -d -aes-256-cbc -k (with -md md5, as phones derive keys).
"$PROVKIT" compile --gzip -k "$KEY" "$E1" "$E2" >"$T/k.cfg"
openssl enc -d -aes-256-cbc -md md5 -k "$KEY" -in "$T/k.cfg" 2>/dev/null | gunzip | cmp -s - "$T/plain.xml" ||
  fail "compile --gzip -k did not decode with openssl enc -d -k | gunzip"
"$PROVKIT" compile -k "$KEY" "$E1" "$E2" >"$T/enc-only.cfg"
openssl enc -d -aes-256-cbc -md md5 -k "$KEY" -in "$T/enc-only.cfg" 2>/dev/null | cmp -s - "$T/plain.xml" ||
  fail "-k without --gzip did not decode"
"$PROVKIT" compile --gzip "$E1" "$E2" | gunzip | cmp -s - "$T/plain.xml" || fail "--gzip alone did not gunzip"
"$PROVKIT" compile --gzip --pass env:KEY --salt 0011223344556677 "$E1" "$E2" >"$T/s1.cfg"
"$PROVKIT" compile --gzip --pass env:KEY --salt 0011223344556677 "$E1" "$E2" >"$T/s2.cfg"
same_bytes "$T/s1.cfg" "$T/s2.cfg"
"$PROVKIT" decrypt --pass env:KEY "$T/s1.cfg" | cmp -s - "$T/plain.xml" || fail "provkit decrypt disagrees"
"$PROVKIT" compile --scheme aes128gcm --pass env:KEY "$E1" | "$PROVKIT" decrypt --pass env:KEY >"$T/gcm.xml"
"$PROVKIT" compile "$E1" | cmp -s - "$T/gcm.xml" || fail "aes128gcm output did not decode"
! grep -rq "compile key" "$T"/*.cfg || fail "the key appears in an output"
ok
expect_status 2 "$PROVKIT" compile --md sha256 "$E1"
expect_stderr "need a key"
expect_status 2 "$PROVKIT" compile --pass env:KEY --salt 00 "$E1"
expect_stderr "16 hex digits"
expect_status 2 "$PROVKIT" compile --pass env:KEY --rs 100 "$E1"
expect_stderr "--rs does not apply to --scheme openssl"
expect_status 0 "$PROVKIT" compile --pass env:KEY --md sha256 -o "$T/sha.cfg" "$E1"
expect_stderr "warning: phones tested against OpenSSL 0.9.7c"
! grep -q "compile key" "$T/err" || fail "the key appears in a message"
ok

done_checks
