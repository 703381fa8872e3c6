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
