#!/usr/bin/env bash
# push-resync --config: the request is byte-for-byte what the guide's
# `curl -d @FILE "http://PHONE/admin/config.xml&xuser=admin&xpassword=PW"` sends to the same
# fake phone (method, path, Content-Type, body); files that are not plain well-formed profiles
# are refused before anything is sent, unless --force.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/phone_lib.sh"

PW='Pw-7f3k&x y'
PW_IN_URL='Pw-7f3k%26x%20y'
export PHONE_PW="$PW"
start_phones c --password "$PW" query digest
P=$(phone c query)

# same_as_curl FILE [provkit options]: uploads FILE with curl and with provkit; compares.
same_as_curl() {
  local file=$1; shift
  curl -s -o /dev/null -d @"$file" "http://$P/admin/config.xml&xuser=admin&xpassword=$PW_IN_URL" || fail "curl failed"
  expect_status 0 "$PROVKIT" push-resync --password env:PHONE_PW "$@" --config "$file" "$P"
  python3 - "$T/c.log" <<'EOF' || fail "provkit's request differs from curl's for $file"
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
curl, ours = log[-2], log[-1]
def ctype(r): return [v for k, v in r["headers"] if k.lower() == "content-type"]
for what, a, b in [("method", curl["method"], ours["method"]), ("path", curl["target"], ours["target"]),
                   ("Content-Type", ctype(curl), ctype(ours)), ("body", curl["body"], ours["body"]),
                   ("auth", curl["auth"], ours["auth"])]:
    if a != b:
        sys.exit(f"{what}: curl {a!r}, provkit {b!r}")
if curl["auth"] != "ok" or curl["method"] != "POST" or ctype(curl) != ["application/x-www-form-urlencoded"]:
    sys.exit(f"unexpected curl request {curl['method']} {ctype(curl)} {curl['auth']}")
EOF
  ok
}

# Plain profiles: LF, CRLF, long lines whose CRLF straddles curl's 255-byte read chunks.
same_as_curl "$SAMPLE"
sed 's/$/\r/' "$SAMPLE" >"$T/crlf.xml"
same_as_curl "$T/crlf.xml"
python3 - "$T/long.xml" <<'EOF'
import sys
lines = ["<flat-profile>"]
for n in range(250, 262):  # element lines of 250..261 characters, CRLF-terminated
    name = "GPP_A"
    value = "v" * (n - len(f"<{name}></{name}>"))
    lines.append(f"<{name}>{value}</{name}>")
lines.append("</flat-profile>")
open(sys.argv[1], "wb").write(("\r\n".join(lines) + "\r\n").encode())
EOF
same_as_curl "$T/long.xml"
[ "$(logq c 'len(log[-1]["body"])')" -gt 3000 ] || fail "long body lost data"; ok

# The body is the file without its line ends, as the guide's curl command sends it.
tr -d '\r\n' <"$SAMPLE" >"$T/expected-body"
expect_status 0 "$PROVKIT" push-resync --password env:PHONE_PW --config "$SAMPLE" "$P"
last_body c "$T/got-body"
same_bytes "$T/expected-body" "$T/got-body"

# From standard input.
expect_status 0 "$PROVKIT" push-resync --password env:PHONE_PW --config - "$P" <"$SAMPLE"
last_body c "$T/got-body"
same_bytes "$T/expected-body" "$T/got-body"

# With HTTP Digest instead of the query: the body arrives whole once the challenge is answered.
expect_status 0 "$PROVKIT" push-resync --auth digest --password env:PHONE_PW --config "$SAMPLE" "$(phone c digest)"
[ "$(logq c 'log[-1]["auth"] + " " + log[-1]["target"]')" = "ok /admin/config.xml" ] || fail "digest upload"; ok
last_body c "$T/got-body"
same_bytes "$T/expected-body" "$T/got-body"

# Refused before sending: not well-formed, compressed, encrypted, a lone CR.
before=$(requests c)
printf '<flat-profile>\n  <A>1</B>\n</flat-profile>\n' >"$T/bad.xml"
expect_status 1 "$PROVKIT" push-resync --password env:PHONE_PW --config "$T/bad.xml" "$P"
expect_stderr "error: $T/bad.xml:2:[0-9]+: .*not a well-formed flat profile"
expect_stderr "refusing to upload $T/bad.xml; fix the problems above, or give --force"
gzip -c "$SAMPLE" >"$T/p.xml.gz"
expect_status 1 "$PROVKIT" push-resync --password env:PHONE_PW --config "$T/p.xml.gz" "$P"
expect_stderr "is gzip-compressed; --config uploads the plain XML profile"
openssl enc -aes-256-cbc -md md5 -pass pass:k3y -in "$SAMPLE" -out "$T/p.cfg" 2>/dev/null
expect_status 1 "$PROVKIT" push-resync --password env:PHONE_PW --config "$T/p.cfg" "$P"
expect_stderr "is encrypted; --config uploads the plain XML profile"
printf '<flat-profile>\n<A>1</A>\r<B>2</B>\n</flat-profile>\n' >"$T/cr.xml"
expect_status 1 "$PROVKIT" push-resync --password env:PHONE_PW --config "$T/cr.xml" "$P"
expect_stderr "$T/cr.xml:2:9: carriage return without a line feed"
printf '<flat-profile>\n<Ä>ü</Ä>\r<B>2</B>\n</flat-profile>\n' >"$T/cr.xml"  # columns count characters
expect_status 1 "$PROVKIT" push-resync --password env:PHONE_PW --config "$T/cr.xml" "$P"
expect_stderr "$T/cr.xml:2:9: carriage return without a line feed"
expect_status 1 "$PROVKIT" push-resync --password env:PHONE_PW --config "$T/missing.xml" "$P"
expect_stderr "cannot open $T/missing.xml"
[ "$(requests c)" = "$before" ] || fail "a refused profile was sent"; ok

# --force uploads anyway, still exactly as curl would (including curl's loss after a lone CR).
same_as_curl "$T/cr.xml" --force
grep -q "warning: uploading $T/cr.xml despite the problems above (--force)" "$T/err" || fail "no --force warning"; ok
same_as_curl "$T/bad.xml" --force

# HTTP authentication instead of the query; --dry-run shows the request without the password.
expect_status 0 "$PROVKIT" push-resync --dry-run --password env:PHONE_PW --config "$SAMPLE" "$P"
grep -qx "POST http://$P/admin/config.xml&xuser=admin&xpassword=\*\*\*" "$T/out" || fail "dry run: $(cat "$T/out")"; ok
grep -qx "Content-Type: application/x-www-form-urlencoded" "$T/out" || fail "dry run lacks the content type"; ok
grep -qx "Content-Length: $(wc -c <"$T/expected-body")" "$T/out" || fail "dry run content length"; ok

# Usage errors.
expect_status 2 "$PROVKIT" push-resync --config "$SAMPLE" "$P" http://p/x.cfg
expect_stderr "makes no sense with it"
expect_status 2 "$PROVKIT" push-resync --config "$SAMPLE" --via execute --model 7832 "$P"
expect_status 2 "$PROVKIT" push-resync --config "$SAMPLE" --raw-url "$P"

# Linted first: a value the phone cannot parse refuses the upload, naming line, column and rule;
# --force sends it anyway.
before=$(requests c)
sed 's|<Enable_Web_Server ua="na">Yes<|<Enable_Web_Server ua="na">Maybe<|' "$SAMPLE" >"$T/badvalue.xml"
expect_status 1 "$PROVKIT" push-resync --password env:PHONE_PW --config "$T/badvalue.xml" "$P"
expect_stderr "error: $T/badvalue.xml:5:[0-9]+: Enable_Web_Server: \"Maybe\" is not a Bool.*\[value-type\]"
[ "$(requests c)" = "$before" ] || fail "a profile with lint errors was uploaded"; ok
expect_status 0 "$PROVKIT" push-resync --force --password env:PHONE_PW --config "$T/badvalue.xml" "$P"
[ "$(requests c)" = $((before + 1)) ] || fail "--force did not upload"; ok

done_checks
