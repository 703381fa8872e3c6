#!/usr/bin/env bash
# The phone password never appears in provkit's output: every failure mode, dry runs, -v,
# JSON reports, fleet lists carrying passwords, and usage errors are searched for it (as
# written, percent-encoded, and inside a Basic authorization).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/phone_lib.sh"

PW='Zq9-Secr3t&Pw'
export PHONE_PW="$PW"
secrets=("$PW" 'Zq9-Secr3t%26Pw' "$(printf 'admin:%s' "$PW" | base64)" 'Zq9-Secr3t')
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$T/key.pem" -out "$T/cert.pem" 2>/dev/null || fail "openssl req failed"
start_phones p --password "$PW" ok query basic digest notfound error hang redirect redirect-echo refused execute-error
start_phones s --password "$PW" --tls "$T/cert.pem" "$T/key.pem" query

n=0
# run STATUS ARGS...: runs provkit, keeps its stdout and stderr for the search at the end.
run() {
  local want=$1; shift
  n=$((n + 1))
  local got=0
  "$PROVKIT" "$@" >"$T/run$n.out" 2>"$T/run$n.err" || got=$?
  [ "$got" = "$want" ] || fail "expected exit $want, got $got: $* ($(head -c 300 "$T/run$n.err"))"
  ok
}

for v in "" -v; do
  for auth in query basic digest; do
    for mode in query basic digest notfound error redirect redirect-echo refused; do
      run 1 push-resync $v --auth $auth --password pass:wrong-$auth "$(phone p "$mode")" 'http://p/$MA.cfg'
    done
  done
  run 1 push-resync $v --password env:PHONE_PW "$(phone p query)" 'http://p/x.cfg' --timeout 1 --user nobody
  run 1 push-resync $v --password env:PHONE_PW --timeout 1 "$(phone p hang)" http://p/x.cfg
  run 1 push-resync $v --password env:PHONE_PW --retry 1 "$(phone p refused)" http://p/x.cfg
  run 1 push-resync $v --password env:PHONE_PW "$(phone p redirect-echo)" http://p/x.cfg
  run 1 push-resync $v --password env:PHONE_PW --auth basic "$(phone p redirect-echo)" http://p/x.cfg
  run 1 push-resync $v --password env:PHONE_PW "$(phone p notfound)" --config "$SAMPLE"
  run 1 push-resync $v --password env:PHONE_PW --via execute --model 7832 "$(phone p execute-error)" http://p/x.cfg
  run 1 push-resync $v --https --password env:PHONE_PW "$(phone s query)" http://p/x.cfg
  run 1 push-resync $v --https --password env:PHONE_PW --auth digest "$(phone s query)" http://p/x.cfg
  run 1 push-resync $v --password env:PHONE_PW "$(phone s query)" http://p/x.cfg
  run 1 upgrade $v --password env:PHONE_PW "$(phone p notfound)" http://fw/sip7832.11-0-1MPP-0123.loads
  run 0 push-resync $v --password env:PHONE_PW "$(phone p query)" http://p/x.cfg
  run 0 push-resync $v --password env:PHONE_PW --auth digest "$(phone p digest)" http://p/x.cfg
  for auth in query basic digest; do
    run 0 push-resync $v --dry-run --auth $auth --password env:PHONE_PW "$(phone p ok)" "[--key k --pwd $PW] http://p/x"
    run 0 push-resync $v --dry-run --auth $auth --password env:PHONE_PW --config "$SAMPLE" "$(phone p ok)"
    run 0 push-resync $v --dry-run --auth $auth --password env:PHONE_PW --via execute --model 7832 "$(phone p ok)" "[--pwd $PW] http://p/x"
    run 0 upgrade $v --dry-run --auth $auth --password env:PHONE_PW "$(phone p ok)" http://fw/x.loads
    run 0 push-resync $v --dry-run --format json --auth $auth --password env:PHONE_PW "$(phone p ok)" http://p/x
  done
done

# Fleets: passwords per phone in the list, JSON and text reports with every failure.
{
  for mode in ok query basic digest notfound error redirect redirect-echo refused execute-error; do
    echo "$(phone p "$mode"),admin,pass:$PW"
  done
  echo "$(phone p hang),,env:PHONE_PW"
  echo "$(phone s query),admin,env:PHONE_PW"
} >"$T/fleet.csv"
run 1 push-resync --phones "$T/fleet.csv" --timeout 1 --format json http://p/x.cfg
[ "$(wc -l <"$T/run$n.out")" = 12 ] || fail "the JSON report has $(wc -l <"$T/run$n.out") lines"; ok
run 1 push-resync -v --phones "$T/fleet.csv" --timeout 1 --via execute --model 7832 http://p/x.cfg
run 1 upgrade -v --phones "$T/fleet.csv" --timeout 1 http://fw/sip7832.11-0-1MPP-0123.loads
run 0 push-resync --dry-run --phones "$T/fleet.csv" --format json http://p/x.cfg
run 0 push-resync --dry-run --phones "$T/fleet.csv" --auth basic http://p/x.cfg

# Errors about the input must not quote it either.
printf '%s\n' "$(phone p ok),admin,pass:$PW,http://p/x" "bad phone,admin,pass:$PW" >"$T/badlist.csv"
run 1 push-resync --phones "$T/badlist.csv" http://p/x.cfg
printf '%s\n' "$(phone p ok),admin,nope:$PW" >"$T/badspec.csv"
run 2 push-resync --phones "$T/badspec.csv" http://p/x.cfg
run 2 push-resync --password "pass:$PW" --via execute --model 78x2 "$(phone p ok)" http://p/x
run 2 push-resync --password "pass:$PW" --raw-url "$(phone p ok)" 'http://p/a b'
run 2 upgrade --password "pass:$PW" "$(phone p ok)" "ftp://fw/x.loads"
run 2 push-resync --password "$PW" "$(phone p ok)" http://p/x

# The search is meaningful: the phones did receive the password in each searched form.
grep -qF 'xpassword=Zq9-Secr3t%26Pw' "$T/p.log" || fail "the query form never reached a phone"; ok
grep -qF "Basic ${secrets[2]}" "$T/p.log" || fail "the Basic form never reached a phone"; ok
grep -qF "$PW" "$T/s.log" "$T/p.log" && fail "a phone saw the password unencoded in a URL"; ok
grep -q "redirects to http://.*/login?next=/admin/resync?http://p/x.cfg&xuser=admin&xpassword=\*\*\*" "$T"/run*.err \
  || fail "the echoed redirect was not shown redacted"; ok

for s in "${secrets[@]}"; do no_secret "$s" "$T"/run*.out "$T"/run*.err; done
[ "$n" -gt 100 ] || fail "only $n runs"; ok
done_checks
