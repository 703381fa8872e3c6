#!/usr/bin/env bash
# upgrade: GET /admin/upgrade?FIRMWARE-URL after the guide's URL checks; downgrade limits and
# downgrade warnings; fleets with per-phone URLs; failures as for push-resync.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/phone_lib.sh"

export PHONE_PW='up-Pw-3'
start_phones u --password "$PHONE_PW" query query notfound ok
P=$(phone u query)
LOAD='http://fw.example.com:8080/firmware/sip7832.11-0-1MPP-0123.loads'

expect_status 0 "$PROVKIT" upgrade --password env:PHONE_PW "$P" "$LOAD"
[ "$(logq u 'log[-1]["target"]')" = "/admin/upgrade?$LOAD&xuser=admin&xpassword=up-Pw-3" ] || fail "target"; ok
[ "$(logq u 'log[-1]["auth"]')" = ok ] || fail "credentials"; ok
[ ! -s "$T/err" ] || fail "unexpected diagnostics: $(cat "$T/err")"; ok

# The guide's example name, with spaces, is percent-encoded; a non-.loads name is warned about.
expect_status 0 "$PROVKIT" upgrade --password env:PHONE_PW "$P" 'http://p.tel.com/firmware/sip7832.11-0-1MPP-BN (BN==Build Number).loads'
[ "$(logq u 'log[-1]["target"].split("&xuser")[0]')" = '/admin/upgrade?http://p.tel.com/firmware/sip7832.11-0-1MPP-BN%20(BN==Build%20Number).loads' ] \
  || fail "encoded target: $(logq u 'log[-1]["target"]')"; ok
expect_status 0 "$PROVKIT" upgrade --password env:PHONE_PW "$P" tftp://192.168.1.5/image/firmware.bin
expect_stderr "warning: 'firmware.bin' does not look like a firmware load \(\*.loads\)"

# URLs the guide does not allow for upgrades: usage errors, nothing sent.
before=$(requests u)
for bad in /image/x.loads 192.168.1.5/x.loads ftp://fw/x.loads http://fw http://fw/ '[--key k] http://fw/x.loads' \
           '($SWVER ne sip78xx.11-0-0MPP)? http://fw/x.loads'; do
  expect_status 2 "$PROVKIT" upgrade --password env:PHONE_PW "$P" "$bad"
  expect_stderr "bad firmware URL"
done
expect_status 2 "$PROVKIT" upgrade "$P"
expect_stderr "give the FIRMWARE-URL"

# Downgrade limit: a load below it is refused (exit 1), nothing sent; at or above it goes.
expect_status 1 "$PROVKIT" upgrade --downgrade-limit sip7832.11-0-2MPP --password env:PHONE_PW "$P" "$LOAD"
expect_stderr "refusing to push sip7832.11-0-1MPP-0123: it is below the downgrade limit sip7832.11-0-2MPP"
expect_status 2 "$PROVKIT" upgrade --downgrade-limit 11.0.0 "$P" "$LOAD"
expect_stderr "cannot compare sip7832.11-0-1MPP-0123 with 11.0.0: one is an MPP version, the other a dotted one"
expect_status 2 "$PROVKIT" upgrade --downgrade-limit latest "$P" "$LOAD"
expect_stderr "'latest' is not a firmware version"
expect_status 2 "$PROVKIT" upgrade --downgrade-limit sip7832.11-0-1MPP "$P" http://fw/firmware.loads
expect_stderr "cannot tell the firmware version"
[ "$(requests u)" = "$before" ] || fail "a refused upgrade was sent"; ok
expect_status 0 "$PROVKIT" upgrade --downgrade-limit sip7832.11-0-1MPP-0100 --password env:PHONE_PW "$P" "$LOAD"
expect_status 0 "$PROVKIT" upgrade --current sip7832.11-0-2MPP-0001 --password env:PHONE_PW "$P" "$LOAD"
expect_stderr "warning: sip7832.11-0-1MPP-0123 is a downgrade from sip7832.11-0-2MPP-0001"
expect_status 0 "$PROVKIT" upgrade --current sip7832.11-0-1MPP-0123 --password env:PHONE_PW "$P" "$LOAD"
expect_stderr "already run sip7832.11-0-1MPP-0123"

# Failures: 404 names the endpoint.
expect_status 1 "$PROVKIT" upgrade "$(phone u notfound)" "$LOAD"
expect_stderr "HTTP 404 Not Found: wrong host, or firmware without /admin/upgrade"

# Fleets: per-phone load URLs in the fourth field, the rest get the command line's.
printf '%s\n' "$(phone u query 1),admin,env:PHONE_PW,http://fw/a/sip7832.12-0-1MPP-0001.loads" \
  "$(phone u query 2),admin,env:PHONE_PW" "$(phone u ok)" >"$T/fleet.csv"
expect_status 0 "$PROVKIT" upgrade --phones "$T/fleet.csv" --format json "$LOAD"
[ "$(grep -c '"ok":true' "$T/out")" = 3 ] || fail "report: $(cat "$T/out")"; ok
[ "$(logq u 'sorted(e["target"].split("&xuser")[0] for e in log[-3:])')" = \
  "['/admin/upgrade?$LOAD', '/admin/upgrade?$LOAD', '/admin/upgrade?http://fw/a/sip7832.12-0-1MPP-0001.loads']" ] \
  || fail "fleet targets: $(logq u '[e["target"] for e in log[-3:]]')"; ok
expect_status 0 "$PROVKIT" upgrade --dry-run --phones "$T/fleet.csv" "$LOAD"
[ "$(grep -c '^GET ' "$T/out")" = 3 ] || fail "dry run"; ok

# --rule: an Upgrade_Rule evaluated for the described phone chooses the load.
RULE='("$F" eq "beta")? http://fw/beta/sip7832.12-0-1MPP-0001.loads | ("$MA" eq "00562b043615")? http://fw/$MA/sip7832.11-0-2MPP-0002.loads | http://fw/sip7832.11-0-1MPP-0123.loads'
expect_status 0 "$PROVKIT" upgrade -v --password env:PHONE_PW --mac 00:56:2B:04:36:15 --rule "$RULE" "$P"
expect_stderr "note: --rule chose alternative 2: http://fw/00562b043615/sip7832.11-0-2MPP-0002.loads"
[ "$(logq u 'log[-1]["target"].split("&xuser")[0]')" = '/admin/upgrade?http://fw/00562b043615/sip7832.11-0-2MPP-0002.loads' ] \
  || fail "rule target: $(logq u 'log[-1]["target"]')"; ok
printf 'GPP_F=beta\n' >"$T/device.txt"
expect_status 0 "$PROVKIT" upgrade --password env:PHONE_PW --device "$T/device.txt" --rule "$RULE" "$P"
[ "$(logq u 'log[-1]["target"].split("&xuser")[0]')" = '/admin/upgrade?http://fw/beta/sip7832.12-0-1MPP-0001.loads' ] \
  || fail "rule target with GPP_F: $(logq u 'log[-1]["target"]')"; ok
printf '<flat-profile><GPP_F>beta</GPP_F></flat-profile>\n' >"$T/phone.xml"
expect_status 0 "$PROVKIT" upgrade --dry-run --profile "$T/phone.xml" --rule "$RULE" "$P"
grep -q "/admin/upgrade?http://fw/beta/sip7832.12-0-1MPP-0001.loads" "$T/out" || fail "rule from --profile"; ok
before=$(requests u)
expect_status 1 "$PROVKIT" upgrade --rule '($SWVER ne sip7832.11-0-1MPP)? http://fw/x.loads' --set SWVER=sip7832.11-0-1MPP "$P"
expect_stderr "--rule chooses no firmware for the described phone"
expect_status 1 "$PROVKIT" upgrade --downgrade-limit sip7832.11-0-3MPP --mac 00562b043615 --rule "$RULE" "$P"
expect_stderr "refusing to push sip7832.11-0-2MPP-0002"
expect_status 2 "$PROVKIT" upgrade --rule '(1 eq )? http://fw/x.loads' "$P"
expect_stderr "--rule: column [0-9]+: "
expect_status 2 "$PROVKIT" upgrade --rule '("é" eq "ü" xx)? http://fw/x.loads' "$P"  # characters, not bytes
expect_stderr "--rule: column 13: expected 'and' between comparisons"
expect_status 2 "$PROVKIT" upgrade --rule $'http://fw/x.loads\n| ("é" eq "ü" xx)? http://fw/y.loads' "$P"
expect_stderr "--rule: line 2, column 15: expected 'and' between comparisons"
expect_status 2 "$PROVKIT" upgrade --rule '[--key k] http://fw/x.loads' "$P"
expect_stderr "--rule: column [0-9]+: "
expect_status 2 "$PROVKIT" upgrade --rule 'http://fw/x.loads' "$P" "$LOAD"
expect_stderr "either a FIRMWARE-URL or --rule"
expect_status 2 "$PROVKIT" upgrade --mac 00562b043615 "$P" "$LOAD"
expect_stderr "describe the phone for --rule"
[ "$(requests u)" = "$before" ] || fail "a refused rule sent something"; ok

done_checks
