# bash completion for provkit(1). One `name) opts="..."` line per subcommand; kept in step with
# `provkit CMD --help` by tests/cli/test_docs_agree.sh.
_provkit() {
    local cur prev cmd opts commands
    COMPREPLY=()
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    commands="gzip encrypt decrypt compile"
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
        *) opts="" ;;
    esac
    case "$prev" in
        -o|--output|--pass|--catalog|--devices|--manifest) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --out-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$opts --help" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -F _provkit provkit
