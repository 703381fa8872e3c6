#!/usr/bin/env bash
# Hostile inputs: every row of tests/data/hostile/expectations.tsv (file, command, exit status,
# stderr regex) is run with a hang guard and, outside sanitizer builds, an address-space limit.
# Each must end with its status and message, leave no output file (nor temporary file) behind
# and leave its input unchanged. Large inputs are generated at test time (generate.py).
source "$(dirname "$0")/lib.sh"
src="$PROVKIT_SOURCE_DIR/tests/data/hostile"
H="$T/h"
mkdir -p "$H" "$T/o"
for f in "$src"/*; do
  case $(basename "$f") in expectations.tsv | generate.py) ;; *) cp "$f" "$H/" ;; esac
done
python3 "$src/generate.py" "$H" "$SAMPLE"

limit_kb=1048576  # 1 GiB of address space: generous, but far below what a bomb would need
if (ulimit -v 200000 && "$PROVKIT" --version >/dev/null 2>&1); then
  memory_guard="ulimit -v $limit_kb;"
else
  memory_guard=""
  echo "note: address-space limits unusable with this build (sanitizers); memory bound not checked" >&2
fi

# The command line for an expectations.tsv command name ($2); IN, OUT and TEMPLATE are replaced.
command_for() {
  case $2 in
    gzip) echo "gzip -d -o OUT IN" ;;
    gzip-t) echo "gzip -t IN" ;;
    decrypt) echo "decrypt -k hostile -o OUT IN" ;;
    decrypt-raw) echo "decrypt --raw -k hostile -o OUT IN" ;;
    compile) echo "compile -o OUT IN" ;;
    expand-macros) echo "expand-macros --profile IN \$A" ;;
    eval-rule) echo "eval-rule --profile IN --param Profile_Rule" ;;
    push-resync) echo "push-resync --dry-run --password pass:x --config IN 127.0.0.1" ;;
    compile-devices) echo "compile TEMPLATE --devices IN --out-dir OUT --keep-going" ;;
    *) fail "expectations.tsv: unknown command $2" ;;
  esac
}

rows=0
while IFS=$'\t' read -r file cmd want regex; do
  [[ -z $file || $file == \#* ]] && continue
  in="$H/$file"
  [ -f "$in" ] || fail "expectations.tsv: no input $file"
  out="$T/o/out"
  read -r -a argv <<<"$(command_for "$file" "$cmd")"
  for i in "${!argv[@]}"; do
    case ${argv[$i]} in IN) argv[$i]=$in ;; OUT) argv[$i]=$out ;; TEMPLATE) argv[$i]=$SAMPLE ;; esac
  done
  sum_before=$(cksum <"$in")
  got=0
  # timeout is a hang guard only (a hostile input must fail fast, long before it).
  timeout -s KILL 300 bash -c "$memory_guard"' exec "$@"' provkit "$PROVKIT" "${argv[@]}" \
    </dev/null >"$T/out" 2>"$T/err" || got=$?
  [ "$got" -ne 137 ] || fail "$file / $cmd: hung (killed by the hang guard) or ran out of memory"
  [ "$got" -eq "$want" ] || fail "$file / $cmd: exit $got, expected $want: $(head -c 400 "$T/err")"
  ok
  if [ "$regex" = '^$' ]; then
    [ ! -s "$T/err" ] || fail "$file / $cmd: expected no message: $(head -c 400 "$T/err")"
  else
    grep -Eq -- "$regex" "$T/err" || fail "$file / $cmd: stderr does not match '$regex': $(head -c 400 "$T/err")"
  fi
  ok
  if [ "$want" -ne 0 ]; then
    # Nothing but (for compile --devices) an empty output directory.
    left=$(find "$T/o" -mindepth 1 ! -type d)
    [ -z "$left" ] || fail "$file / $cmd: left $left behind"
    ok
  fi
  rm -rf "$T/o" && mkdir "$T/o"
  [ "$(cksum <"$in")" = "$sum_before" ] || fail "$file / $cmd: the input was changed"
  ok
  rows=$((rows + 1))
done <"$src/expectations.tsv"
[ "$rows" -ge 50 ] || fail "only $rows rows in expectations.tsv"
echo "$rows hostile inputs checked"
done_checks
