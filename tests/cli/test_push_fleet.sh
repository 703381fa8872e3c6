#!/usr/bin/env bash
# Fleets: 240 fake phones on 127.0.0.2-127.0.0.5 with mixed outcomes. The JSON report is exact
# (one object per phone), every phone is asked exactly once, at most --parallel at a time, the
# summary counts by outcome; per-phone credentials and URLs from a CSV list; --dry-run sends
# nothing; list errors name the line.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/phone_lib.sh"

export FLEET_PW='fleet-Pw%7'
start_phones f --password "$FLEET_PW" 'ok*60@127.0.0.2' 'ok*50@127.0.0.3' 'notfound*10@127.0.0.3' \
  'query*40@127.0.0.4' 'error*5@127.0.0.4' 'redirect*5@127.0.0.4' 'hang*6@127.0.0.5' 'refused*10@127.0.0.5' \
  'basic*4@127.0.0.5' 'ok*50@127.0.0.5'
[ "$(wc -l <"$T/f.ready")" = 240 ] || fail "expected 240 phones"; ok

# The list: query phones carry their own credentials and half of the ok phones their own URL.
python3 - "$T/f.ready" "$T/fleet.csv" <<'EOF'
import sys
rows = ["# fleet under test", ""]
for i, line in enumerate(open(sys.argv[1])):
    phone, mode = line.split()
    if mode == "query":
        rows.append(f"{phone},admin,env:FLEET_PW")
    elif mode == "ok" and i % 2:
        rows.append(f"{phone},,,[--key \"k {i}\"] http://prov/{i}/$MA.cfg")
    else:
        rows.append(phone)
open(sys.argv[2], "w").write("\n".join(rows) + "\n")
EOF

# --timeout is what the hanging phones wait out, but every other phone must answer within it too:
# 10 s, not 1, for a single Python process serving 240 phones on a loaded machine under ASan.
expect_status 1 "$PROVKIT" push-resync --phones "$T/fleet.csv" --parallel 16 --timeout 10 --connect-timeout 10 \
  --format json 'http://prov/common/$MA.cfg'
cp "$T/out" "$T/report.json"
cp "$T/err" "$T/report.err"
wait_requests f 230  # every phone but the 10 refused ones; the hanging ones may log late

python3 - "$T/f.ready" "$T/report.json" "$T/f.log" <<'EOF' || fail "the fleet report or the requests are wrong"
import json, sys
phones = [line.split() for line in open(sys.argv[1])]
report = [json.loads(line) for line in open(sys.argv[2])]
log = [json.loads(line) for line in open(sys.argv[3])]
errors = []
expected = {}
for phone, mode in phones:
    e = {"phone": phone, "ok": mode in ("ok", "query"), "http_status": 200, "error": None}
    if mode == "notfound":
        e.update(http_status=404, error="HTTP 404 Not Found: wrong host, or firmware without /admin/resync")
    elif mode == "error":
        e.update(http_status=500, error="HTTP 500 Internal Server Error")
    elif mode == "redirect":
        e.update(http_status=302, error=f"HTTP 302 Found: the phone redirects to http://{phone}/stolen")
    elif mode == "hang":
        e.update(http_status=None, error="no answer within 10 s")
    elif mode == "refused":
        e.update(http_status=None, error="connection refused")
    elif mode == "basic":
        e.update(http_status=401, error="HTTP 401 Unauthorized: the phone asks for credentials")
    expected[phone] = e
if len(report) != len(phones):
    errors.append(f"{len(report)} report lines for {len(phones)} phones")
seen = set()
for r in report:
    if set(r) != {"phone", "ok", "http_status", "error", "elapsed_ms"}:
        errors.append(f"keys {sorted(r)}")
    if not isinstance(r["elapsed_ms"], int) or r["elapsed_ms"] < 0:
        errors.append(f"elapsed_ms {r['elapsed_ms']!r}")
    got = {k: v for k, v in r.items() if k != "elapsed_ms"}
    if got != expected.get(r["phone"]):
        errors.append(f"{got} != {expected.get(r['phone'])}")
    if r["phone"] in seen:
        errors.append(f"{r['phone']} reported twice")
    seen.add(r["phone"])
asked = {}
for entry in log:
    asked[entry["phone"]] = asked.get(entry["phone"], 0) + 1
for phone, mode in phones:
    want = 0 if mode == "refused" else 1
    if asked.get(phone, 0) != want:
        errors.append(f"{phone} ({mode}) asked {asked.get(phone, 0)} times")
for entry in log:
    mode = dict(phones)[entry["phone"]]
    target = entry["target"]
    i = [p for p, _ in phones].index(entry["phone"])
    if mode == "query" and entry["auth"] != "ok":
        errors.append(f"{entry['phone']}: per-phone credentials not accepted: {target}")
    if mode == "ok" and i % 2:
        want = f"/admin/resync?%5B--key%20%22k%20{i}%22%5D%20http://prov/{i}/$MA.cfg"
    else:
        want = "/admin/resync?http://prov/common/$MA.cfg"
    if mode != "query" and target != want:
        errors.append(f"{entry['phone']}: target {target}, want {want}")
if max(e["in_flight"] for e in log) > 16:
    errors.append(f"{max(e['in_flight'] for e in log)} requests in flight with --parallel 16")
for e in errors[:20]:
    print(e, file=sys.stderr)
sys.exit(1 if errors else 0)
EOF
ok

# Progress and summary go to stderr; the summary counts by outcome and says what to do.
grep -qx "provkit: note: 240 phones: 200 ok, 4 unauthorized, 10 not found, 5 redirected, 5 HTTP error, 6 timed out, 10 unreachable" \
  "$T/report.err" || fail "summary: $(cat "$T/report.err")"; ok
grep -q "^provkit: note: 10 unreachable: check the address and port" "$T/report.err" || fail "no hint for unreachable"; ok
grep -q "^provkit: note: 4 unauthorized: give the phones' admin credentials\|^provkit: note: 4 unauthorized: check --user" \
  "$T/report.err" || fail "no hint for unauthorized"; ok
[ "$(grep -c . "$T/report.err")" = 7 ] || fail "stderr holds more than the summary: $(cat "$T/report.err")"; ok
! grep -q $'\r' "$T/report.err" || fail "a progress line was written to a non-terminal"; ok

# Text format: ok phones on stdout, failures on stderr, one line each.
awk 'NR > 100 && NR <= 140 { print $1 }' "$T/f.ready" >"$T/some.txt"  # ok, notfound and query phones
expect_status 1 "$PROVKIT" push-resync --phones "$T/some.txt" --parallel 8 http://prov/x.cfg
[ "$(grep -c ': ok (HTTP 200 OK)$' "$T/out")" = 10 ] || fail "ok lines: $(cat "$T/out")"; ok
[ "$(grep -c ': HTTP 404 Not Found: wrong host' "$T/err")" = 10 ] || fail "404 lines: $(cat "$T/err")"; ok
[ "$(grep -c ': HTTP 401 Unauthorized: the phone asks for credentials$' "$T/err")" = 20 ] || fail "401 lines"; ok
expect_stderr "^provkit: note: 40 phones: 10 ok, 20 unauthorized, 10 not found$"

# On a terminal (script(1) gives provkit one) a progress line is kept up to date and cleared.
awk 'NR <= 20 { print $1 }' "$T/f.ready" >"$T/twenty.txt"
NO_COLOR=1 script -qec "'$PROVKIT' push-resync --phones '$T/twenty.txt' --parallel 4 x" /dev/null >"$T/tty.out" </dev/null
grep -qF $'\rprovkit: 20/20 phones, 20 ok, 0 failed\033[K' "$T/tty.out" || fail "no progress line: $(od -c "$T/tty.out" | head)"; ok
grep -q "provkit: note: 20 phones: 20 ok" "$T/tty.out" || fail "no summary on the terminal"; ok

# Parallelism: with hanging phones, never more than --parallel at once, and more than one. A
# phone counts the connections still open when its handler runs, so the timeout leaves a
# loaded machine 5 s to get there while the others are still waiting (2 rounds: 10 s).
start_phones h 'hang*8@127.0.0.2'
cut -d' ' -f1 "$T/h.ready" >"$T/hang.txt"
expect_status 1 "$PROVKIT" push-resync --phones "$T/hang.txt" --parallel 4 --timeout 5 x
wait_requests h 8
max=$(logq h 'max(e["in_flight"] for e in log)')
[ "$max" -le 4 ] && [ "$max" -ge 2 ] || fail "$max requests in flight with --parallel 4"; ok
[ "$(requests h)" = 8 ] || fail "not every hanging phone was asked once"; ok

# --dry-run sends nothing, one request per phone.
before=$(requests f)
expect_status 0 "$PROVKIT" push-resync --dry-run --phones "$T/fleet.csv" --format json http://prov/x.cfg
[ "$(wc -l <"$T/out")" = 240 ] || fail "dry run lines"; ok
[ "$(requests f)" = "$before" ] || fail "--dry-run sent requests"; ok

# List errors name the line and column; nothing is sent.
printf '%s\n' "$(phone f ok 1)" "# comment" "$(phone f ok 2):99999,admin" >"$T/bad.csv"
expect_status 1 "$PROVKIT" push-resync --phones "$T/bad.csv" x
expect_stderr "$T/bad.csv:3:1: bad phone address"
printf '%s\n' "$(phone f ok 1),admin,env:NO_SUCH_VARIABLE_X" >"$T/badpw.csv"
expect_status 2 "$PROVKIT" push-resync --phones "$T/badpw.csv" x
expect_stderr "$T/badpw.csv:1: password: environment variable NO_SUCH_VARIABLE_X is not set"
expect_status 2 "$PROVKIT" push-resync --phones "$T/bad.csv" "$(phone f ok 1)" x
expect_stderr "give only the URL"
[ "$(requests f)" = "$before" ] || fail "a bad list sent requests"; ok

done_checks
