#!/usr/bin/env bash
# provkit eval-rule: exit statuses (0 chosen/true/valid, 1 none/false, 2 syntax or usage), the
# JSON shapes, standard input, --explain, --param, secrets masked, errors at their column.
source "$(dirname "$0")/lib.sh"

# json PYTHON-EXPR: evaluates EXPR with j = the JSON object on the last command's stdout.
json() { python3 -c "import json,sys; j=json.load(open(sys.argv[1])); assert $1, j" "$T/out" || fail "JSON: $1"; ok; }
expect_out() { [ "$(cat "$T/out")" = "$1" ] || fail "output '$(cat "$T/out")', expected '$1'"; ok; }

REG='($PRVTMR ge 600)? http://p.tel.com/has-reg.cfg | [--post a] http://p.tel.com/lost-reg?'

# A profile rule: the first alternative whose condition holds.
expect_status 0 "$PROVKIT" eval-rule --set PRVTMR=600 "$REG"
grep -qx 'selected: 1' "$T/out" && grep -qx 'url: http://p.tel.com/has-reg.cfg' "$T/out" || fail "$(cat "$T/out")"; ok
expect_status 0 "$PROVKIT" eval-rule --format json --set PRVTMR=599 "$REG"
json 'list(j) == ["kind","selected","condition","assignments","options","url"]'
json 'j["kind"] == "profile" and j["selected"] == 2 and j["condition"] is None and j["assignments"] == []'
json 'j["options"] == {"post": "a"}'
json 'j["url"] == {"text":"http://p.tel.com/lost-reg?","scheme":"http","host":"p.tel.com","port":80,"path":"/lost-reg?"}'

# Assignments, a condition's text, string escaping in JSON.
RULE='("$A" ne "Provisioned")? (Line_Enable_1_ = "No"; b = "tab	back\slash $MA";)! https://p.tel.com/init-prov | https://p.tel.com/configs'
expect_status 0 "$PROVKIT" eval-rule --format json --mac 000e08012345 "$RULE"
json 'j["selected"] == 1 and j["condition"] == "\"$A\" ne \"Provisioned\""'
json 'j["assignments"] == [{"name":"Line_Enable_1_","value":"No"},{"name":"GPP_B","value":"tab\tback\\slash 000e08012345"}]'
expect_status 0 "$PROVKIT" eval-rule --format json --set A=Provisioned "$RULE"
json 'j["selected"] == 2 and j["url"]["path"] == "/configs"'

# None chosen: exit 1, "selected": null; an empty rule is skipped the same way.
expect_status 1 "$PROVKIT" eval-rule --set A=1 '($A eq 2)? /x'
expect_out 'selected: none'
expect_status 1 "$PROVKIT" eval-rule --format json --set A=1 '($A eq 2)? /x'
json 'j == {"kind":"profile","selected":None,"condition":None,"assignments":[],"options":{},"url":None}'
expect_status 1 "$PROVKIT" eval-rule ''

# Missing server: the DHCP option-66 server given with --tftp-server, else null.
expect_status 0 "$PROVKIT" eval-rule --format json --mac 000e08012345 '/$MA.cfg'
json 'j["url"]["host"] is None and j["url"]["port"] == 69 and j["url"]["path"] == "/000e08012345.cfg"'
expect_status 0 "$PROVKIT" eval-rule --format json --tftp-server 10.1.2.3:1069 '/x.cfg'
json 'j["url"]["host"] == "10.1.2.3" and j["url"]["port"] == 1069'
expect_status 2 "$PROVKIT" eval-rule --tftp-server 'h:99999' '/x.cfg'
expect_stderr 'tftp-server'

# Secrets: --key and --pwd masked unless --show-secrets, $SA..$SD expanded only in options.
SECRET_RULE='[--key $SC --uid $SA -pwd $SB] https://provisioning_server_url/path_to_your_config/your_config.xml'
expect_status 0 "$PROVKIT" eval-rule --format json --set SA=MyUserID --set SB=MySecretPassword --set SC=TheKey "$SECRET_RULE"
json 'j["options"] == {"key":"***","uid":"MyUserID","pwd":"***"}'
! grep -q 'MySecretPassword\|TheKey' "$T/out" "$T/err" || fail "a secret was shown"; ok
expect_stderr 'option -pwd has one dash'
expect_status 0 "$PROVKIT" eval-rule --show-secrets --set SA=MyUserID --set SB=MySecretPassword --set SC=TheKey "$SECRET_RULE"
grep -qx 'option: --pwd MySecretPassword' "$T/out" && grep -qx 'option: --key TheKey' "$T/out" || fail "$(cat "$T/out")"; ok
expect_status 0 "$PROVKIT" eval-rule '[--key "my secret phrase"] /x'
grep -qx 'option: --key \*\*\*' "$T/out" || fail "$(cat "$T/out")"; ok
expect_status 2 "$PROVKIT" eval-rule '[--key my secret phrase] /x'
! grep -q 'secret\|phrase' "$T/err" || fail "a piece of the key in: $(cat "$T/err")"; ok

# Triggers: exit 0 true, 1 false; the JSON shape; the (expr)? form is an error.
TRIG='$UPGTMR gt 300 and $PRVTMR ge 600'
expect_status 0 "$PROVKIT" eval-rule --kind trigger --set UPGTMR=301 --set PRVTMR=600 "$TRIG"
expect_out 'true'
expect_status 1 "$PROVKIT" eval-rule --kind trigger --format json --set UPGTMR=300 --set PRVTMR=600 "$TRIG"
json 'j == {"kind":"trigger","result":False}'
expect_status 2 "$PROVKIT" eval-rule --kind trigger --set UPGTMR=1 '($UPGTMR gt 300)?'
expect_stderr '^provkit: error: rule:1:1: Resync_Trigger takes a bare condition'

# Schedules.
expect_status 0 "$PROVKIT" eval-rule --kind schedule --format json '1800+300,3600+600,7200+900'
json 'j == {"kind":"schedule","delays":[{"base":1800,"random":300},{"base":3600,"random":600},{"base":7200,"random":900}]}'
expect_status 0 "$PROVKIT" eval-rule --kind schedule '1800,3600,7200,14400+3600'
grep -q '^delay 4: 14400 s plus up to 3600 s at random (repeated)$' "$T/out" || fail "$(cat "$T/out")"; ok
expect_status 2 "$PROVKIT" eval-rule --kind schedule '1800;3600'
expect_stderr 'rule:1:5: expected'

# Upgrade rules: no options, a server required.
expect_status 0 "$PROVKIT" eval-rule --kind upgrade --set SWVER=sip78xx.11-0-1MPP \
  '($SWVER ne sip78xx.11-0-0MPP)? http://ps.tell.com/sw/sip78xx.11-0-0MPP-BN (BN==Build Number).loads'
grep -qx 'path: /sw/sip78xx.11-0-0MPP-BN (BN==Build Number).loads' "$T/out" || fail "$(cat "$T/out")"; ok
expect_status 1 "$PROVKIT" eval-rule --kind upgrade --set SWVER=sip78xx.11-0-0MPP-0123 \
  '($SWVER ne sip78xx.11-0-0MPP)? http://ps.tell.com/sw/sip78xx.11-0-0MPP-0123.loads'
expect_status 2 "$PROVKIT" eval-rule --kind upgrade '[--key k] http://h/f.loads'
expect_stderr 'rule:1:1: URL options are not supported in Upgrade_Rule'
expect_status 2 "$PROVKIT" eval-rule --kind upgrade --tftp-server 10.0.0.1 '/f.loads'
expect_stderr 'need a server'
expect_status 2 "$PROVKIT" eval-rule --kind upgrade --set SWVER=sip78xx.11-0-1MPP '($SWVER lt 11.0.0)? http://h/f.loads'
expect_stderr 'rule:1:12: .11.0.0.: format error'

# Syntax errors point at their column (line:column in a multi-line rule); nothing on stdout.
expect_status 2 "$PROVKIT" eval-rule '($A eq 1 /x'
expect_stderr '^provkit: error: rule:1:1: .\(. is never closed'
[ ! -s "$T/out" ] || fail "output after a syntax error"; ok
expect_status 2 "$PROVKIT" eval-rule '($A xx 1)? /x'
expect_stderr 'rule:1:5: expected a comparison operator'
printf '($PRVTMR ge 600)? http://p.tel.com/has-reg.cfg\n| [--bogus a] http://p.tel.com/lost-reg?\n' >"$T/rule"
expect_status 2 "$PROVKIT" eval-rule - <"$T/rule"
expect_stderr '^provkit: error: standard input:2:4: expected an option'
# Columns count characters, as in a file ("é" is two bytes): the same column as in an editor.
expect_status 2 "$PROVKIT" eval-rule '("é" eq "ü" xx)? /x'
expect_stderr "^provkit: error: rule:1:13: expected 'and' between comparisons, found 'xx'"
expect_status 2 "$PROVKIT" eval-rule --set A=Provisioned '($A eq 1)? /x'
expect_stderr "rule:1:2: \\\$A expands to 'Provisioned', which is neither an integer nor a version string"

# Standard input.
printf '($PRVTMR ge 600)? http://p.tel.com/has-reg.cfg\n| [--post a] http://p.tel.com/lost-reg?\n' |
  "$PROVKIT" eval-rule --format json --set PRVTMR=1 - >"$T/out" || fail "stdin rule"
json 'j["selected"] == 2'

# --explain: every alternative with expanded operands and each comparison's result.
expect_status 0 "$PROVKIT" eval-rule --explain --set A=2 '($A eq 1)? /one | ($A eq 2 and "$A" ne "x")? /two | /three'
grep -q '^alternative 1 (column 1): (\$A eq 1) -> false$' "$T/out" || fail "$(cat "$T/out")"; ok
grep -q '^  "2" eq "1": integer comparison -> false$' "$T/out" || fail "$(cat "$T/out")"; ok
grep -q '^alternative 2 (column 19): .* -> true  => chosen$' "$T/out" || fail "$(cat "$T/out")"; ok
grep -q '^  "2" ne "x": string comparison -> true$' "$T/out" || fail "$(cat "$T/out")"; ok
grep -q '^alternative 3 (column 53): no condition  (not reached)$' "$T/out" || fail "$(cat "$T/out")"; ok
expect_status 0 "$PROVKIT" eval-rule --explain --format json --set A=2 '($A eq 1)? /one | ($A eq 2)? /two'
json 'j["selected"] == 2 and [e["result"] for e in j["explain"]] == [False, True]'
json 'j["explain"][0]["comparisons"] == [{"left":"2","op":"eq","right":"1","type":"integer","result":False}]'
# Positions count characters, as in messages, with the line of a rule written on several.
expect_status 0 "$PROVKIT" eval-rule --explain --format json '("é" eq "x")? /a | (1 eq 1)? /b'
json '[(e["line"], e["column"]) for e in j["explain"]] == [(1, 1), (1, 20)]'
printf '(1 eq 2)? /a\n| ("é" eq "é")? /b\n' >"$T/rule"
expect_status 0 "$PROVKIT" eval-rule --explain - <"$T/rule"
grep -q '^alternative 2 (line 2, column 3): ("é" eq "é") -> true  => chosen$' "$T/out" || fail "$(cat "$T/out")"; ok
printf '(1 eq 1)? /a\n' >"$T/rule"  # one line, ended by a line break as a file's is
expect_status 0 "$PROVKIT" eval-rule --explain - <"$T/rule"
grep -q '^alternative 1 (column 1): ' "$T/out" || fail "a final line break made a second line: $(cat "$T/out")"; ok

# Standard output never carries a control character from a rule or a --set value (an escape
# sequence could set the terminal's title or clear it): each becomes '?'.
expect_status 0 "$PROVKIT" eval-rule --explain --set A=$'\e]0;pwned\a' $'("$A" ne "\xc2\x9b2J")? (b = "\xc2\x9b[2J$A\tx";)! http://h/$A.cfg'
! LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]' "$T/out" || fail "a control character on stdout: $(od -c "$T/out" | head)"; ok
grep -q '^url: http://h/?\]0;pwned?\.cfg$' "$T/out" || fail "url: $(cat "$T/out")"; ok
grep -q '^assignment: GPP_B = "?\[2J?\]0;pwned? x"$' "$T/out" || fail "assignment: $(cat "$T/out")"; ok

# --param evaluates a rule of the --profile; the kind follows from the name.
cat >"$T/p.xml" <<'XML'
<flat-profile>
  <GPP_A>Provisioned</GPP_A>
  <User_ID_1_>4085551234</User_ID_1_>
  <Profile_Rule_B>("$A" ne "Provisioned")? https://p.tel.com/init-prov
    | https://p.tel.com/configs/$UID1.cfg</Profile_Rule_B>
  <Resync_Trigger_2>$PRVTMR ge 600</Resync_Trigger_2>
  <Upgrade_Error_Retry_Delay>1800,3600</Upgrade_Error_Retry_Delay>
</flat-profile>
XML
expect_status 0 "$PROVKIT" eval-rule --format json --profile "$T/p.xml" --param Profile_Rule_B
json 'j["selected"] == 2 and j["url"]["path"] == "/configs/4085551234.cfg"'
expect_status 1 "$PROVKIT" eval-rule --format json --profile "$T/p.xml" --param Resync_Trigger_2 --set PRVTMR=5
json 'j == {"kind":"trigger","result":False}'
expect_status 0 "$PROVKIT" eval-rule --format json --profile "$T/p.xml" --param Upgrade_Error_Retry_Delay
json 'len(j["delays"]) == 2'
expect_status 2 "$PROVKIT" eval-rule --profile "$T/p.xml" --param Profile_Rule_C
expect_stderr 'no such parameter'
printf '<flat-profile><Profile_Rule>\n ($A eq)? /x</Profile_Rule></flat-profile>' >"$T/bad.xml"
expect_status 2 "$PROVKIT" eval-rule --profile "$T/bad.xml" --param Profile_Rule
expect_stderr "^provkit: error: $T/bad.xml:2:8: <Profile_Rule>: expected an operand"
# Positions count in the file as written: escapes, line breaks and trimmed space between.
printf '<flat-profile>\r\n <Profile_Rule>  ("a&amp;b" eq "$A")?\r\n\t [--key &#233;] /x |\r\n  ($B ==)? /y</Profile_Rule>\r\n</flat-profile>\r\n' >"$T/lines.xml"
expect_status 2 "$PROVKIT" eval-rule --profile "$T/lines.xml" --param Profile_Rule
expect_stderr "^provkit: error: $T/lines.xml:4:9: <Profile_Rule>: "
# Warnings and errors found while evaluating point into the file too; so does a gzip profile.
printf '<flat-profile>\n<Resync_Trigger_1>\n  $CCERT eq "x"\n</Resync_Trigger_1>\n<GPP_C>Installed</GPP_C></flat-profile>\n' >"$T/eval.xml"
gzip -c "$T/eval.xml" >"$T/eval.xml.gz"
for f in "$T/eval.xml" "$T/eval.xml.gz"; do
  expect_status 2 "$PROVKIT" eval-rule --profile "$f" --set CCERT=Installed --param Resync_Trigger_1
  expect_stderr "^provkit: warning: $f:3:3: <Resync_Trigger_1>: \\\$CCERT is compared with a string"
  expect_stderr "^provkit: error: $f:3:3: <Resync_Trigger_1>: \\\$CCERT expands to 'Installed'"
done
# The bundled sample profile's own rule.
expect_status 0 "$PROVKIT" eval-rule --format json --profile "$SAMPLE" --mac 000e08012345 --param Profile_Rule
json 'j["url"]["text"] == "https://edos1.sandbox.cisco.com/cisco/RC_000E08012345.xml"'

# Warnings go to stderr and do not change the result; --warn-unset.
expect_status 0 "$PROVKIT" eval-rule --warn-unset --set SA=secret '(1 eq 2)? /a | /b$SN$SA'
expect_stderr 'rule:1:21: \$SA expands only in --key, --uid and --pwd arguments'
expect_stderr '\$SN is not set'
grep -qx 'path: /b$SA' "$T/out" || fail "$(cat "$T/out")"; ok
# The guide: "enclose macro variables in double quotes where a string literal is expected".
expect_status 2 "$PROVKIT" eval-rule --set CCERT=Installed '($CCERT eq "Installed")? /a | /b'
expect_stderr 'warning: rule:1:2: \$CCERT is compared with a string; put it in double quotes'
expect_stderr "error: rule:1:2: \\\$CCERT expands to 'Installed', which is neither an integer nor a version"

# Usage errors.
expect_status 2 "$PROVKIT" eval-rule
expect_status 2 "$PROVKIT" eval-rule --kind nonsense /x
expect_status 2 "$PROVKIT" eval-rule --format xml /x
expect_status 2 "$PROVKIT" eval-rule --param Profile_Rule /x
done_checks
