#!/usr/bin/env bash
# push-resync to single fake phones: the request line, rule encoding, credentials (query,
# basic, digest), every failure with its message and exit status, redirects, --via execute,
# --dry-run, -v, --retry, and usage errors.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/phone_lib.sh"

PW='Pw-7f3k&x y'
start_phones p --password "$PW" ok query basic digest notfound error hang redirect refused late execute-error evil-reason
export PHONE_PW="$PW"

# The resync request: the rule decodes back exactly; $MA is kept; query credentials verify.
rule='[--key "a b"] https://prov.example.com/cisco/$MA.cfg?x=1&y=2+3'
expect_status 0 "$PROVKIT" push-resync --password env:PHONE_PW "$(phone p query)" "$rule"
grep -qx "$(phone p query): ok (HTTP 200 OK)" "$T/out" || fail "no ok line: $(cat "$T/out")"; ok
target=$(logq p 'log[-1]["target"]')
[ "$(logq p 'log[-1]["auth"]')" = ok ] || fail "the phone did not accept the query credentials: $target"; ok
case "$target" in
  "/admin/resync?%5B--key%20%22a%20b%22%5D%20https://prov.example.com/cisco/\$MA.cfg?x=1%26y=2%2B3&xuser=admin&xpassword="*) ok ;;
  *) fail "unexpected request target $target" ;;
esac
decoded=$(logq p 'log[-1]["target"].split("?",1)[1].split("&xuser=")[0]' | python3 -c 'import sys,urllib.parse; print(urllib.parse.unquote(sys.stdin.read().rstrip("\n")))')
[ "$decoded" = "$rule" ] || fail "the query decodes to '$decoded', not the rule"; ok
[ "$(logq p 'log[-1]["method"]')" = GET ] || fail "not a GET"; ok

# Without a rule and without credentials: GET /admin/resync.
expect_status 0 "$PROVKIT" push-resync "$(phone p ok)"
[ "$(logq p 'log[-1]["target"]')" = /admin/resync ] || fail "target $(logq p 'log[-1]["target"]')"; ok

# --raw-url sends the rule verbatim.
expect_status 0 "$PROVKIT" push-resync --raw-url "$(phone p ok)" '%5B--uid+admin+--pwd+555%5Dhttp://p/[x].cfg'
[ "$(logq p 'log[-1]["target"]')" = '/admin/resync?%5B--uid+admin+--pwd+555%5Dhttp://p/[x].cfg' ] || fail "raw target"; ok
before=$(requests p)
expect_status 2 "$PROVKIT" push-resync --raw-url "$(phone p ok)" 'http://p/a b.cfg'
expect_stderr "drop --raw-url"
[ "$(requests p)" = "$before" ] || fail "a refused --raw-url was sent"; ok

# Wrong password in the query: 401, exit 1, says what to do.
expect_status 1 "$PROVKIT" push-resync --password pass:wrong "$(phone p query)" http://p/x.cfg
expect_stderr "HTTP 401 Unauthorized: the phone refused the credentials; check --user and --password"
[ ! -s "$T/out" ] || fail "stdout not empty on failure"; ok

# HTTP Basic and Digest: a phone that challenges is answered with --auth; the hint names it.
expect_status 1 "$PROVKIT" push-resync --password env:PHONE_PW "$(phone p basic)" http://p/x.cfg
expect_stderr "asks for HTTP Basic authentication: add --auth basic"
expect_status 0 "$PROVKIT" push-resync --password env:PHONE_PW --auth basic "$(phone p basic)" http://p/x.cfg
[ "$(logq p 'log[-1]["auth"]')" = ok ] || fail "basic credentials not accepted"; ok
[ "$(logq p '"xpassword" in log[-1]["target"]')" = False ] || fail "basic auth also put the password in the URL"; ok
expect_status 1 "$PROVKIT" push-resync --password env:PHONE_PW "$(phone p digest)" http://p/x.cfg
expect_stderr "asks for HTTP Digest authentication: add --auth digest"
expect_status 0 "$PROVKIT" push-resync --password env:PHONE_PW --auth digest "$(phone p digest)" 'http://p/$MA.cfg'
[ "$(logq p 'log[-1]["auth"]')" = ok ] || fail "the digest answer did not verify"; ok
expect_status 1 "$PROVKIT" push-resync --password pass:wrong --auth digest "$(phone p digest)" http://p/x.cfg
expect_stderr "401 Unauthorized: the phone refused the credentials; check --user and --password"
expect_status 1 "$PROVKIT" push-resync "$(phone p basic)"
expect_stderr "the phone asks for credentials; give the phone's admin credentials with --user and --password"

# 404, 500, timeout, refused, redirect (not followed).
expect_status 1 "$PROVKIT" push-resync "$(phone p notfound)" http://p/x.cfg
expect_stderr "HTTP 404 Not Found: wrong host, or firmware without /admin/resync; check the phone address"
expect_status 1 "$PROVKIT" push-resync "$(phone p error)" http://p/x.cfg
expect_stderr "HTTP 500 Internal Server Error"
# A reason phrase is shown, but nothing in it acts on the terminal.
expect_status 0 "$PROVKIT" push-resync "$(phone p evil-reason)" http://p/x.cfg
grep -q "^$(phone p evil-reason): ok (HTTP 200 OK ?\[31m??)$" "$T/out" || fail "the reason phrase: $(od -c "$T/out" | head)"
ok
expect_status 1 "$PROVKIT" push-resync --timeout 1 "$(phone p hang)" http://p/x.cfg
expect_stderr "no answer within 1 s; the phone is unreachable or busy"
expect_status 1 "$PROVKIT" push-resync --connect-timeout 1 --timeout 2 "$(phone p refused)" http://p/x.cfg
expect_stderr "$(phone p refused): connection refused; check the address and port"
expect_status 1 "$PROVKIT" push-resync --password env:PHONE_PW "$(phone p redirect)" http://p/x.cfg
expect_stderr "HTTP 302 Found: the phone redirects to http://$(phone p redirect)/stolen; provkit does not follow redirects"
[ "$(logq p 'sum(1 for r in log if r["target"] == "/stolen")')" = 0 ] || fail "the redirect was followed"; ok

# --via execute: the guide's XML object, POSTed to /CGI/Execute as form field XML.
expect_status 0 "$PROVKIT" push-resync --via execute --model 7832 --auth basic --password env:PHONE_PW "$(phone p ok)" 'http://p/$MA.cfg'
[ "$(logq p 'log[-1]["method"] + " " + log[-1]["target"]')" = "POST /CGI/Execute" ] || fail "execute request line"; ok
xml=$(logq p 'log[-1]["body"]' | python3 -c 'import sys,urllib.parse; b=sys.stdin.read().rstrip("\n"); assert b.startswith("XML="); print(urllib.parse.unquote_plus(b[4:]))')
[ "$xml" = '<CP-7832-3PCCExecute><ExecuteItem URL="Resync:http://p/$MA.cfg"/></CP-7832-3PCCExecute>' ] || fail "XML object: $xml"; ok
[ "$(logq p 'dict(log[-1]["headers"])["Content-Type"]')" = application/x-www-form-urlencoded ] || fail "content type"; ok
expect_status 1 "$PROVKIT" push-resync --via execute --model CP-7832-3PCC "$(phone p execute-error)" http://p/x.cfg
expect_stderr "CiscoIPPhoneError 4 \(authentication error\)"

# --dry-run prints the redacted request and sends nothing.
before=$(requests p)
expect_status 0 "$PROVKIT" push-resync --dry-run --password env:PHONE_PW "$(phone p ok)" '[--key k3y] http://p/$MA.cfg'
[ "$(cat "$T/out")" = "GET http://$(phone p ok)/admin/resync?%5B--key%20***%5D%20http://p/\$MA.cfg&xuser=admin&xpassword=***" ] \
  || fail "dry run printed: $(cat "$T/out")"; ok
[ "$(requests p)" = "$before" ] || fail "--dry-run sent a request"; ok

# -v shows the redacted request and the answer.
expect_status 0 "$PROVKIT" push-resync -v --password env:PHONE_PW "$(phone p query)" http://p/x.cfg
expect_stderr "note: $(phone p query): sent GET http://$(phone p query)/admin/resync\?http://p/x.cfg&xuser=admin&xpassword=\*\*\*"
expect_stderr "note: $(phone p query): HTTP 200 OK after [0-9]+ ms \(1 attempt\)"

# --retry: a phone that starts listening only after the first attempt failed.
: >"$T/late.err"
"$PROVKIT" push-resync -v --retry 5 --connect-timeout 1 "$(phone p late)" http://p/x.cfg >"$T/late.out" 2>"$T/late.err" &
late_pid=$!
for _ in $(seq 1 600); do grep -q "retrying in" "$T/late.err" && break; sleep 0.05; done  # up to 30 s
grep -q "$(phone p late): connection refused; retrying in 1 s (attempt 2 of 6)" "$T/late.err" || fail "no retry note: $(cat "$T/late.err")"; ok
kill -USR1 "${phone_pids[0]}"
status=0; wait "$late_pid" || status=$?
[ "$status" = 0 ] || fail "the retried push failed: $(cat "$T/late.err")"; ok
grep -q "HTTP 200 OK after [0-9]* ms ([2-6] attempts)" "$T/late.err" || fail "attempts not reported: $(cat "$T/late.err")"; ok
[ "$(logq p 'sum(1 for r in log if r["mode"] == "late")')" = 1 ] || fail "the late phone was asked more than once"; ok

# Usage errors: exit 2, nothing sent.
before=$(requests p)
expect_status 2 "$PROVKIT" push-resync
expect_stderr "give a PHONE"
expect_status 2 "$PROVKIT" push-resync http://192.168.1.10
expect_stderr "without a scheme; use --https"
expect_status 2 "$PROVKIT" push-resync "$(phone p ok)" x --model 7832
expect_stderr "--model applies to --via execute"
expect_status 2 "$PROVKIT" push-resync --via execute "$(phone p ok)" x
expect_stderr "needs --model"
expect_status 2 "$PROVKIT" push-resync --via execute --model 78x2 "$(phone p ok)" x
expect_status 2 "$PROVKIT" push-resync --via execute --model 7832 "$(phone p ok)"
expect_stderr "needs a PROFILE-URL"
expect_status 2 "$PROVKIT" push-resync --cacert /dev/null "$(phone p ok)" x
expect_stderr "apply to https; add --https"
expect_status 2 "$PROVKIT" push-resync --auth ntlm "$(phone p ok)" x
expect_status 2 "$PROVKIT" push-resync --parallel 0 "$(phone p ok)" x
expect_status 2 "$PROVKIT" push-resync --timeout 0 "$(phone p ok)" x
expect_status 2 "$PROVKIT" push-resync --password nope:x "$(phone p ok)" x
expect_stderr "unknown pass form"
expect_status 2 "$PROVKIT" push-resync --force "$(phone p ok)" x
[ "$(requests p)" = "$before" ] || fail "a usage error sent a request"; ok

done_checks
