#!/usr/bin/env bash
# The README's demo: runs provkit's main jobs on the bundled example profile and shows what
# happened at each step. Usage: examples/demo.sh (after building into build/).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
provkit=${PROVKIT:-$root/build/provkit}
sample=$root/examples/sample-profile.xml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DEMO_KEY="demo-secret"
step() { printf '\n== %s\n$ %s\n' "$1" "$2"; bash -c "$2"; }
cd "$work"
cp "$sample" profile.xml
echo "provkit demo on $(basename "$sample") ($(wc -c <profile.xml) bytes, $(grep -c '</\|/>' profile.xml) lines with parameters)"

step "Compress and encrypt, as phones accept it (gzip, then openssl-enc AES-256-CBC with MD5 key derivation)" \
  "'$provkit' encrypt --gzip --pass env:DEMO_KEY -o profile.cfg profile.xml && ls -l profile.cfg && head -c 16 profile.cfg | od -An -c"
step "Decode it as the phone does (decrypt, inflate, check the XML); -v tells which key derivation matched" \
  "'$provkit' decrypt -v --pass env:DEMO_KEY -o decoded.xml profile.cfg && cmp profile.xml decoded.xml && echo 'decoded.xml is byte-identical to the original'"
step "The real openssl and gunzip read our file too" \
  "openssl enc -d -aes-256-cbc -md md5 -pass env:DEMO_KEY -in profile.cfg | gunzip -c | cmp - profile.xml && echo 'openssl enc -d -md md5 | gunzip: identical'"
step "A wrong key is reported as a wrong key, and nothing is written" \
  "'$provkit' decrypt -k not-the-key -o wrong.xml profile.cfg; echo \"exit status \$?\"; ls wrong.xml 2>/dev/null || echo 'no wrong.xml written'"
cp "$root"/examples/{site-common.txt,provisioning.txt,phone-1001.xml} .
step "Compile a site source (spc text, with an import) and a per-phone XML layer into one profile; later layers win" \
  "'$provkit' compile --show-origin --set 'Station Display Name=Front Desk' site-common.txt phone-1001.xml"
step "The same, gzipped and encrypted for download in one pass; openssl and gunzip read it back" \
  "'$provkit' compile --gzip --pass env:DEMO_KEY -o phone-1001.cfg site-common.txt phone-1001.xml && openssl enc -d -aes-256-cbc -md md5 -pass env:DEMO_KEY -in phone-1001.cfg | gunzip -c | head -4"
step "A misspelt name is caught with a suggestion (an error with --strict), and nothing is written" \
  "'$provkit' compile --strict --set Resync_Periodc=600 -o typo.xml site-common.txt; echo \"exit status \$?\"; ls typo.xml 2>/dev/null || echo 'no typo.xml written'"
step "Which file would this phone download? Its Profile_Rule, read from the encrypted profile, for one MAC address" \
  "'$provkit' eval-rule --profile profile.cfg --pass env:DEMO_KEY --mac 000e08012345 --param Profile_Rule"
step "An upgrade rule with every comparison shown; a trigger that does not hold exits with status 1" \
  "'$provkit' eval-rule --explain --set SWVER=sip78xx.11-0-1MPP '(\$SWVER lt sip78xx.11-0-2MPP)? http://fw.example/sip78xx.11-0-2MPP-0001.loads' --kind upgrade; '$provkit' eval-rule --kind trigger --set PRVTMR=30 '\$PRVTMR ge 600'; echo \"exit status \$?\""

# Delivery: a fake phone (the tests' tests/cli/fake_phone.py, on 127.0.0.1) stands in for real
# ones; it checks the admin password and records what it receives.
export PHONE_PW="demo-admin-pw"
python3 "$root/tests/cli/fake_phone.py" --ready phones.txt --log phone-log.jsonl --password "$PHONE_PW" \
  query query query notfound >/dev/null 2>&1 &
phone_pid=$!
trap 'kill $phone_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s phones.txt ] && break; sleep 0.05; done
phone=$(awk 'NR == 1 { print $1 }' phones.txt)
step "What a resync push would send: the guide's URL, with the password redacted" \
  "'$provkit' push-resync --dry-run --password env:PHONE_PW $phone 'https://prov.example.com/cisco/\$MA.xml'"
step "Push it to the phone, then upload the profile directly as 'curl -d @profile.xml' would" \
  "'$provkit' push-resync --password env:PHONE_PW $phone 'https://prov.example.com/cisco/\$MA.xml' && '$provkit' push-resync --password env:PHONE_PW --config profile.xml $phone"
step "What the phone received (request lines up to the credentials, and whether they were right)" \
  "python3 -c 'import json; [print(r[\"method\"], r[\"target\"].split(\"&xuser\")[0][:70], \"- credentials\", r[\"auth\"], \"- body\", len(r[\"body\"]), \"bytes\") for r in map(json.loads, open(\"phone-log.jsonl\"))]'"
step "A fleet of four phones, one of which has no /admin/resync, with a JSON report" \
  "cut -d' ' -f1 phones.txt >fleet.txt; '$provkit' push-resync --phones fleet.txt --password env:PHONE_PW --format json 'http://prov.example.com/\$MA.xml'; echo \"exit status \$?\""

# Simulation: serve this directory over http on 127.0.0.1 and resync a phone against it,
# exactly as the phone would: Profile_Rule fetches the encrypted phone-1001.cfg (key in GPP_SA,
# which expands only inside --key), Profile_Rule_B a file that is not there.
web_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 "$web_port" >/dev/null 2>&1 &
web_pid=$!
trap 'kill $phone_pid $web_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$web_port/" && break; sleep 0.05; done
cat >phone-state.xml <<STATE
<flat-profile>
<Profile_Rule>[--key \$SA] http://127.0.0.1:$web_port/phone-1001.cfg</Profile_Rule>
<Profile_Rule_B>http://127.0.0.1:$web_port/\$MA.xml</Profile_Rule_B>
<GPP_SA>$DEMO_KEY</GPP_SA>
<Resync_Fails_On_FNF>No</Resync_Fails_On_FNF>
</flat-profile>
STATE
step "Simulate the phone's resync against the local server: rules, requests, classes, decoding, syslog" \
  "'$provkit' simulate --profile phone-state.xml --mac 000e08012345 --set PN=CP-7832-3PCC --set SWVER=11.0.1 -o phone-after.xml | cut -c1-110"
step "The same in CI form: only the parameters the resync changed" \
  "'$provkit' simulate --profile phone-state.xml --mac 000e08012345 --diff | head -5"
step "Lint what the repository holds: the profile, the spc sources (with their import) and the XML layer; silence means clean" \
  "'$provkit' lint profile.xml site-common.txt phone-1001.xml && echo 'no findings'"
sed -e 's/<Enable_Web_Server ua="na">/<Enable_Web_Server ua=”na”>/' -e 's/Resync_Periodic ua="na">7200/Resync_Periodic ua="na">7200+/' \
  -e 's/<Session_Max_Timeout ua="na">3600<\/Session_Max_Timeout>/<Session_Max_Timeot ua="na">3600<\/Session_Max_Timeot>/' profile.xml >pasted.xml
step "A curly quote pasted from a PDF, a typo and a bad schedule: each at its line and column, with what to write" \
  "'$provkit' lint pasted.xml; echo \"exit status \$?\""
step "The same for CI: GitHub annotations; an encrypted .cfg is skipped without the key and checked with it" \
  "'$provkit' lint --format github pasted.xml | head -1; '$provkit' lint profile.cfg; '$provkit' lint --pass env:DEMO_KEY profile.cfg && echo 'profile.cfg: no findings'"
