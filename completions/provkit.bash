# bash completion for provkit(1). One `name) opts="..."` line per subcommand; kept in step with
# `provkit CMD --help` by tests/cli/test_docs_agree.sh.
_provkit() {
    local cur prev cmd opts commands
    COMPREPLY=()
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    commands="push-resync upgrade"
    cmd="${COMP_WORDS[1]}"
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    case "$cmd" in
        push-resync) opts="--https --user --password --auth --cacert --pinnedpubkey --insecure --connect-timeout --timeout --phones --parallel --format --retry --dry-run --raw-url -v --verbose --config --force --via --model" ;;
        upgrade) opts="--https --user --password --auth --cacert --pinnedpubkey --insecure --connect-timeout --timeout --phones --parallel --format --retry --dry-run --raw-url -v --verbose --current --downgrade-limit" ;;
        *) opts="" ;;
    esac
    case "$prev" in
        -o|--output|--pass|--catalog|--config|--phones|--cacert|--pinnedpubkey) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$opts --help" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -F _provkit provkit
