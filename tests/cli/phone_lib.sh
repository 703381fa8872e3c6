# Helpers for the delivery tests (source after lib.sh): fake phones (fake_phone.py) started
# in the background on 127.0.0.x and stopped on exit, and queries on what they recorded.
FAKE_PHONE="$PROVKIT_SOURCE_DIR/tests/cli/fake_phone.py"
phone_pids=()
stop_phones() { for p in "${phone_pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap 'stop_phones; rm -rf "$T"' EXIT

# start_phones NAME [fake_phone options] SPEC...: starts a fake phone process whose phones are
# listed in $T/NAME.ready ("HOST:PORT MODE") and whose requests go to $T/NAME.log.
start_phones() {
  local name=$1; shift
  : >"$T/$name.log"
  python3 "$FAKE_PHONE" --ready "$T/$name.ready" --log "$T/$name.log" "$@" 2>"$T/$name.stderr" &
  phone_pids+=($!)
  local i
  for i in $(seq 1 600); do
    [ -s "$T/$name.ready" ] && return 0
    kill -0 "${phone_pids[-1]}" 2>/dev/null || fail "fake phone $name died: $(cat "$T/$name.stderr")"
    sleep 0.05
  done
  fail "fake phone $name did not start within 30 s"
}

# phone NAME MODE [N]: the address of the N-th (default first) phone of that mode.
phone() { awk -v m="$2" -v n="${3:-1}" '$2 == m && ++k == n { print $1 }' "$T/$1.ready"; }

# requests NAME: the number of requests recorded.
requests() { wc -l <"$T/$1.log" | tr -d ' '; }

# wait_requests NAME N: waits (up to 30 s) until at least N requests are recorded. A phone that
# never answers records its request when its handler thread gets to it, which on a loaded machine
# can be after provkit gave up on it and exited.
wait_requests() {
  local i
  for i in $(seq 1 600); do [ "$(requests "$1")" -ge "$2" ] && return 0; sleep 0.05; done
}

# logq NAME PYTHON-EXPR: evaluates the expression with `log` = the list of recorded requests
# (dicts) and prints the result.
logq() { python3 -c "import json,sys; log=[json.loads(l) for l in open(sys.argv[1])]; print($2)" "$T/$1.log"; }

# last_body NAME FILE: writes the body of the last recorded request to FILE, byte for byte.
last_body() {
  python3 -c "import json,sys; log=[json.loads(l) for l in open(sys.argv[1])]; open(sys.argv[2],'wb').write(log[-1]['body'].encode('latin-1'))" "$T/$1.log" "$2"
}

# no_secret TEXT FILE...: none of the files holds TEXT.
no_secret() {
  local secret=$1; shift
  local f
  for f in "$@"; do
    if grep -qF -- "$secret" "$f"; then fail "the secret appears in $f: $(grep -F -- "$secret" "$f" | head -3)"; fi
  done
  ok
}
