#!/usr/bin/env bash
# provkit lint output formats: json (parsed), SARIF 2.1.0 (structure checked), GitHub workflow
# commands (escaping), text (caret and colour only on a terminal).
source "$(dirname "$0")/lib.sh"
cd "$T"
python3 "$PROVKIT_SOURCE_DIR/tests/cli/lint_mutate.py" "$SAMPLE" m.xml
"$PROVKIT" encrypt -k key -o skipped.cfg "$SAMPLE"

# json: an array of objects with exactly the documented keys, in order.
expect_status 1 "$PROVKIT" lint --format json m.xml skipped.cfg
python3 - "$T/out" <<'PY' || fail "json structure"
import json, sys
findings = json.load(open(sys.argv[1]))
assert isinstance(findings, list) and len(findings) == 21, len(findings)
for f in findings:
    assert list(f) == ["file", "line", "column", "rule", "severity", "message", "suggestion"], list(f)
    assert f["severity"] in ("error", "warning", "info")
    assert isinstance(f["message"], str) and f["message"]
    assert f["suggestion"] is None or (isinstance(f["suggestion"], str) and f["suggestion"])
    if f["file"] == "skipped.cfg":
        assert f["line"] is None and f["column"] is None and f["rule"] == "encrypted-skipped", f
    else:
        assert isinstance(f["line"], int) and f["line"] >= 1 and isinstance(f["column"], int) and f["column"] >= 1, f
PY
ok

# SARIF 2.1.0: the structure code-scanning services require.
cp m.xml 'odd name,1.xml'
expect_status 1 "$PROVKIT" lint --format sarif m.xml skipped.cfg 'odd name,1.xml' "$T/m.xml"
python3 - "$T/out" "$T" <<'PY' || fail "sarif structure"
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0" and "sarif-schema-2.1.0" in log["$schema"]
(run,) = log["runs"]
driver = run["tool"]["driver"]
assert driver["name"] == "provkit" and driver["version"]
ids = [r["id"] for r in driver["rules"]]
assert len(ids) == len(set(ids)) and "value-type" in ids
for r in driver["rules"]:
    assert r["shortDescription"]["text"] and r["defaultConfiguration"]["level"] in ("error", "warning", "note")
assert run["columnKind"] == "unicodeCodePoints"
results = run["results"]
assert len(results) == 3 * 20 + 1, len(results)
levels = {"error": 0, "warning": 0, "note": 0}
uris = set()
for res in results:
    assert ids[res["ruleIndex"]] == res["ruleId"]
    levels[res["level"]] += 1
    assert res["message"]["text"]
    (loc,) = res["locations"]
    phys = loc["physicalLocation"]
    uris.add(phys["artifactLocation"]["uri"])
    if res["ruleId"] == "encrypted-skipped":
        assert "region" not in phys and res["level"] == "note"
    else:
        assert phys["region"]["startLine"] >= 1 and phys["region"]["startColumn"] >= 1
assert levels == {"error": 3 * 14, "warning": 3 * 5, "note": 3 + 1}, levels
assert uris == {"m.xml", "skipped.cfg", "odd%20name%2C1.xml", "file://" + sys.argv[2] + "/m.xml"}, uris
first = next(r for r in results if r["ruleId"] == "unknown-name")
assert first["message"]["text"].endswith("; did you mean Session_Max_Timeout?"), first
assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 8, "startColumn": 2}
PY
ok
# No findings: still a complete log, with an empty results array.
expect_status 0 "$PROVKIT" lint --format sarif "$SAMPLE"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["runs"][0]["results"]; assert r == [], r' "$T/out" ||
  fail "sarif without findings"
ok

# github: one workflow command per finding; % CR LF escaped in the message, and : , too in
# the properties.
printf '<flat-profile>\n<Enable_Web_Server>100%%</Enable_Web_Server>\n<Resync_On_Reset>Yes&#10;No</Resync_On_Reset>\n<Resync_Periodc>1</Resync_Periodc>\n<Station_Name>B\xc3\xbcro</Station_Name>\n</flat-profile>\n' >'we,ird:1.xml'
expect_status 1 "$PROVKIT" lint --format github 'we,ird:1.xml'
cat >want.txt <<'TXT'
::error file=we%2Cird%3A1.xml,line=2,col=20,title=provkit lint [value-type]::Enable_Web_Server: "100%25" is not a Bool; write Yes or No
::error file=we%2Cird%3A1.xml,line=3,col=18,title=provkit lint [value-type]::Resync_On_Reset: "Yes%0ANo" is not a Bool; write Yes or No
::warning file=we%2Cird%3A1.xml,line=4,col=2,title=provkit lint [unknown-name]::unknown parameter Resync_Periodc (the phone ignores it); did you mean Resync_Periodic?
::notice file=we%2Cird%3A1.xml,line=5,col=16,title=provkit lint [non-ascii]::the value of Station_Name contains the non-ASCII character ü (U+00FC); some phone families accept only ASCII
TXT
diff -u want.txt "$T/out" || fail "github format"
ok
expect_status 0 "$PROVKIT" lint --format github skipped.cfg
[ "$(cat "$T/out")" = '::notice file=skipped.cfg,title=provkit lint [encrypted-skipped]::encrypted (openssl enc); not checked; give the key with -k or --pass to check it' ] ||
  fail "github whole-file finding: $(cat "$T/out")"
ok

# text: no caret and no colour when not on a terminal; a newline in a value never splits a line.
expect_status 1 "$PROVKIT" lint 'we,ird:1.xml'
[ "$(wc -l <"$T/out")" -eq 4 ] || fail "text lines: $(cat "$T/out")"
ok
grep -q $'\033' "$T/out" && fail "colour in a pipe"
ok
# On a terminal (script(1) gives one): the source line and a caret under the column, which a
# secret's finding never shows.
if command -v script >/dev/null; then
  NO_COLOR=1 script -qec "'$PROVKIT' lint m.xml" /dev/null | tr -d '\r' >tty.txt || true
  grep -A2 -F 'm.xml:28:39: error: Enable_802.1X_Authentication' tty.txt >caret.txt
  printf '%s\n' \
    'm.xml:28:39: error: Enable_802.1X_Authentication: "Maybe" is not a Bool; write Yes or No [value-type]' \
    '    <Enable_802.1X_Authentication ua="rw">Maybe</Enable_802.1X_Authentication>' \
    '                                          ^' >want.txt
  diff -u want.txt caret.txt || fail "caret display"
  ok
  grep -q s3cret tty.txt && fail "a secret's source line was shown"
  ok
  grep -q $'\033' tty.txt && fail "colour despite NO_COLOR"
  ok
  env -u NO_COLOR script -qec "'$PROVKIT' lint m.xml" /dev/null >tty.txt || true
  grep -q $'\033\\[1;31merror' tty.txt || fail "no colour on a terminal"
  ok
fi

done_checks
