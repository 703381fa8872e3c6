#!/usr/bin/env bash
# The completion scripts parse in their shells, and bash's completes a command and a flag.
source "$(dirname "$0")/lib.sh"
c="$PROVKIT_SOURCE_DIR/completions"
expect_status 0 bash -n "$c/provkit.bash"
expect_status 0 zsh -n "$c/_provkit"
expect_status 0 fish --no-execute "$c/provkit.fish"
# Drive the bash completion function as bash would.
words=$(bash -c "source '$c/provkit.bash'; COMP_WORDS=(provkit gz); COMP_CWORD=1; _provkit; echo \"\${COMPREPLY[*]}\"")
[ "$words" = "gzip" ] || fail "bash completion of 'provkit gz' gave '$words'"
ok
words=$(bash -c "source '$c/provkit.bash'; COMP_WORDS=(provkit decrypt --sc); COMP_CWORD=2; _provkit; echo \"\${COMPREPLY[*]}\"")
[ "$words" = "--scheme" ] || fail "bash completion of 'provkit decrypt --sc' gave '$words'"
ok
done_checks
