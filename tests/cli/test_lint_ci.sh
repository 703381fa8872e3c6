#!/usr/bin/env bash
# The CI recipes of provkit lint: the pre-commit hook of .pre-commit-hooks.yaml runs as
# pre-commit would run it, and every `provkit lint` command in the README uses real flags.
source "$(dirname "$0")/lib.sh"
cd "$T"
hooks="$PROVKIT_SOURCE_DIR/.pre-commit-hooks.yaml"

# The hook's fields (read without a YAML library: the file is one flat list item).
field() { sed -n "s/^  *-\{0,1\} *$1: *//p" "$hooks" | head -1; }
[ "$(sed -n 's/^- id: *//p' "$hooks")" = provkit-lint ] || fail "hook id"
[ "$(field entry)" = "provkit lint" ] || fail "hook entry: $(field entry)"
[ "$(field language)" = system ] || fail "hook language"
ok
# Its file pattern (a Python regular expression, searched as pre-commit does) takes profiles only.
python3 - "$(field files)" <<'PY' || fail "hook file pattern"
import re, sys
pattern = re.compile(sys.argv[1])
for name in ["profiles/desk.xml", "a/b/PHONE.CFG", "site.spc", "x.Xml"]:
    assert pattern.search(name), name
for name in ["README.md", "desk.xml.orig", "notes.txt", "xml"]:
    assert not pattern.search(name), name
PY
ok
# pre-commit runs "ENTRY ARGS FILE..." with provkit on the PATH: a clean and a broken profile.
mkdir bin && ln -s "$PROVKIT" bin/provkit
cp "$SAMPLE" clean.xml
sed 's/<Resync_Periodic ua="na">7200/<Resync_Periodic ua="na">7200+/' "$SAMPLE" >broken.xml
PATH="$T/bin:$PATH" expect_status 0 $(field entry) --werror clean.xml
PATH="$T/bin:$PATH" expect_status 1 $(field entry) --werror clean.xml broken.xml
grep -q '^broken.xml:142:26: error: ' "$T/out" || fail "hook run: $(cat "$T/out")"
ok

# Every `provkit lint` command the README shows uses flags that provkit lint has.
"$PROVKIT" lint --help >help.txt
python3 - "$PROVKIT_SOURCE_DIR/README.md" help.txt <<'PY' || fail "README lint commands"
import re, sys
readme = open(sys.argv[1], encoding="utf-8").read()
known = set(re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", open(sys.argv[2]).read()))
section = readme.split("## Validating a profile repository in CI", 1)[1]
commands = re.findall(r"provkit lint[^\n`]*", section)
assert len(commands) >= 6, commands
for c in commands:
    for flag in re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", c):
        assert flag in known, (flag, c)
try:
    import yaml
except ImportError:
    sys.exit(0)
for block in re.findall(r"```yaml\n(.*?)```", section, re.S):
    yaml.safe_load(block)
PY
ok

done_checks
