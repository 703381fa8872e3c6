#!/usr/bin/env bash
# provkit simulate against a real nginx (http, https with a certificate made now) and a small
# provisioning server: GET/POST, User-Agent, redirects, 401/407, status classes, aes128gcm
# Content-Encoding, --alias, ua, unknown names, the size cap, secrets, --upgrade.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/server_lib.sh"
printf '<flat-profile>   <GPP_A> 12345678   </GPP_A> </flat-profile>\n' >"$ROOT/basic.txt"
printf '<flat-profile><GPP_D ua="rw">x</GPP_D><Not_A_Param>1</Not_A_Param><Password_1_>pw123</Password_1_></flat-profile>\n' >"$ROOT/ua.xml"
printf '<CPE><SIP-Credentials><name>Alice</name></SIP-Credentials><Other>1</Other></CPE>\n' >"$ROOT/alias.xml"
"$PROVKIT" encrypt --scheme aes128gcm --key-encoding base64url -k yqdlZ-tYemfogSmv7Ws5PQ --gzip \
  -o "$ROOT/gcm.cfg" "$ROOT/basic.txt"
"$PROVKIT" encrypt --scheme aes128gcm -k k3y -o "$ROOT/gcmkey.cfg" "$ROOT/basic.txt"
head -c 70000 /dev/zero | tr '\0' x | sed 's/^/<flat-profile><GPP_E>/; s/$/<\/GPP_E><\/flat-profile>/' >"$ROOT/big.xml"
printf 'sip7832.11-3-1MPP-0001 image\n' >"$ROOT/sip7832.11-3-1MPP-0001.loads"
chmod 644 "$ROOT"/*
start_nginx
start_prov --user admin --password s3cr3t
H="127.0.0.1:$HTTP_PORT"; S="127.0.0.1:$HTTPS_PORT"; P="127.0.0.1:$PROV_PORT"
CTX=(--mac 000e08abcdef --set PN=CP-7832-3PCC --set SWVER=sip7832.11-0-1MPP-0001)

# HTTP GET from nginx; HTTPS with the generated certificate trusted, and refused without it.
state "$T/s1.xml" "Profile_Rule=http://$H/basic.txt"
expect_status 0 "$PROVKIT" simulate --profile "$T/s1.xml" "${CTX[@]}" --format json
[ "$(json_get 'd["rules"][0]["method"], d["rules"][0]["status"], d["rules"][0]["class"], d["rules"][0]["bytes"]')" = "GET 200 A 61" ] || fail "http: $(cat "$T/out")"; ok
[ "$(json_get 'list(d)')" = "['rules', 'syslog', 'changed', 'ok']" ] || fail "JSON keys"; ok
state "$T/s2.xml" "Profile_Rule=https://$S/basic.txt"
expect_status 0 "$PROVKIT" simulate --profile "$T/s2.xml" "${CTX[@]}" --cacert "$CA"
expect_out "class A, HTTP 200"; expect_out "changed: GPP_A"
expect_status 1 "$PROVKIT" simulate --profile "$T/s2.xml" "${CTX[@]}"
expect_out "error: TLS failure"
# Nothing listens: class C. (The port is held, not merely free now: another test could take it.)
start_refuser
state "$T/s3.xml" "Profile_Rule=http://127.0.0.1:$REFUSED_PORT/basic.txt"
expect_status 1 "$PROVKIT" simulate --profile "$T/s3.xml" "${CTX[@]}"
expect_out "class C"; expect_out "connection refused"
# A C1 control character (valid XML as &#x9B;, the terminal's CSI) reaches the report as '?'.
state "$T/s3c.xml" "Profile_Rule=http://127.0.0.1:$REFUSED_PORT/\$A.cfg" 'GPP_A=&#x9B;2J'
expect_status 1 "$PROVKIT" simulate --profile "$T/s3c.xml" "${CTX[@]}"
expect_out "GET http://127.0.0.1:$REFUSED_PORT/\\?2J\\.cfg"
! LC_ALL=C grep -q $'\xc2[\x80-\x9f]' "$T/out" || fail "a C1 control character on stdout: $(od -c "$T/out" | head)"; ok
# 404 from nginx: class B.
state "$T/s4.xml" "Profile_Rule=http://$H/none.txt"
expect_status 1 "$PROVKIT" simulate --profile "$T/s4.xml" "${CTX[@]}"
expect_out "class B, HTTP 404"
# A rule that does not parse: the error's column counts characters, as every position does.
state "$T/s6.xml" 'Profile_Rule=("é" eq )? /b'
expect_status 1 "$PROVKIT" simulate --profile "$T/s6.xml" "${CTX[@]}"
expect_out "error: Profile_Rule: column 9: expected an operand"

# The phone's User-Agent, and POST with the expanded GPP_A as the body.
state "$T/s5.xml" "Profile_Rule=[--post a] http://$P/post" 'GPP_A=mac=$MA&amp;sn=42'
expect_status 0 "$PROVKIT" simulate --profile "$T/s5.xml" "${CTX[@]}" --format json
python3 - "$T/prov.log" <<'PY' || fail "POST request"
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])][-1]
assert r["method"] == "POST" and r["body"] == "mac=000e08abcdef&sn=42", r
assert r["headers"]["user-agent"] == "Cisco-CP-7832-3PCC/sip7832.11-0-1MPP-0001 (000e08abcdef)", r
PY
ok
[ "$(json_get 'd["changed"][-1]["name"], d["changed"][-1]["new"]')" = "GPP_C mac=000e08abcdef&sn=42" ] || fail "POST answer"; ok

# 301 and 302 are retried at the new location; a redirect loop ends in class C.
for kind in moved found; do
  state "$T/r.xml" "Profile_Rule=http://$P/$kind/basic.txt"
  expect_status 0 "$PROVKIT" simulate --profile "$T/r.xml" "${CTX[@]}" --format json
  [ "$(json_get '[a["status"] for a in d["rules"][0]["attempts"]], d["rules"][0]["url"]')" = "[$([ $kind = moved ] && echo 301 || echo 302), 200] http://$P/files/basic.txt" ] || fail "$kind: $(cat "$T/out")"; ok
done
state "$T/r.xml" "Profile_Rule=http://$P/loop"
expect_status 1 "$PROVKIT" simulate --profile "$T/r.xml" "${CTX[@]}"
expect_out "class C"; expect_out "more than 5 redirects"
# 500 and 403: class C.
state "$T/r.xml" "Profile_Rule=http://$P/status/500"
expect_status 1 "$PROVKIT" simulate --profile "$T/r.xml" "${CTX[@]}"
expect_out "class C, HTTP 500"

# 401: retried with --uid/--pwd; without them, or with wrong ones (two retries), class C.
: >"$T/prov.log"
state "$T/a.xml" "Profile_Rule=[--uid admin --pwd s3cr3t] http://$P/auth/basic.txt"
expect_status 0 "$PROVKIT" simulate --profile "$T/a.xml" "${CTX[@]}"
expect_out "401 Unauthorized, retrying with the credentials"; expect_out "changed: GPP_A"
if grep -q s3cr3t "$T/out" "$T/err"; then fail "the password was shown"; fi; ok
state "$T/a.xml" "Profile_Rule=http://$P/auth/basic.txt"
expect_status 1 "$PROVKIT" simulate --profile "$T/a.xml" "${CTX[@]}"
expect_out "HTTP 401 Unauthorized \(the rule gives no --uid/--pwd\)"
: >"$T/prov.log"
state "$T/a.xml" "Profile_Rule=[--uid admin --pwd wrong] http://$P/auth/basic.txt"
expect_status 1 "$PROVKIT" simulate --profile "$T/a.xml" "${CTX[@]}" --format json
[ "$(json_get 'len(d["rules"][0]["attempts"]), d["rules"][0]["class"]')" = "3 C" ] || fail "401 retries: $(cat "$T/out")"; ok
[ "$(grep -c '"path": "/auth/basic.txt"' "$T/prov.log")" -ge 3 ] || fail "fewer than 3 requests reached the server"; ok
state "$T/a.xml" "Profile_Rule=[--uid admin --pwd s3cr3t] http://$P/proxy/basic.txt"
expect_status 1 "$PROVKIT" simulate --profile "$T/a.xml" "${CTX[@]}" --format json
[ "$(json_get '[a["status"] for a in d["rules"][0]["attempts"]], d["rules"][0]["class"]')" = "[407, 407, 407] C" ] || fail "407: $(cat "$T/out")"; ok

# RFC 8188: Content-Encoding aes128gcm with IKM_HTTP_Encrypt_Content; without the IKM, class B.
state "$T/g.xml" "Profile_Rule=http://$P/gcm/gcm.cfg" "IKM_HTTP_Encrypt_Content=yqdlZ-tYemfogSmv7Ws5PQ"
expect_status 0 "$PROVKIT" simulate --profile "$T/g.xml" "${CTX[@]}"
expect_out "decoded: aes128gcm \(Content-Encoding\), gzip, xml"; expect_out "changed: GPP_A"
state "$T/g.xml" "Profile_Rule=http://$P/gcm/gcm.cfg"
expect_status 1 "$PROVKIT" simulate --profile "$T/g.xml" "${CTX[@]}"
expect_out "no IKM_HTTP_Encrypt_Content"
# An aes128gcm body without that header, decrypted with the rule's --key: named as what it is.
state "$T/g.xml" "Profile_Rule=[--key k3y] http://$H/gcmkey.cfg"
expect_status 0 "$PROVKIT" simulate --profile "$T/g.xml" "${CTX[@]}"
expect_out "decoded: aes128gcm \(--key\), xml"

# --alias b maps /CPE/SIP-Credentials/name to Display_Name_1_; other elements are ignored.
state "$T/al.xml" "Profile_Rule=[--alias b] http://$H/alias.xml" "GPP_B=/CPE/SIP-Credentials/name = /flat-profile/Display_Name_1_ ;"
expect_status 0 "$PROVKIT" simulate --profile "$T/al.xml" "${CTX[@]}" --diff
[ "$(cat "$T/out")" = 'Display_Name_1_: (unset) -> "Alice"' ] || fail "alias: $(cat "$T/out")"; ok

# ua changes user access; unknown names are ignored; secret values never shown.
state "$T/u.xml" "Profile_Rule=http://$H/ua.xml" "GPP_D=x"
expect_status 0 "$PROVKIT" simulate --profile "$T/u.xml" "${CTX[@]}" -o "$T/u-new.xml" --format json
[ "$(json_get 'd["rules"][0]["ignored"], [(c["name"], c["new"], c["ua"]) for c in d["changed"]]')" = "['Not_A_Param'] [('GPP_D', 'x', 'rw'), ('Password_1_', '***', None)]" ] || fail "ua/unknown: $(cat "$T/out")"; ok
grep -q '<GPP_D ua="rw">x</GPP_D>' "$T/u-new.xml" || fail "ua not in the new state"; ok
grep -q Not_A_Param "$T/u-new.xml" && fail "an unknown name was applied"; ok

# The size cap: a file larger than --max-size fails (class C), nothing applied.
state "$T/b.xml" "Profile_Rule=http://$H/big.xml"
expect_status 0 "$PROVKIT" simulate --profile "$T/b.xml" "${CTX[@]}"
expect_status 1 "$PROVKIT" simulate --profile "$T/b.xml" "${CTX[@]}" --max-size 64K
expect_out "file too large"

# --upgrade: the load's URL answers to a HEAD, the image is not downloaded; Downgrade_Rev_Limit.
: >"$T/prov.log"
state "$T/up.xml" "Upgrade_Rule=http://$P/files/sip7832.11-3-1MPP-0001.loads"
expect_status 0 "$PROVKIT" simulate --profile "$T/up.xml" "${CTX[@]}" --upgrade --format json
[ "$(json_get 'd["upgrade"]["decision"], d["upgrade"]["status"], d["upgrade"]["load"]')" = "fetch 200 sip7832.11-3-1MPP-0001.loads" ] || fail "upgrade: $(cat "$T/out")"; ok
[ "$(python3 -c 'import json,sys; print([json.loads(l)["method"] for l in open(sys.argv[1])])' "$T/prov.log")" = "['HEAD']" ] || fail "the image was downloaded"; ok
state "$T/up.xml" "Upgrade_Rule=http://$P/files/sip7832.10-0-1MPP-0001.loads" "Downgrade_Rev_Limit=sip7832.11-0-0MPP-0001"
expect_status 0 "$PROVKIT" simulate --profile "$T/up.xml" "${CTX[@]}" --upgrade
expect_out "Upgrade_Rule: rejected"
state "$T/up.xml" "Upgrade_Rule=http://$P/files/sip7832.12-0-1MPP-0001.loads"
expect_status 1 "$PROVKIT" simulate --profile "$T/up.xml" "${CTX[@]}" --upgrade
expect_out "does not answer: HTTP 404"
done_checks
