#!/usr/bin/env bash
# provkit simulate against a real tftpd-hpa: the guide's chapter 4 exercises (basic.txt, a
# per-MAC file, gzip, [--key MyOwnSecret ], Profile_Rule_B), file not found, Resync_Fails_On_FNF.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/server_lib.sh"
start_tftp
TS="127.0.0.1:$TFTP_PORT"
CTX=(--mac 000e08abcdef --set PN=CP-7832-3PCC --set SWVER=11.0.1)
printf '<flat-profile>   <GPP_A> 12345678   </GPP_A> </flat-profile>\n' >"$ROOT/basic.txt"
printf '<flat-profile>\n<GPP_A>12345678</GPP_A>\n<GPP_B>ABCD</GPP_B>\n</flat-profile>\n' >"$ROOT/basic2.txt"
cp "$ROOT/basic.txt" "$ROOT/CP-7832-3PCC000e08abcdef.cfg"
gzip -c "$ROOT/basic.txt" >"$ROOT/basic.txt.gz"
openssl enc -aes-256-cbc -k MyOwnSecret -in "$ROOT/basic.txt" -out "$ROOT/basic.cfg" 2>/dev/null
openssl enc -aes-256-cbc -md md5 -k MyOwnSecret -in "$ROOT/basic.txt.gz" -out "$ROOT/basic-gz.cfg" 2>/dev/null
chmod 644 "$ROOT"/*

# TFTP Resync: basic.txt sets GPP_A to 12345678; the new state is canonical XML.
state "$T/s1.xml" "Profile_Rule=tftp://$TS/basic.txt" "GPP_A="
expect_status 0 "$PROVKIT" simulate --profile "$T/s1.xml" "${CTX[@]}" -o "$T/new.xml"
expect_out "^Profile_Rule: alternative 1, tftp://$TS/basic.txt"
expect_out "class A, 61 bytes, decoded: xml"
expect_out "changed: GPP_A"
expect_out "^syslog: CP-7832-3PCC 00:0e:08:ab:cd:ef -- Requesting resync tftp://127.0.0.1:$TFTP_PORT/basic.txt$"
expect_out "^syslog: CP-7832-3PCC 00:0e:08:ab:cd:ef -- Successful resync tftp://127.0.0.1:$TFTP_PORT/basic.txt$"
grep -q '<GPP_A>12345678</GPP_A>' "$T/new.xml" || fail "GPP_A not in the new state"; ok
"$PROVKIT" decrypt "$T/new.xml" >/dev/null || fail "the new state does not decode"; ok
# The new state is a fixed point: simulating again changes nothing.
expect_status 0 "$PROVKIT" simulate --profile "$T/new.xml" "${CTX[@]}" --diff
[ ! -s "$T/out" ] || fail "second resync changed something: $(cat "$T/out")"; ok
expect_status 0 "$PROVKIT" simulate --profile "$T/s1.xml" "${CTX[@]}" --diff
expect_out '^GPP_A: "" -> "12345678"$'

# A per-MAC file through $MA (and $PN).
state "$T/s2.xml" "Profile_Rule=tftp://$TS/\$PN\$MA.cfg"
expect_status 0 "$PROVKIT" simulate --profile "$T/s2.xml" "${CTX[@]}" --format json
[ "$(json_get 'd["rules"][0]["url"]')" = "tftp://$TS/CP-7832-3PCC000e08abcdef.cfg" ] || fail "per-MAC URL"; ok
[ "$(json_get 'd["changed"]')" = "[{'name': 'GPP_A', 'old': None, 'new': '12345678', 'ua': None}]" ] || fail "per-MAC change: $(cat "$T/out")"; ok
# Another MAC has no file: class B, the resync fails, the failure message carries $ERR.
expect_status 1 "$PROVKIT" simulate --profile "$T/s2.xml" --mac 000e08000001 --set PN=CP-7832-3PCC --format json
[ "$(json_get 'd["rules"][0]["class"], d["ok"], len(d["rules"])')" = "B False 1" ] || fail "missing file: $(cat "$T/out")"; ok
json_get 'd["syslog"][-1]' | grep -q -- "-- Resync failed: file not found" || fail "failure syslog: $(cat "$T/out")"; ok

# gzip, the guide's [--key MyOwnSecret ] (openssl's default digest), gzip + key (MD5).
state "$T/s3.xml" "Profile_Rule=tftp://$TS/basic.txt.gz"
expect_status 0 "$PROVKIT" simulate --profile "$T/s3.xml" "${CTX[@]}"
expect_out "decoded: gzip, xml"; expect_out "changed: GPP_A"
state "$T/s4.xml" "Profile_Rule=[--key MyOwnSecret ] tftp://$TS/basic.cfg"
expect_status 0 "$PROVKIT" simulate --profile "$T/s4.xml" "${CTX[@]}"
expect_out "decoded: aes-256-cbc \(sha256\), xml"; expect_out "changed: GPP_A"
if grep -q MyOwnSecret "$T/out" "$T/err"; then fail "the key was shown"; fi; ok
state "$T/s5.xml" "Profile_Rule=[--key MyOwnSecret] tftp://$TS/basic-gz.cfg"
expect_status 0 "$PROVKIT" simulate --profile "$T/s5.xml" "${CTX[@]}"
expect_out "decoded: aes-256-cbc \(md5\), gzip, xml"
# Without the key, or with a wrong one: a corrupt profile, class B, nothing applied.
state "$T/s6.xml" "Profile_Rule=[--key NotMySecret] tftp://$TS/basic.cfg" "GPP_A=old"
expect_status 1 "$PROVKIT" simulate --profile "$T/s6.xml" "${CTX[@]}" -o "$T/new6.xml"
expect_out "class B"; expect_out "error: corrupt profile"
[ ! -e "$T/new6.xml" ] || fail "a failed resync wrote -o"; ok
grep -q '<GPP_A ua="na">old</GPP_A>\|<GPP_A>old</GPP_A>' "$T/s6.xml" || fail "the state input changed"; ok

# Partitioned profiles: Profile_Rule then Profile_Rule_B, in that order.
state "$T/s7.xml" "Profile_Rule=tftp://$TS/basic.txt" "Profile_Rule_B=tftp://$TS/basic2.txt "
expect_status 0 "$PROVKIT" simulate --profile "$T/s7.xml" "${CTX[@]}" --format json
[ "$(json_get '[r["param"] for r in d["rules"] if r["class"]]')" = "['Profile_Rule', 'Profile_Rule_B']" ] || fail "order"; ok
[ "$(json_get '[c["name"]+"="+c["new"] for c in d["changed"]]')" = "['GPP_A=12345678', 'GPP_B=ABCD']" ] || fail "partitioned: $(cat "$T/out")"; ok
[ "$(json_get 'len(d["syslog"])')" = 4 ] || fail "two request and two success lines expected"; ok

# A failed rule interrupts the sequence: Profile_Rule_B is not evaluated.
state "$T/s8.xml" "Profile_Rule=tftp://$TS/missing.txt" "Profile_Rule_B=tftp://$TS/basic2.txt"
expect_status 1 "$PROVKIT" simulate --profile "$T/s8.xml" "${CTX[@]}" --format json
[ "$(json_get 'len(d["rules"]), d["changed"]')" = "1 []" ] || fail "sequence not interrupted: $(cat "$T/out")"; ok
# Resync_Fails_On_FNF No: file not found counts as success and the sequence goes on.
state "$T/s9.xml" "Profile_Rule=tftp://$TS/missing.txt" "Profile_Rule_B=tftp://$TS/basic2.txt" "Resync_Fails_On_FNF=No"
expect_status 0 "$PROVKIT" simulate --profile "$T/s9.xml" "${CTX[@]}" --format json
[ "$(json_get 'd["rules"][0]["class"], d["rules"][0]["ok"], d["rules"][1]["changed"]')" = "B True ['GPP_A', 'GPP_B']" ] || fail "FNF No: $(cat "$T/out")"; ok

# A URL without a server goes to the DHCP option-66 TFTP server; without one it fails.
state "$T/s10.xml" "Profile_Rule=/basic.txt"
expect_status 0 "$PROVKIT" simulate --profile "$T/s10.xml" "${CTX[@]}" --tftp-server "$TS"
expect_out "changed: GPP_A"
expect_status 1 "$PROVKIT" simulate --profile "$T/s10.xml" "${CTX[@]}"
expect_out "no --tftp-server"

# Cleared Log_*_Msg: no syslog line; a custom one expands $SCHEME $SERV $PORT $PATH.
state "$T/s11.xml" "Profile_Rule=tftp://$TS/basic.txt" "Log_Request_Msg=" 'Log_Success_Msg=ok $SCHEME $SERV $PORT $PATH'
expect_status 0 "$PROVKIT" simulate --profile "$T/s11.xml" "${CTX[@]}" --format json
[ "$(json_get 'd["syslog"]')" = "['ok tftp 127.0.0.1 $TFTP_PORT /basic.txt']" ] || fail "syslog: $(cat "$T/out")"; ok

# Usage: no --profile; a bad --tftp-server; an unreadable state.
expect_status 2 "$PROVKIT" simulate "${CTX[@]}"
expect_stderr "--profile STATE"
expect_status 2 "$PROVKIT" simulate --profile "$T/s1.xml" --tftp-server "a b:x"
expect_status 1 "$PROVKIT" simulate --profile "$T/nonexistent.xml" -o "$T/never.xml"
[ ! -e "$T/never.xml" ] || fail "output written after an error"; ok
done_checks
