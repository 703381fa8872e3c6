# Shared helpers for the black-box CLI tests: source it first. Provides $PROVKIT, a scratch
# directory $T removed on exit, and assertions that stop the test with a message.
set -euo pipefail
: "${PROVKIT:?PROVKIT must name the built provkit binary}"
: "${PROVKIT_SOURCE_DIR:?PROVKIT_SOURCE_DIR must name the source tree}"
SAMPLE="$PROVKIT_SOURCE_DIR/examples/sample-profile.xml"
T=$(mktemp -d "${TMPDIR:-/tmp}/provkit-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
checks=0

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { checks=$((checks + 1)); }

# expect_status N CMD...: runs CMD with stdout in $T/out, stderr in $T/err; checks its status.
expect_status() {
  local want=$1; shift
  local got=0
  "$@" >"$T/out" 2>"$T/err" || got=$?
  [ "$got" -eq "$want" ] || fail "expected exit $want, got $got: $* (stderr: $(head -c 500 "$T/err"))"
  ok
}

# expect_stderr REGEX: the last command's stderr matches REGEX.
expect_stderr() { grep -Eq -- "$1" "$T/err" || fail "stderr does not match '$1': $(head -c 500 "$T/err")"; ok; }

# same_bytes A B: the two files are byte-identical.
same_bytes() { cmp -s "$1" "$2" || fail "$1 and $2 differ"; ok; }

# links_asan FILE: FILE (a program or library) is linked to the ASan runtime. ldd's whole output
# is taken first: `ldd | grep -q` under pipefail fails now and then, when grep stops reading
# early and ldd dies of SIGPIPE.
links_asan() { case $(ldd "$1" 2>/dev/null) in *libasan*) return 0 ;; *) return 1 ;; esac; }

# flip_byte FILE OFFSET: inverts every bit of the byte at OFFSET, so the file always changes.
# (Writing a fixed byte leaves random data such as a salt or a nonce unchanged 1 time in 256.)
flip_byte() {
  local byte
  byte=$(od -An -tu1 -j "$2" -N1 "$1")
  [ -n "${byte// /}" ] || fail "flip_byte: $1 has no byte at offset $2"
  # shellcheck disable=SC2059  # the format is the octal escape of the flipped byte
  printf "\\$(printf '%03o' $((byte ^ 255)))" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

# salted_header SALT FILE: FILE, made by openssl enc -S SALT, with its Salted__ header (OpenSSL 3
# leaves the header out when -S is given; older versions write it).
salted_header() {
  if printf 'Salted__' | cmp -s -n 8 - "$2"; then cat "$2"; else printf 'Salted__'; printf '%s' "$1" | xxd -r -p; cat "$2"; fi
}

# utf16_copies SRC DIR: SRC saved as UTF-16 three ways, as DIR/u16le.xml, DIR/u16be.xml (no byte
# order mark) and DIR/u16bom.xml (little-endian with one, as Windows' "Unicode" saves it).
utf16_copies() {
  python3 - "$1" "$2" <<'PY'
import sys
text = open(sys.argv[1], "rb").read().decode()
for name, codec in (("u16le", "utf-16-le"), ("u16be", "utf-16-be"), ("u16bom", "utf-16")):
    open(f"{sys.argv[2]}/{name}.xml", "wb").write(text.encode(codec))
PY
}

# done_checks: prints the number of checks made (call at the end of every test).
done_checks() { echo "$(basename "$0"): $checks checks passed"; }
