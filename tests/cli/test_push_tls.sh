#!/usr/bin/env bash
# push-resync --https against a fake phone with a certificate made by openssl at test time:
# untrusted certificates fail with a TLS message naming the options; --cacert, --pinnedpubkey
# and the warned --insecure work.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/phone_lib.sh"

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$T/key.pem" -out "$T/cert.pem" 2>/dev/null || fail "openssl req failed"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=other" -keyout "$T/other-key.pem" \
  -out "$T/other.pem" 2>/dev/null || fail "openssl req failed"
pin() { openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform DER | openssl dgst -sha256 -binary | base64; }

export PHONE_PW='tls-Pw-91x'
start_phones s --password "$PHONE_PW" --tls "$T/cert.pem" "$T/key.pem" query
P=$(phone s query)

expect_status 1 "$PROVKIT" push-resync --https --password env:PHONE_PW "$P" http://p/x.cfg
expect_stderr "$P: TLS: .*certificate"
expect_stderr "give its CA with --cacert FILE or its key with --pinnedpubkey, or accept any certificate with --insecure"
[ "$(requests s)" = 0 ] || fail "a request went through an untrusted TLS connection"; ok

expect_status 0 "$PROVKIT" push-resync --https --cacert "$T/cert.pem" --password env:PHONE_PW "$P" http://p/x.cfg
[ "$(logq s 'log[-1]["tls"] and log[-1]["auth"] == "ok"')" = True ] || fail "not received over TLS"; ok

expect_status 0 "$PROVKIT" push-resync --https --insecure --password env:PHONE_PW "$P" http://p/x.cfg
expect_stderr "warning: --insecure: the phones' certificates are not verified"

expect_status 0 "$PROVKIT" push-resync --https --insecure --pinnedpubkey "sha256//$(pin "$T/cert.pem")" --password env:PHONE_PW "$P" x
openssl x509 -in "$T/cert.pem" -pubkey -noout >"$T/pub.pem"
expect_status 0 "$PROVKIT" push-resync --https --cacert "$T/cert.pem" --pinnedpubkey "$T/pub.pem" --password env:PHONE_PW "$P" x
before=$(requests s)
expect_status 1 "$PROVKIT" push-resync --https --insecure --pinnedpubkey "sha256//$(pin "$T/other.pem")" --password env:PHONE_PW "$P" x
expect_stderr "$P: TLS: "
[ "$(requests s)" = "$before" ] || fail "a request went to a phone with the wrong key"; ok

# The phone speaks TLS but was addressed over http. (It hangs up at once; --timeout 2 was tight
# for a loaded machine, where a late hang-up turns into "no answer within 2 s".)
expect_status 1 "$PROVKIT" push-resync --timeout 30 --password env:PHONE_PW "$P" x
expect_stderr "$P: connection failed: .*whether --https is needed"

expect_status 1 "$PROVKIT" push-resync --https --cacert "$T/none.pem" "$P" x
expect_stderr "--cacert: cannot read $T/none.pem"
expect_status 2 "$PROVKIT" push-resync --https --insecure --cacert "$T/cert.pem" "$P" x
expect_stderr "contradict"
expect_status 2 "$PROVKIT" push-resync --insecure "$P" x
expect_stderr "add --https"

done_checks
