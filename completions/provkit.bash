# bash completion for provkit(1). One `name) opts="..."` line per subcommand; kept in step with
# `provkit CMD --help` by tests/cli/test_docs_agree.sh.
_provkit() {
    local cur prev cmd opts commands
    COMPREPLY=()
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    commands="gzip encrypt decrypt compile expand-macros eval-rule push-resync upgrade simulate lint"
    cmd="${COMP_WORDS[1]}"
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    case "$cmd" in
        gzip) opts="-d --decompress -c --stdout -k --keep -f --force -t --test -1 -2 -3 -4 -5 -6 -7 -8 -9 --fast --best -o --output --max-size" ;;
        encrypt) opts="-o --output -k --key --pass --scheme --md --pbkdf2 --iter --salt --gzip -f --force --key-encoding --rs --keyid" ;;
        decrypt) opts="-o --output -k --key --pass --scheme --md --pbkdf2 --iter --raw --max-size -v --verbose -f --force --key-encoding" ;;
        compile) opts="-o --output --set --from --show-origin --strict --catalog -f --force --gzip -k --key --pass --scheme --md --pbkdf2 --iter --salt --key-encoding --rs --keyid --devices --out-dir --name --pass-column --keep-going --manifest --shard --jobs --keep-order" ;;
        expand-macros) opts="--mac --set --device --profile --warn-unset -k --key --pass --context" ;;
        eval-rule) opts="--kind --param --mac --set --device --profile --warn-unset -k --key --pass --tftp-server --format --explain --show-secrets" ;;
        lint) opts="--format --werror --strict --disable --catalog -k --key --pass" ;;
        push-resync) opts="--https --user --password --auth --cacert --pinnedpubkey --insecure --connect-timeout --timeout --phones --parallel --format --retry --dry-run --raw-url -v --verbose --config --force --via --model" ;;
        upgrade) opts="--https --user --password --auth --cacert --pinnedpubkey --insecure --connect-timeout --timeout --phones --parallel --format --retry --dry-run --raw-url -v --verbose --current --downgrade-limit --rule --mac --set --device --profile --warn-unset -k --key --pass" ;;
        simulate) opts="--mac --set --device --profile --warn-unset -k --key --pass --tftp-server -o --output --diff --format --upgrade --cacert --timeout --max-size" ;;
        *) opts="" ;;
    esac
    case "$prev" in
        -o|--output|--pass|--catalog|--config|--phones|--cacert|--pinnedpubkey|--devices|--manifest) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --out-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$opts --help" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -F _provkit provkit
