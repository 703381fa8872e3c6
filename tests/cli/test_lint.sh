#!/usr/bin/env bash
# provkit lint: the sample is clean; a mutated copy gives exactly the expected findings (whole JSON
# compared); single-mistake documents at their exact positions; exit statuses, --werror,
# --strict, --disable, --catalog; nothing else is written.
source "$(dirname "$0")/lib.sh"
cd "$T"

# The guide's sample profile has no findings at all.
expect_status 0 "$PROVKIT" lint "$SAMPLE"
[ ! -s "$T/out" ] && [ ! -s "$T/err" ] || fail "the sample drew output: $(cat "$T/out" "$T/err")"
ok
expect_status 0 "$PROVKIT" lint --format json --werror --strict "$SAMPLE"
[ "$(cat "$T/out")" = "[]" ] || fail "json for the sample: $(cat "$T/out")"
ok

# One mistake on each of 20 lines of the sample; every finding at its line and column.
python3 "$PROVKIT_SOURCE_DIR/tests/cli/lint_mutate.py" "$SAMPLE" m.xml
cp m.xml m.before
expect_status 1 "$PROVKIT" lint --format json m.xml
cat >expected.json <<'JSON'
[
  {"file":"m.xml","line":5,"column":23,"rule":"typographic","severity":"error","message":"typographic quote ” (U+201D) around the value of attribute ua; XML needs ASCII double quotes (pasted from a PDF or word processor?)","suggestion":"write ua=\"na\""},
  {"file":"m.xml","line":8,"column":2,"rule":"unknown-name","severity":"warning","message":"unknown parameter Session_Max_Timeot (the phone ignores it)","suggestion":"did you mean Session_Max_Timeout?"},
  {"file":"m.xml","line":10,"column":2,"rule":"name-case","severity":"warning","message":"web_server_port is not a parameter: names are case-sensitive, so the phone ignores it","suggestion":"write Web_Server_Port"},
  {"file":"m.xml","line":11,"column":30,"rule":"ua-value","severity":"error","message":"ua=\"RW\": user access values are lower case: ua=\"rw\"","suggestion":null},
  {"file":"m.xml","line":12,"column":25,"rule":"secret-unencrypted","severity":"warning","message":"Admin_Password holds a secret, but this profile is not encrypted: whoever can download or read the file can read it","suggestion":"deliver the profile encrypted (provkit encrypt, or provkit compile -k/--pass), or set the secret another way"},
  {"file":"m.xml","line":14,"column":23,"rule":"ua-quote","severity":"error","message":"ua value in single quotes; the guide requires double quotes: ua=\"na\"","suggestion":null},
  {"file":"m.xml","line":24,"column":22,"rule":"value-type","severity":"error","message":"Primary_DNS: \"64.101.155.1350\" is not an IPv4 address","suggestion":"write x.x.x.x with x in 0..255, e.g. 10.1.2.100"},
  {"file":"m.xml","line":28,"column":39,"rule":"value-type","severity":"error","message":"Enable_802.1X_Authentication: \"Maybe\" is not a Bool","suggestion":"write Yes or No"},
  {"file":"m.xml","line":35,"column":29,"rule":"value-type","severity":"error","message":"Switch_Port_Config: \"1000FULL\" is not one of the choices","suggestion":"use one of: AUTO, 10HALF, 10FULL, 100HALF, 100FULL"},
  {"file":"m.xml","line":36,"column":24,"rule":"unknown-attribute","severity":"warning","message":"unknown attribute id on <Syslog_Server> is ignored (only ua is defined)","suggestion":null},
  {"file":"m.xml","line":39,"column":2,"rule":"duplicate","severity":"warning","message":"duplicate parameter Primary_NTP_Server: already set on line 38; the last occurrence wins","suggestion":"remove the occurrence that should not apply"},
  {"file":"m.xml","line":67,"column":27,"rule":"value-type","severity":"error","message":"SIP_TCP_Port_Min: \"70000\" is out of range","suggestion":"use 0..65535"},
  {"file":"m.xml","line":140,"column":27,"rule":"value-type","severity":"error","message":"Resync_At__HHmm_: \"2460\": hour 24 is not 00-23","suggestion":null},
  {"file":"m.xml","line":142,"column":26,"rule":"value-type","severity":"error","message":"Resync_Periodic: \"1800+,3600\" is not a delay schedule: \"1800+\"","suggestion":"write seconds, comma-separated, each with an optional +random delay, e.g. 1800+300,3600"},
  {"file":"m.xml","line":143,"column":38,"rule":"value-type","severity":"error","message":"Resync_Error_Retry_Delay: \"30,60+x\" is not a delay schedule: \"60+x\"","suggestion":"write seconds, comma-separated, each with an optional +random delay, e.g. 1800+300,3600"},
  {"file":"m.xml","line":157,"column":28,"rule":"entity","severity":"error","message":"'&' starts no escape; write a literal & as &amp;","suggestion":null},
  {"file":"m.xml","line":161,"column":40,"rule":"typographic","severity":"error","message":"typographic dash – (U+2013) in the value of Upgrade_Error_Retry_Delay (schedule); the phone needs an ASCII hyphen -","suggestion":"replace it with -"},
  {"file":"m.xml","line":191,"column":45,"rule":"value-type","severity":"error","message":"Dial_Tone: \"350@-19,440@-19;10(*/0/1+3)\": frequency number \"3\" is not 0..2","suggestion":"name the frequencies of the FreqScript part by number, e.g. 1+2"},
  {"file":"m.xml","line":212,"column":20,"rule":"value-type","severity":"error","message":"Cadence_1: \"60(2/4\": section \"60(2/4\" is malformed","suggestion":"write D(on/off,...), e.g. 60(2/4)"},
  {"file":"m.xml","line":288,"column":24,"rule":"non-ascii","severity":"info","message":"the value of Station_Name contains the non-ASCII character ü (U+00FC); some phone families accept only ASCII","suggestion":null}
]
JSON
diff -u expected.json "$T/out" || fail "mutated sample: findings differ (- expected, + got)"
ok
same_bytes m.before m.xml  # lint never writes
[ ! -s "$T/err" ] || fail "lint wrote to stderr: $(cat "$T/err")"
ok
grep -q s3cret "$T/out" && fail "a secret value appears in the findings"
ok

# The same findings as text, one line each.
expect_status 1 "$PROVKIT" lint m.xml
[ "$(wc -l <"$T/out")" -eq 20 ] || fail "text: expected 20 lines, got $(wc -l <"$T/out")"
ok
grep -qxF 'm.xml:8:2: warning: unknown parameter Session_Max_Timeot (the phone ignores it); did you mean Session_Max_Timeout? [unknown-name]' "$T/out" ||
  fail "text line for the typo: $(sed -n 2p "$T/out")"
ok
grep -qxF 'm.xml:140:27: error: Resync_At__HHmm_: "2460": hour 24 is not 00-23 [value-type]' "$T/out" || fail "text line for HHmm"
ok

# Documents that stop the reader: the error at its exact position, and only that.
lint_one() {  # lint_one NAME CONTENT EXPECTED-JSON-LINE: the file gives exactly that one finding
  printf '%b' "$2" >"$1"
  expect_status 1 "$PROVKIT" lint --format json "$1"
  printf '[\n  %s\n]\n' "$3" >want.json
  diff -u want.json "$T/out" || fail "$1: findings differ"
  ok
}
lint_one not-closed.xml '<flat-profile>\n<Resync_On_Reset>Yes</Resync_On_Reset>\n' \
  '{"file":"not-closed.xml","line":3,"column":1,"rule":"xml-syntax","severity":"error","message":"unexpected end of file: an element is not closed (missing </flat-profile> or another closing tag?)","suggestion":null}'
lint_one root.xml '<?xml version="1.0"?>\n<profile>\n<A>1</A>\n</profile>\n' \
  '{"file":"root.xml","line":2,"column":1,"rule":"root","severity":"error","message":"the root element is <profile>; a profile'"'"'s root element must be <flat-profile>","suggestion":null}'
lint_one latin1.xml '<flat-profile>\n<Station_Name>Caf\xe9</Station_Name>\n</flat-profile>\n' \
  '{"file":"latin1.xml","line":2,"column":18,"rule":"utf8","severity":"error","message":"invalid UTF-8: incomplete sequence (byte 0xE9); a profile must be UTF-8: re-save the file with UTF-8 encoding","suggestion":null}'
lint_one unquoted.xml '<flat-profile>\n  <Resync_On_Reset ua=na>Yes</Resync_On_Reset>\n</flat-profile>\n' \
  '{"file":"unquoted.xml","line":2,"column":23,"rule":"ua-quote","severity":"error","message":"the value of attribute ua is not in quotes","suggestion":"write ua=\"na\""}'
lint_one nested.xml '<flat-profile>\n<Proxy_1_>a<Port>5060</Port></Proxy_1_>\n</flat-profile>\n' \
  '{"file":"nested.xml","line":2,"column":12,"rule":"nesting","severity":"error","message":"element <Port> inside parameter <Proxy_1_>; a flat profile has no nested elements (a missing closing tag?)","suggestion":null}'
lint_one closing-curly.xml '<flat-profile>\n<Resync_On_Reset ua="rw\xe2\x80\x9d>Yes</Resync_On_Reset>\n</flat-profile>\n' \
  '{"file":"closing-curly.xml","line":2,"column":24,"rule":"typographic","severity":"error","message":"typographic quote ” (U+201D) closes the value of attribute ua; XML needs an ASCII double quote (pasted from a PDF or word processor?)","suggestion":"write ua=\"rw\""}'
lint_one encoding.xml '<?xml version="1.0" encoding="ISO-8859-1"?>\n<flat-profile/>\n' \
  '{"file":"encoding.xml","line":1,"column":31,"rule":"encoding","severity":"error","message":"the declaration says encoding=\"ISO-8859-1\"; phones accept only UTF-8: convert the file (iconv -f ISO-8859-1 -t UTF-8) and declare encoding=\"UTF-8\"","suggestion":null}'
# A typographic quote pasted into the markup of two parameters: both reported, and the rest of
# the file is still read (the bad Bool after them is found).
printf '<flat-profile>\n<Resync_On_Reset ua=\xe2\x80\x9cna\xe2\x80\x9d>Yes</Resync_On_Reset>\n<Resync_Periodic ua=\xe2\x80\x9dro\xe2\x80\x9d>60</Resync_Periodic>\n<Enable_Web_Server>Ja</Enable_Web_Server>\n</flat-profile>\n' >curly.xml
expect_status 1 "$PROVKIT" lint curly.xml
cat >want.txt <<'TXT'
curly.xml:2:21: error: typographic quote “ (U+201C) around the value of attribute ua; XML needs ASCII double quotes (pasted from a PDF or word processor?); write ua="na" [typographic]
curly.xml:3:21: error: typographic quote ” (U+201D) around the value of attribute ua; XML needs ASCII double quotes (pasted from a PDF or word processor?); write ua="ro" [typographic]
curly.xml:4:20: error: Enable_Web_Server: "Ja" is not a Bool; write Yes or No [value-type]
TXT
diff -u want.txt "$T/out" || fail "curly quotes in markup"
ok

# Values located through escapes, CDATA, comments and CR LF line ends.
printf '<flat-profile>\r\n<Resync_Periodic>\r\n  &#49;800,<!-- c --><![CDATA[ 60+x]]></Resync_Periodic>\r\n</flat-profile>\r\n' >escaped.xml
expect_status 1 "$PROVKIT" lint escaped.xml
grep -qxF 'escaped.xml:3:32: error: Resync_Periodic: "1800, 60+x" is not a delay schedule: "60+x"; write seconds, comma-separated, each with an optional +random delay, e.g. 1800+300,3600 [value-type]' "$T/out" ||
  fail "value position through escapes: $(cat "$T/out")"
ok

# The provisioning language: rules, triggers and log templates through the rule parser, each
# finding at its line and column in the profile.
printf '<flat-profile>\n<Profile_Rule>( $PN == SPA962 )? http://x/a.cfg</Profile_Rule>\n<Upgrade_Rule>[--key k] /sip.loads</Upgrade_Rule>\n<Resync_Trigger_1>( $PRVTMR ge 600 )?</Resync_Trigger_1>\n<Log_Failure_Msg>$PN failed: $ERR ($SA)</Log_Failure_Msg>\n<Profile_Rule_B>( "$UPGTMR" gt 300 )? /b.cfg</Profile_Rule_B>\n</flat-profile>\n' >rules.xml
expect_status 1 "$PROVKIT" lint --format json rules.xml
cat >want.json <<'JSON'
[
  {"file":"rules.xml","line":2,"column":24,"rule":"rule-syntax","severity":"error","message":"Profile_Rule: 'SPA962' is neither an integer nor a version string (MPP: sip7832.11-0-1MPP-0123, hardware: 2.0.1, legacy SPA: 2.0.3(0412s)); put a string in double quotes","suggestion":null},
  {"file":"rules.xml","line":3,"column":15,"rule":"upgrade-url","severity":"warning","message":"Upgrade_Rule: URL options are not supported in Upgrade_Rule","suggestion":null},
  {"file":"rules.xml","line":3,"column":25,"rule":"upgrade-url","severity":"warning","message":"Upgrade_Rule: Upgrade_Rule URLs need a server: there is no DHCP option-66 fallback","suggestion":null},
  {"file":"rules.xml","line":4,"column":19,"rule":"trigger-form","severity":"warning","message":"Resync_Trigger_1: Resync_Trigger takes a bare condition; remove the '(' and ')?' around it","suggestion":null},
  {"file":"rules.xml","line":5,"column":36,"rule":"secret-macro","severity":"warning","message":"Log_Failure_Msg: $SA stays as written here: $SA..$SD expand only in the arguments of --key, --uid and --pwd","suggestion":null},
  {"file":"rules.xml","line":6,"column":19,"rule":"macro-compare","severity":"warning","message":"Profile_Rule_B: \"$UPGTMR\" is quoted, so it is a string, but it is compared with a number or version; remove the quotes","suggestion":null}
]
JSON
diff -u want.json "$T/out" || fail "rule findings differ"
ok
# Without the syntax error, the rule warnings alone pass, unless --werror.
sed -i 's/SPA962/"SPA962"/; s/\$PN ==/"$PN" ==/' rules.xml
expect_status 0 "$PROVKIT" lint rules.xml
expect_status 1 "$PROVKIT" lint --werror rules.xml

# Exit statuses: warnings alone pass unless --werror; infos never fail; --strict makes unknown
# names errors.
printf '<flat-profile>\n<Resync_Periodc>60</Resync_Periodc>\n</flat-profile>\n' >warn.xml
printf '<flat-profile>\n<Station_Name>B\xc3\xbcro</Station_Name>\n</flat-profile>\n' >info.xml
expect_status 0 "$PROVKIT" lint warn.xml
grep -q 'warning: unknown parameter Resync_Periodc' "$T/out" || fail "warning not reported"
ok
expect_status 1 "$PROVKIT" lint --werror warn.xml
expect_status 0 "$PROVKIT" lint --werror info.xml
grep -q '^info.xml:2:16: info: ' "$T/out" || fail "info not reported: $(cat "$T/out")"
ok
expect_status 1 "$PROVKIT" lint --strict warn.xml
grep -q '^warn.xml:2:2: error: unknown parameter Resync_Periodc' "$T/out" || fail "--strict: $(cat "$T/out")"
ok

# --disable drops exactly the named rules' findings.
expect_status 1 "$PROVKIT" lint --format json --disable value-type --disable typographic m.xml
python3 - "$T/out" expected.json <<'PY' || fail "--disable"
import json, sys
got = json.load(open(sys.argv[1]))
want = [f for f in json.load(open(sys.argv[2])) if f["rule"] not in ("value-type", "typographic")]
assert got == want, (got, want)
PY
ok
expect_status 1 "$PROVKIT" lint --format json --disable value-type,typographic m.xml
python3 -c 'import json,sys; assert not [f for f in json.load(open(sys.argv[1])) if f["rule"] in ("value-type", "typographic")]' "$T/out" ||
  fail "--disable with a comma"
ok
expect_status 0 "$PROVKIT" lint --disable unknown-name --werror warn.xml
[ ! -s "$T/out" ] || fail "--disable unknown-name still reported: $(cat "$T/out")"
ok

# A site catalog makes a name known; a malformed one is a usage error.
printf 'Resync_Periodc\tint:0..100\tna\t\n' >site.tsv
expect_status 0 "$PROVKIT" lint --werror --catalog site.tsv warn.xml
printf 'Resync_Periodc\tnumber\tna\t\n' >bad.tsv
expect_status 2 "$PROVKIT" lint --catalog bad.tsv warn.xml
expect_stderr '^provkit: error: .*bad\.tsv:1'

# Usage errors exit 2 before anything is checked.
expect_status 2 "$PROVKIT" lint --format xml m.xml
expect_status 2 "$PROVKIT" lint --disable no-such-rule m.xml
expect_stderr 'unknown rule "no-such-rule" \(rules: xml-syntax, '
expect_status 2 "$PROVKIT" lint does-not-exist.xml
expect_stderr 'does-not-exist.xml: no such file or directory'
expect_status 2 "$PROVKIT" lint --pass stdin - <m.xml
expect_status 2 "$PROVKIT" lint -k a --pass pass:b m.xml
[ ! -s "$T/out" ] || fail "a usage error printed findings"
ok

# Every rule of the linter is documented in provkit-lint(1).
expect_status 0 "$PROVKIT" lint --format sarif "$SAMPLE"
python3 - "$T/out" "$PROVKIT_SOURCE_DIR/man/provkit-lint.1" <<'PY' || fail "rules missing from the man page"
import json, sys
rules = [r["id"] for r in json.load(open(sys.argv[1]))["runs"][0]["tool"]["driver"]["rules"]]
page = open(sys.argv[2], encoding="utf-8").read().replace("\\-", "-")
missing = [r for r in rules if f"\n{r}\t" not in page]
assert len(rules) >= 20 and not missing, missing
PY
ok

done_checks
