#!/usr/bin/env bash
# The top level of the command line: --version, --help, and what an unknown or mistyped command
# gets (exit 2, the name back, a suggestion when one command is close).
source "$(dirname "$0")/lib.sh"
expect_status 0 "$PROVKIT" --version
grep -Eq '^provkit [0-9]+\.[0-9]+\.[0-9]+' "$T/out" || fail "--version printed: $(cat "$T/out")"
ok
expect_status 0 "$PROVKIT" --help
grep -q 'encrypt' "$T/out" || fail "--help lists no commands"
ok
expect_status 2 "$PROVKIT" bogus
expect_stderr '^provkit: error: unknown command "bogus"; see .provkit --help. for the commands$'
expect_status 2 "$PROVKIT" encypt -k x file.xml
expect_stderr '^provkit: error: unknown command "encypt"; did you mean .encrypt.\?$'
expect_status 2 "$PROVKIT" --verbose lnit
expect_stderr 'unknown command "lnit"; did you mean .lint.\?'
expect_status 2 "$PROVKIT" push-resnyc
expect_stderr "did you mean 'push-resync'\?"
# A typed name is shown escaped: no control character reaches the terminal.
expect_status 2 "$PROVKIT" $'\e[31mbogus'
expect_stderr '^provkit: error: unknown command "\\x1b\[31mbogus"; see'
expect_status 2 "$PROVKIT" $'encr\001ypt'
expect_stderr '^provkit: error: unknown command "encr\\x01ypt"; did you mean .encrypt.\?$'
# Any message: input quoted in it (here a macro value, a rule, a flag value) never sends the
# terminal a control character or a byte that is not UTF-8.
no_raw_controls() {
  ! LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$T/err" || fail "a control character reached stderr: $(od -c "$T/err" | head)"
  python3 -c 'import sys; sys.stdin.buffer.read().decode("utf-8")' <"$T/err" || fail "stderr is not UTF-8"
  ! grep -q $'\xc2\x9b' "$T/err" || fail "a C1 control reached stderr"
  ok
}
expect_status 2 "$PROVKIT" eval-rule --set $'A=\e[31m\xc2\x9b\xff' '($A eq 1)? /x'
expect_stderr "expands to '\?\[31m\?\?'"
no_raw_controls
expect_status 2 "$PROVKIT" eval-rule $'(\e[2J eq 1)? /x'
no_raw_controls
expect_status 2 "$PROVKIT" gzip --max-size $'\e[2J\xff'
no_raw_controls
expect_status 2 "$PROVKIT" gzip --max-size $'1\nprovkit: note: all good'  # no forged line
! grep -q '^provkit: note' "$T/err" || fail "a line of input read as provkit's own: $(cat "$T/err")"; ok
expect_stderr '^    provkit: note: all good'
expect_status 2 "$PROVKIT" gzip --no-such-flag
expect_stderr "^provkit: error: .*--no-such-flag"
done_checks
